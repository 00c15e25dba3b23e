#pragma once
// Marks the "\xNN" escapes that safeText() writes for control characters, so they stand out
// from the payload's own text. TextPayloadView attaches it only to payloads that contain
// control characters; in other text, a literal "\x01" is just text.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace bs::ui {

class ControlEscapeHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit ControlEscapeHighlighter(QObject* parent);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_escape;
};

} // namespace bs::ui
