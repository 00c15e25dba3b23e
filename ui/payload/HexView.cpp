#include "ui/payload/HexView.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QFontDatabase>
#include <QMenu>
#include <QPainter>
#include <QScrollBar>

#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::ui {

using bs::models::HexDump;

namespace {

constexpr int Margin = 6;
constexpr int ColumnGapChars = 2;

} // namespace

HexView::HexView(QWidget* parent)
    : QAbstractScrollArea(parent)
{
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    viewport()->setBackgroundRole(QPalette::Base);
    viewport()->setAutoFillBackground(true);
    setFocusPolicy(Qt::StrongFocus);
    updateMetrics();
}

void HexView::setPayload(const QByteArray& bytes)
{
    m_dump = HexDump(bytes);
    verticalScrollBar()->setValue(0);
    horizontalScrollBar()->setValue(0);
    updateScrollBars();
    viewport()->update();
}

void HexView::clear()
{
    setPayload({});
}

qint64 HexView::firstVisibleLine() const
{
    return verticalScrollBar()->value();
}

int HexView::visibleLineCount() const
{
    return std::max(1, viewport()->height() / m_lineHeight);
}

QStringList HexView::visibleLines() const
{
    return m_dump.lines(firstVisibleLine(), visibleLineCount());
}

void HexView::scrollToOffset(qint64 byteOffset)
{
    verticalScrollBar()->setValue(int(std::clamp<qint64>(byteOffset / HexDump::BytesPerLine, 0, INT_MAX)));
}

int HexView::contentWidth() const
{
    const int chars = m_dump.offsetDigits() + ColumnGapChars + HexDump::HexColumnChars
                      + ColumnGapChars + HexDump::BytesPerLine + 2;
    return 2 * Margin + int(std::ceil(chars * m_charWidth));
}

QSize HexView::sizeHint() const
{
    return {contentWidth() + verticalScrollBar()->sizeHint().width() + 2 * frameWidth(),
            20 * m_lineHeight};
}

void HexView::updateMetrics()
{
    const QFontMetricsF metrics(font());
    m_charWidth = std::max<qreal>(1, metrics.horizontalAdvance(u'0'));
    m_lineHeight = std::max(1, int(std::ceil(metrics.height())) + 1);
    updateScrollBars();
}

void HexView::updateScrollBars()
{
    // Lines beyond INT_MAX (payloads over 32 GB) cannot occur: QByteArray cannot hold them.
    const qint64 lines = m_dump.lineCount();
    const int visible = visibleLineCount();
    verticalScrollBar()->setRange(0, int(std::clamp<qint64>(lines - visible, 0, INT_MAX)));
    verticalScrollBar()->setPageStep(visible);
    verticalScrollBar()->setSingleStep(1);
    horizontalScrollBar()->setRange(0, std::max(0, contentWidth() - viewport()->width()));
    horizontalScrollBar()->setPageStep(viewport()->width());
    horizontalScrollBar()->setSingleStep(int(std::ceil(m_charWidth)));
}

void HexView::paintEvent(QPaintEvent*)
{
    QPainter painter(viewport());
    painter.setFont(font());
    const QPalette& pal = palette();
    if (m_dump.size() == 0) {
        m_lastPaintedLines = 0;
        painter.setPen(pal.color(QPalette::PlaceholderText));
        painter.drawText(viewport()->rect(), Qt::AlignCenter, tr("(empty payload)"));
        return;
    }
    const qreal x0 = Margin - horizontalScrollBar()->value();
    const qreal hexX = x0 + (m_dump.offsetDigits() + ColumnGapChars) * m_charWidth;
    const qreal asciiX = hexX + (HexDump::HexColumnChars + ColumnGapChars) * m_charWidth;
    const qreal ascent = QFontMetricsF(font()).ascent();
    const QColor offsetColour = pal.color(QPalette::PlaceholderText);
    const QColor hexColour = pal.color(QPalette::Text);
    const QColor asciiColour = QColor::fromRgb(0x1f, 0x5f, 0x8b);

    const qint64 first = firstVisibleLine();
    // One partly visible line at the bottom, too.
    const qint64 end = std::min(m_dump.lineCount(), first + visibleLineCount() + 1);
    int y = 0;
    for (qint64 line = first; line < end; ++line, y += m_lineHeight) {
        if (line % 2 == 1)
            painter.fillRect(QRect(0, y, viewport()->width(), m_lineHeight), pal.color(QPalette::AlternateBase));
        const qreal baseline = y + ascent;
        painter.setPen(offsetColour);
        painter.drawText(QPointF(x0, baseline), m_dump.offsetText(line));
        painter.setPen(hexColour);
        painter.drawText(QPointF(hexX, baseline), m_dump.hexText(line));
        painter.setPen(asciiColour);
        painter.drawText(QPointF(asciiX, baseline), u'|' + m_dump.asciiText(line) + u'|');
    }
    m_lastPaintedLines = int(end - first);
}

void HexView::resizeEvent(QResizeEvent* event)
{
    QAbstractScrollArea::resizeEvent(event);
    updateScrollBars();
}

void HexView::changeEvent(QEvent* event)
{
    QAbstractScrollArea::changeEvent(event);
    if (event->type() == QEvent::FontChange)
        updateMetrics();
}

void HexView::contextMenuEvent(QContextMenuEvent* event)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QAction* copy = menu->addAction(tr("Copy visible lines"));
    copy->setEnabled(m_dump.size() > 0);
    connect(copy, &QAction::triggered, this, [this] {
        QApplication::clipboard()->setText(visibleLines().join(u'\n'));
    });
    menu->popup(event->globalPos());
}

} // namespace bs::ui
