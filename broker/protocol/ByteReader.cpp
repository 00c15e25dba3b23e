#include "broker/protocol/ByteReader.h"

namespace bs::mqtt {

void ByteReader::fail(ReasonCode reason)
{
    if (m_error == ReasonCode::Success)
        m_error = reason;
    m_pos = m_data.size();
}

bool ByteReader::need(qsizetype count)
{
    if (!ok())
        return false;
    if (remaining() < count) {
        fail(ReasonCode::MalformedPacket);
        return false;
    }
    return true;
}

quint8 ByteReader::u8()
{
    if (!need(1))
        return 0;
    return static_cast<quint8>(m_data[m_pos++]);
}

quint16 ByteReader::u16()
{
    if (!need(2))
        return 0;
    const auto hi = static_cast<quint8>(m_data[m_pos]);
    const auto lo = static_cast<quint8>(m_data[m_pos + 1]);
    m_pos += 2;
    return static_cast<quint16>((hi << 8) | lo);
}

quint32 ByteReader::u32()
{
    const quint32 hi = u16();
    const quint32 lo = u16();
    return (hi << 16) | lo;
}

quint32 ByteReader::varint()
{
    quint32 value = 0;
    for (int i = 0; i < 4; ++i) {
        const quint8 byte = u8();
        if (!ok())
            return 0;
        value |= quint32(byte & 0x7F) << (7 * i);
        if ((byte & 0x80) == 0)
            return value;
    }
    fail(ReasonCode::MalformedPacket);
    return 0;
}

QByteArray ByteReader::take(qsizetype count)
{
    if (count < 0 || !need(count))
        return {};
    QByteArray out = m_data.sliced(m_pos, count).toByteArray();
    m_pos += count;
    return out;
}

QByteArray ByteReader::rest()
{
    return take(remaining());
}

QByteArray ByteReader::binary()
{
    const quint16 length = u16();
    return take(length);
}

QString ByteReader::utf8()
{
    const QByteArray bytes = binary();
    if (!ok())
        return {};
    if (!isValidMqttUtf8(bytes)) {
        fail(ReasonCode::MalformedPacket);
        return {};
    }
    return QString::fromUtf8(bytes);
}

bool isValidMqttUtf8(QByteArrayView bytes)
{
    const auto* p = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype n = bytes.size();
    qsizetype i = 0;
    while (i < n) {
        const unsigned char c = p[i];
        if (c == 0)
            return false;
        if (c < 0x80) {
            ++i;
            continue;
        }
        int extra = 0;
        char32_t cp = 0;
        if ((c & 0xE0) == 0xC0) {
            extra = 1;
            cp = c & 0x1F;
        } else if ((c & 0xF0) == 0xE0) {
            extra = 2;
            cp = c & 0x0F;
        } else if ((c & 0xF8) == 0xF0) {
            extra = 3;
            cp = c & 0x07;
        } else {
            return false;
        }
        if (i + extra >= n)
            return false;
        for (int k = 1; k <= extra; ++k) {
            const unsigned char cc = p[i + k];
            if ((cc & 0xC0) != 0x80)
                return false;
            cp = (cp << 6) | (cc & 0x3F);
        }
        const char32_t minimum[] = {0, 0x80, 0x800, 0x10000};
        if (cp < minimum[extra] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF))
            return false;
        i += extra + 1;
    }
    return true;
}

} // namespace bs::mqtt
