#include "ui/payload/JsonHighlighter.h"

namespace bs::ui {

namespace {

QTextCharFormat colour(QRgb rgb, bool bold = false)
{
    QTextCharFormat format;
    format.setForeground(QColor(rgb));
    if (bold)
        format.setFontWeight(QFont::DemiBold);
    return format;
}

bool isNumberChar(QChar c)
{
    return c.isDigit() || c == u'-' || c == u'+' || c == u'.' || c == u'e' || c == u'E';
}

} // namespace

JsonHighlighter::JsonHighlighter(QTextDocument* document)
    : QSyntaxHighlighter(document)
    , m_key(colour(qRgb(0x0b, 0x4f, 0x9c), true))
    , m_string(colour(qRgb(0x1a, 0x7f, 0x37)))
    , m_number(colour(qRgb(0xb3, 0x52, 0x00)))
    , m_keyword(colour(qRgb(0x7a, 0x3e, 0xb8)))
    , m_punctuation(colour(qRgb(0x80, 0x80, 0x80)))
{
}

void JsonHighlighter::highlightBlock(const QString& text)
{
    const qsizetype size = text.size();
    qsizetype i = 0;
    while (i < size) {
        const QChar c = text.at(i);
        if (c == u'"') {
            const qsizetype start = i++;
            while (i < size && text.at(i) != u'"')
                i += text.at(i) == u'\\' ? 2 : 1;
            i = std::min(i + 1, size);
            qsizetype next = i;
            while (next < size && text.at(next).isSpace())
                ++next;
            const bool isKey = next < size && text.at(next) == u':';
            setFormat(int(start), int(i - start), isKey ? m_key : m_string);
        } else if (c.isDigit() || c == u'-') {
            const qsizetype start = i;
            while (i < size && isNumberChar(text.at(i)))
                ++i;
            setFormat(int(start), int(i - start), m_number);
        } else if (c == u't' || c == u'f' || c == u'n') {
            const qsizetype start = i;
            while (i < size && text.at(i).isLetter())
                ++i;
            const QStringView word = QStringView(text).sliced(start, i - start);
            if (word == u"true" || word == u"false" || word == u"null")
                setFormat(int(start), int(i - start), m_keyword);
        } else if (c == u'{' || c == u'}' || c == u'[' || c == u']' || c == u',' || c == u':') {
            setFormat(int(i), 1, m_punctuation);
            ++i;
        } else {
            ++i;
        }
    }
}

} // namespace bs::ui
