#include "models/payload/HexDump.h"

#include <algorithm>

namespace bs::models {

namespace {

constexpr char HexDigits[] = "0123456789abcdef";

int digitsFor(qint64 largestOffset)
{
    int digits = 8;
    while (digits < 16 && (largestOffset >> (4 * digits)) != 0)
        ++digits;
    return digits;
}

} // namespace

HexDump::HexDump(QByteArray data)
    : m_data(std::move(data))
    , m_offsetDigits(digitsFor(m_data.isEmpty() ? 0 : m_data.size() - 1))
{
}

qint64 HexDump::lineCount() const
{
    return (m_data.size() + BytesPerLine - 1) / BytesPerLine;
}

QByteArrayView HexDump::bytesOfLine(qint64 line) const
{
    if (line < 0 || line >= lineCount())
        return {};
    const qsizetype start = line * BytesPerLine;
    return QByteArrayView(m_data).sliced(start, std::min<qsizetype>(BytesPerLine, m_data.size() - start));
}

QString HexDump::offsetText(qint64 line) const
{
    if (line < 0 || line >= lineCount())
        return {};
    return QString::number(line * BytesPerLine, 16).rightJustified(m_offsetDigits, u'0');
}

QString HexDump::hexText(qint64 line) const
{
    const QByteArrayView bytes = bytesOfLine(line);
    if (bytes.isEmpty())
        return {};
    QString hex(HexColumnChars, u' ');
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        const qsizetype column = i * 3 + (i >= BytesPerLine / 2 ? 1 : 0);
        hex[column] = QLatin1Char(HexDigits[byte >> 4]);
        hex[column + 1] = QLatin1Char(HexDigits[byte & 0x0F]);
    }
    return hex;
}

QString HexDump::asciiText(qint64 line) const
{
    const QByteArrayView bytes = bytesOfLine(line);
    QString ascii(bytes.size(), u'.');
    for (qsizetype i = 0; i < bytes.size(); ++i) {
        const auto byte = static_cast<unsigned char>(bytes[i]);
        if (byte >= 0x20 && byte < 0x7F)
            ascii[i] = QLatin1Char(char(byte));
    }
    return ascii;
}

QString HexDump::lineText(qint64 line) const
{
    if (line < 0 || line >= lineCount())
        return {};
    return offsetText(line) + QLatin1String("  ") + hexText(line) + QLatin1String("  |")
           + asciiText(line) + QLatin1Char('|');
}

QStringList HexDump::lines(qint64 first, qint64 count) const
{
    QStringList result;
    const qint64 begin = std::max<qint64>(first, 0);
    const qint64 end = std::min(lineCount(), first + std::max<qint64>(count, 0));
    for (qint64 line = begin; line < end; ++line)
        result.append(lineText(line));
    return result;
}

} // namespace bs::models
