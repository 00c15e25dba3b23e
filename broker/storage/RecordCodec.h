#pragma once
// Encodes and decodes one log record (the byte layout is described in TopicLog.h).
// Integers are big-endian. The CRC is CRC-32C (Castagnoli) over the body.

#include "broker/storage/LogRecord.h"

#include <QByteArrayView>
#include <optional>

namespace bs::storage {

inline constexpr char kRecordMagic[] = "BSLG";
inline constexpr quint8 kRecordVersion = 1;
/// magic (4) + version (1) + body length (4) + CRC-32C of the body (4)
inline constexpr qsizetype kRecordHeaderSize = 13;
/// Larger than any MQTT message can be (256 MB payload plus headers).
inline constexpr quint32 kMaxRecordBodySize = 300u * 1024u * 1024u;

quint32 crc32c(QByteArrayView data);

/// Header and body of a record, ready to be written.
QByteArray encodeRecord(const LogRecord& record);
/// Appends the encoded record to out, with this offset instead of record.offset.
void appendEncodedRecord(QByteArray& out, const LogRecord& record, quint64 offset);

/// Body length a header announces, or nullopt when magic, version or length is wrong.
std::optional<quint32> bodyLengthFromHeader(QByteArrayView header);

/// Checks the CRC in header against body and decodes it; nullopt when either fails.
std::optional<LogRecord> decodeRecord(QByteArrayView header, QByteArrayView body);

} // namespace bs::storage
