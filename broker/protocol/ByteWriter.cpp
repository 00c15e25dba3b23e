#include "broker/protocol/ByteWriter.h"

namespace bs::mqtt {

void ByteWriter::u16(quint16 value)
{
    u8(static_cast<quint8>(value >> 8));
    u8(static_cast<quint8>(value & 0xFF));
}

void ByteWriter::u32(quint32 value)
{
    u16(static_cast<quint16>(value >> 16));
    u16(static_cast<quint16>(value & 0xFFFF));
}

void ByteWriter::varint(quint32 value)
{
    do {
        quint8 byte = value & 0x7F;
        value >>= 7;
        if (value > 0)
            byte |= 0x80;
        u8(byte);
    } while (value > 0);
}

void ByteWriter::utf8(const QString& text)
{
    binary(text.toUtf8());
}

void ByteWriter::binary(QByteArrayView data)
{
    u16(static_cast<quint16>(data.size()));
    m_bytes.append(data);
}

int varintSize(quint32 value)
{
    if (value < 128)
        return 1;
    if (value < 16'384)
        return 2;
    if (value < 2'097'152)
        return 3;
    return 4;
}

QByteArray framePacket(quint8 typeAndFlags, QByteArrayView body)
{
    ByteWriter writer;
    writer.u8(typeAndFlags);
    writer.varint(static_cast<quint32>(body.size()));
    QByteArray out = writer.bytes();
    out.reserve(out.size() + body.size());
    out.append(body);
    return out;
}

} // namespace bs::mqtt
