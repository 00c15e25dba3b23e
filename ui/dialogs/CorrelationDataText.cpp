#include "ui/dialogs/CorrelationDataText.h"

#include <QStringDecoder>

#include <cctype>

namespace bs::ui {

std::optional<QByteArray> parseCorrelationData(const QString& text, QString* error)
{
    if (!text.startsWith(u"0x", Qt::CaseInsensitive))
        return text.toUtf8();
    return parseHexBytes(QStringView(text).mid(2), error);
}

std::optional<QByteArray> parseHexBytes(QStringView hex, QString* error)
{
    QByteArray digits;
    digits.reserve(hex.size());
    for (const QChar c : hex) {
        if (c.isSpace())
            continue;
        if (c.unicode() > 0x7F || !std::isxdigit(c.unicode())) {
            if (error)
                *error = QStringLiteral("'%1' is not a hex digit").arg(c);
            return std::nullopt;
        }
        digits.append(char(c.unicode()));
    }
    if (digits.size() % 2 != 0) {
        if (error)
            *error = QStringLiteral("odd number of hex digits");
        return std::nullopt;
    }
    return QByteArray::fromHex(digits);
}

QString formatHexBytes(const QByteArray& bytes)
{
    constexpr qsizetype kPerLine = 16;
    QString text;
    text.reserve(bytes.size() * 3);
    for (qsizetype at = 0; at < bytes.size(); at += kPerLine) {
        if (at > 0)
            text += u'\n';
        text += QString::fromLatin1(bytes.mid(at, kPerLine).toHex(' '));
    }
    return text;
}

QString correlationDataToText(const QByteArray& bytes)
{
    if (isPrintableUtf8(bytes) && !bytes.startsWith("0x") && !bytes.startsWith("0X"))
        return QString::fromUtf8(bytes);
    return QStringLiteral("0x") + QString::fromLatin1(bytes.toHex());
}

bool isPrintableUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString text = decoder(bytes);
    if (decoder.hasError())
        return false;
    for (const QChar c : text) {
        if (c.category() == QChar::Other_Control && c != u'\t' && c != u'\n' && c != u'\r')
            return false;
    }
    return true;
}

} // namespace bs::ui
