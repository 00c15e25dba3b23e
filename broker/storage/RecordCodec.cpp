#include "broker/storage/RecordCodec.h"

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"

#include <QtEndian>
#include <array>
#include <cstring>

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

namespace {

quint32 crc32cTable(quint32 crc, const uchar* data, qsizetype size)
{
    for (qsizetype i = 0; i < size; ++i)
        crc = kCrc32cTable[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
    return crc;
}

#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
// SSE 4.2's CRC32 instruction computes exactly CRC-32C, 8 bytes per instruction.
__attribute__((target("sse4.2"))) quint32 crc32cHardware(quint32 crc, const uchar* data, qsizetype size)
{
    quint64 wide = crc;
    while (size >= 8) {
        quint64 chunk;
        std::memcpy(&chunk, data, 8);
        wide = __builtin_ia32_crc32di(wide, chunk);
        data += 8;
        size -= 8;
    }
    auto narrow = quint32(wide);
    while (size-- > 0)
        narrow = __builtin_ia32_crc32qi(narrow, *data++);
    return narrow;
}

bool hasHardwareCrc()
{
    static const bool has = __builtin_cpu_supports("sse4.2");
    return has;
}
#endif

} // namespace

quint32 crc32c(QByteArrayView data)
{
    const auto* bytes = reinterpret_cast<const uchar*>(data.data());
#if defined(__x86_64__) && (defined(__GNUC__) || defined(__clang__))
    if (hasHardwareCrc())
        return crc32cHardware(0xFFFFFFFFu, bytes, data.size()) ^ 0xFFFFFFFFu;
#endif
    return crc32cTable(0xFFFFFFFFu, bytes, data.size()) ^ 0xFFFFFFFFu;
}

QByteArray encodeRecord(const LogRecord& record)
{
    QByteArray bytes;
    appendEncodedRecord(bytes, record, record.offset);
    return bytes;
}

void appendEncodedRecord(QByteArray& buffer, const LogRecord& record, quint64 offset)
{
    // One buffer: the header's length and CRC are filled in once the body is written.
    const qsizetype start = buffer.size();
    mqtt::ByteWriter out(std::move(buffer));
    out.raw(QByteArrayView(kRecordMagic, 4));
    out.u8(kRecordVersion);
    out.u32(0);
    out.u32(0);
    writeU64(out, offset);
    writeU64(out, static_cast<quint64>(record.arrivalMs));
    out.u8(static_cast<quint8>((record.qos & 0x03) | (record.retain ? 0x04 : 0x00)));
    out.utf8(record.topic);
    record.properties.write(out);
    out.raw(record.payload);

    buffer = out.take();
    char* header = buffer.data() + start;
    const QByteArrayView body(header + kRecordHeaderSize, buffer.size() - start - kRecordHeaderSize);
    qToBigEndian<quint32>(quint32(body.size()), header + 5);
    qToBigEndian<quint32>(crc32c(body), header + 9);
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
