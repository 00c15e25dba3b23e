#include "ui/payload/ControlEscapeHighlighter.h"

namespace bs::ui {

namespace {

bool isHexDigit(QChar c)
{
    return (c >= u'0' && c <= u'9') || (c >= u'a' && c <= u'f');
}

} // namespace

ControlEscapeHighlighter::ControlEscapeHighlighter(QObject* parent)
    : QSyntaxHighlighter(parent)
{
    m_escape.setForeground(QColor(0xa0, 0x10, 0x20));
    m_escape.setBackground(QColor(0xfd, 0xe8, 0xe8));
}

void ControlEscapeHighlighter::highlightBlock(const QString& text)
{
    for (qsizetype i = text.indexOf(u'\\'); i >= 0 && i + 3 < text.size(); i = text.indexOf(u'\\', i + 1)) {
        if (text.at(i + 1) == u'x' && isHexDigit(text.at(i + 2)) && isHexDigit(text.at(i + 3)))
            setFormat(int(i), 4, m_escape);
    }
}

} // namespace bs::ui
