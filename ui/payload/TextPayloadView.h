#pragma once
// Read-only text of a payload, safe for any bytes: invalid UTF-8 shows as U+FFFD and control
// characters as highlighted "\xNN" escapes, with a note saying so. Only the first
// displayLimit() bytes (1 MB) go into the document, so a 100 MB payload opens at once; a
// "Show all (100 MB)" button loads the rest when the user asks for it. Lines longer than
// MaxDisplayLineChars are broken for display (Copy payload still copies the exact bytes).

#include <QByteArray>
#include <QWidget>

class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace bs::ui {

class ControlEscapeHighlighter;

class TextPayloadView : public QWidget
{
    Q_OBJECT
public:
    static constexpr qsizetype DefaultDisplayLimit = 1024 * 1024;
    /// Longer lines are shown broken into several (a note says so): laying out one
    /// megabyte-long line would freeze the window for seconds.
    static constexpr qsizetype MaxDisplayLineChars = 10'000;

    explicit TextPayloadView(QWidget* parent = nullptr);

    /// Shows the first displayLimit() bytes of `bytes` (cut on a character boundary).
    void setPayload(const QByteArray& bytes);
    void clear();
    /// Shows every byte, however long that takes; a no-op when nothing is cut.
    void showAll();

    void setDisplayLimit(qsizetype bytes) { m_displayLimit = bytes; }
    qsizetype displayLimit() const { return m_displayLimit; }
    bool isCapped() const { return m_shownBytes < m_payload.size(); }
    qsizetype shownBytes() const { return m_shownBytes; }

    /// A line shown above the text (for example why JSON is shown raw); empty hides it.
    void setNotice(const QString& notice);
    QString notice() const;
    /// What the display changed: bad UTF-8, control characters, broken long lines.
    QString displayNote() const;

    QPlainTextEdit* editor() const { return m_editor; }
    QPushButton* showAllButton() const { return m_showAllButton; }

private:
    void fill(qsizetype bytes);

    QByteArray m_payload;
    qsizetype m_shownBytes = 0;
    qsizetype m_displayLimit = DefaultDisplayLimit;
    QLabel* m_notice;
    QLabel* m_displayNote;
    QWidget* m_capBar;
    QLabel* m_capLabel;
    QPushButton* m_showAllButton;
    QPlainTextEdit* m_editor;
    ControlEscapeHighlighter* m_controlHighlighter;
};

} // namespace bs::ui
