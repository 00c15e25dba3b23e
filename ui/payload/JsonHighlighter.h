#pragma once
// Colours JSON text: member names, strings, numbers, true/false/null and punctuation. A small
// per-line scanner rather than regular expressions, so escaped quotes inside strings are
// handled and a long line costs one pass.

#include <QSyntaxHighlighter>
#include <QTextCharFormat>

namespace bs::ui {

class JsonHighlighter : public QSyntaxHighlighter
{
    Q_OBJECT
public:
    explicit JsonHighlighter(QTextDocument* document);

protected:
    void highlightBlock(const QString& text) override;

private:
    QTextCharFormat m_key;
    QTextCharFormat m_string;
    QTextCharFormat m_number;
    QTextCharFormat m_keyword;
    QTextCharFormat m_punctuation;
};

} // namespace bs::ui
