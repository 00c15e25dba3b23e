#pragma once
// A hex dump that paints only the rows on screen. The vertical scroll bar counts lines of
// HexDump (16 bytes each), so its range covers the whole payload while nothing but the
// visible thirty-odd lines is ever formatted: a 100 MB payload opens at once.

#include "models/payload/HexDump.h"

#include <QAbstractScrollArea>

namespace bs::ui {

class HexView : public QAbstractScrollArea
{
    Q_OBJECT
public:
    explicit HexView(QWidget* parent = nullptr);

    void setPayload(const QByteArray& bytes);
    void clear();
    const bs::models::HexDump& dump() const { return m_dump; }

    qint64 firstVisibleLine() const;
    int visibleLineCount() const; ///< Lines that fit entirely in the viewport.
    int lastPaintedLineCount() const { return m_lastPaintedLines; }
    /// Text of the lines on screen, as painted (for copying and for tests).
    QStringList visibleLines() const;
    void scrollToOffset(qint64 byteOffset);

    QSize sizeHint() const override;

protected:
    void paintEvent(QPaintEvent* event) override;
    void resizeEvent(QResizeEvent* event) override;
    void changeEvent(QEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;

private:
    void updateMetrics();
    void updateScrollBars();
    int contentWidth() const;

    bs::models::HexDump m_dump;
    qreal m_charWidth = 8; ///< Fractional: rounding it would drift columns apart.
    int m_lineHeight = 16;
    int m_lastPaintedLines = 0;
};

} // namespace bs::ui
