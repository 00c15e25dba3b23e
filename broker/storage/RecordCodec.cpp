#include "broker/storage/RecordCodec.h"

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"

#include <array>

namespace bs::storage {

namespace {

constexpr std::array<quint32, 256> makeCrc32cTable()
{
    std::array<quint32, 256> table{};
    for (quint32 i = 0; i < 256; ++i) {
        quint32 crc = i;
        for (int bit = 0; bit < 8; ++bit)
            crc = (crc & 1u) ? (crc >> 1) ^ 0x82F63B78u : crc >> 1;
        table[i] = crc;
    }
    return table;
}

constexpr std::array<quint32, 256> kCrc32cTable = makeCrc32cTable();

quint32 readU32(QByteArrayView bytes, qsizetype at)
{
    return (quint32(quint8(bytes[at])) << 24) | (quint32(quint8(bytes[at + 1])) << 16)
        | (quint32(quint8(bytes[at + 2])) << 8) | quint32(quint8(bytes[at + 3]));
}

void writeU64(mqtt::ByteWriter& writer, quint64 value)
{
    writer.u32(static_cast<quint32>(value >> 32));
    writer.u32(static_cast<quint32>(value & 0xFFFFFFFFu));
}

quint64 readU64(mqtt::ByteReader& reader)
{
    const quint64 high = reader.u32();
    return (high << 32) | reader.u32();
}

} // namespace

quint32 crc32c(QByteArrayView data)
{
    quint32 crc = 0xFFFFFFFFu;
    for (const char byte : data)
        crc = kCrc32cTable[(crc ^ quint8(byte)) & 0xFFu] ^ (crc >> 8);
    return crc ^ 0xFFFFFFFFu;
}

QByteArray encodeRecord(const LogRecord& record)
{
    mqtt::ByteWriter body;
    writeU64(body, record.offset);
    writeU64(body, static_cast<quint64>(record.arrivalMs));
    body.u8(static_cast<quint8>((record.qos & 0x03) | (record.retain ? 0x04 : 0x00)));
    body.utf8(record.topic);
    record.properties.write(body);
    body.raw(record.payload);

    mqtt::ByteWriter out;
    out.raw(QByteArrayView(kRecordMagic, 4));
    out.u8(kRecordVersion);
    out.u32(static_cast<quint32>(body.size()));
    out.u32(crc32c(body.bytes()));
    out.raw(body.bytes());
    return out.bytes();
}

std::optional<quint32> bodyLengthFromHeader(QByteArrayView header)
{
    if (header.size() < kRecordHeaderSize || header.first(4) != QByteArrayView(kRecordMagic, 4)
        || quint8(header[4]) != kRecordVersion)
        return std::nullopt;
    const quint32 length = readU32(header, 5);
    // offset + time + flags + topic length + property length are always there
    if (length < 8 + 8 + 1 + 2 + 1 || length > kMaxRecordBodySize)
        return std::nullopt;
    return length;
}

std::optional<LogRecord> decodeRecord(QByteArrayView header, QByteArrayView body)
{
    if (header.size() < kRecordHeaderSize || readU32(header, 9) != crc32c(body))
        return std::nullopt;
    mqtt::ByteReader reader(body);
    LogRecord record;
    record.offset = readU64(reader);
    record.arrivalMs = static_cast<qint64>(readU64(reader));
    const quint8 flags = reader.u8();
    record.qos = flags & 0x03;
    record.retain = (flags & 0x04) != 0;
    record.topic = reader.utf8();
    record.properties = mqtt::Properties::read(reader, mqtt::PropertyContext::Publish);
    record.payload = reader.rest();
    if (!reader.ok() || record.qos > 2 || (flags & 0xF8) != 0)
        return std::nullopt;
    return record;
}

} // namespace bs::storage
