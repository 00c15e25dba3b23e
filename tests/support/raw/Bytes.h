#pragma once
// Byte-level MQTT encoding primitives, written from the MQTT 3.1.1 / 5.0 specifications
// (§1.5 data representation) and independent of the broker's own codec.

#include <QByteArray>
#include <QtGlobal>

namespace bs::raw {

/// Appends MQTT data types to a byte array. Nothing is validated: tests may write
/// ill-formed values on purpose.
class ByteWriter
{
public:
    ByteWriter& byte(quint8 value);
    ByteWriter& u16(quint16 value);
    ByteWriter& u32(quint32 value);
    /// Variable Byte Integer (§1.5.5): 1-4 bytes, 7 bits each, high bit = continuation.
    ByteWriter& varint(quint32 value);
    /// UTF-8 Encoded String (§1.5.4): two-byte length then the bytes as given.
    ByteWriter& string(const QByteArray& utf8);
    /// Binary Data (§1.5.6): two-byte length then the bytes.
    ByteWriter& binary(const QByteArray& data);
    ByteWriter& raw(const QByteArray& bytes);

    const QByteArray& bytes() const { return m_bytes; }

    static QByteArray encodeVarint(quint32 value);

private:
    QByteArray m_bytes;
};

/// Reads MQTT data types; any read past the end sets failed() and returns zero/empty.
class ByteReader
{
public:
    explicit ByteReader(QByteArray bytes) : m_bytes(std::move(bytes)) {}

    quint8 byte();
    quint16 u16();
    quint32 u32();
    quint32 varint();
    QByteArray string();
    QByteArray binary();
    QByteArray take(qsizetype count);
    QByteArray rest();

    bool atEnd() const { return m_pos >= m_bytes.size(); }
    qsizetype remaining() const { return m_bytes.size() - m_pos; }
    bool failed() const { return m_failed; }
    void fail() { m_failed = true; }

private:
    QByteArray m_bytes;
    qsizetype m_pos = 0;
    bool m_failed = false;
};

/// Whether bytes are well-formed UTF-8 as MQTT requires (§1.5.4): no overlongs, no
/// surrogates, nothing above U+10FFFF and no U+0000.
bool isWellFormedMqttUtf8(const QByteArray& bytes);

} // namespace bs::raw
