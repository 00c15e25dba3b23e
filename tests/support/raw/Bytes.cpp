#include "raw/Bytes.h"

namespace bs::raw {

ByteWriter& ByteWriter::byte(quint8 value)
{
    m_bytes.append(static_cast<char>(value));
    return *this;
}

ByteWriter& ByteWriter::u16(quint16 value)
{
    byte(static_cast<quint8>(value >> 8));
    return byte(static_cast<quint8>(value & 0xFF));
}

ByteWriter& ByteWriter::u32(quint32 value)
{
    u16(static_cast<quint16>(value >> 16));
    return u16(static_cast<quint16>(value & 0xFFFF));
}

ByteWriter& ByteWriter::varint(quint32 value)
{
    m_bytes.append(encodeVarint(value));
    return *this;
}

ByteWriter& ByteWriter::string(const QByteArray& utf8)
{
    u16(static_cast<quint16>(utf8.size()));
    return raw(utf8);
}

ByteWriter& ByteWriter::binary(const QByteArray& data)
{
    return string(data);
}

ByteWriter& ByteWriter::raw(const QByteArray& bytes)
{
    m_bytes.append(bytes);
    return *this;
}

QByteArray ByteWriter::encodeVarint(quint32 value)
{
    QByteArray out;
    do {
        quint8 digit = value % 128;
        value /= 128;
        if (value > 0)
            digit |= 0x80;
        out.append(static_cast<char>(digit));
    } while (value > 0);
    return out;
}

quint8 ByteReader::byte()
{
    if (m_pos >= m_bytes.size()) {
        m_failed = true;
        return 0;
    }
    return static_cast<quint8>(m_bytes.at(m_pos++));
}

quint16 ByteReader::u16()
{
    const quint16 high = byte();
    const quint16 low = byte();
    return static_cast<quint16>((high << 8) | low);
}

quint32 ByteReader::u32()
{
    const quint32 high = u16();
    const quint32 low = u16();
    return (high << 16) | low;
}

quint32 ByteReader::varint()
{
    quint32 value = 0;
    for (int i = 0; i < 4; ++i) {
        const quint8 digit = byte();
        value |= static_cast<quint32>(digit & 0x7F) << (7 * i);
        if (!(digit & 0x80))
            return value;
    }
    m_failed = true; // a fifth byte would be needed: malformed (§1.5.5)
    return 0;
}

QByteArray ByteReader::string()
{
    return take(u16());
}

QByteArray ByteReader::binary()
{
    return take(u16());
}

QByteArray ByteReader::take(qsizetype count)
{
    if (m_failed || count > remaining()) {
        m_failed = true;
        return {};
    }
    QByteArray out = m_bytes.mid(m_pos, count);
    m_pos += count;
    return out;
}

QByteArray ByteReader::rest()
{
    return take(remaining());
}

bool isWellFormedMqttUtf8(const QByteArray& bytes)
{
    qsizetype i = 0;
    const qsizetype n = bytes.size();
    while (i < n) {
        const auto lead = static_cast<quint8>(bytes.at(i));
        quint32 codePoint = 0;
        int extra = 0;
        if (lead == 0x00)
            return false;
        if (lead < 0x80) {
            ++i;
            continue;
        }
        if ((lead & 0xE0) == 0xC0) {
            codePoint = lead & 0x1F;
            extra = 1;
        } else if ((lead & 0xF0) == 0xE0) {
            codePoint = lead & 0x0F;
            extra = 2;
        } else if ((lead & 0xF8) == 0xF0) {
            codePoint = lead & 0x07;
            extra = 3;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            const auto next = static_cast<quint8>(bytes.at(i + k));
            if ((next & 0xC0) != 0x80)
                return false;
            codePoint = (codePoint << 6) | (next & 0x3F);
        }
        const quint32 minimum = extra == 1 ? 0x80 : extra == 2 ? 0x800 : 0x10000;
        if (codePoint < minimum || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

} // namespace bs::raw
