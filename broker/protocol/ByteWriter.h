#pragma once
// Appends MQTT data types (§1.5) to a byte array, and frames a packet with its fixed header.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>
#include <utility>

namespace bs::mqtt {

class ByteWriter
{
public:
    void u8(quint8 value) { m_bytes.append(static_cast<char>(value)); }
    void u16(quint16 value);
    void u32(quint32 value);
    void varint(quint32 value);
    void utf8(const QString& text);
    void binary(QByteArrayView data);
    void raw(QByteArrayView data) { m_bytes.append(data); }

    const QByteArray& bytes() const { return m_bytes; }
    ByteWriter() = default;
    /// Appends to an existing buffer (moved in; take() hands it back).
    explicit ByteWriter(QByteArray&& initial) : m_bytes(std::move(initial)) {}
    /// Hands the buffer over (no copy); the writer is empty afterwards.
    QByteArray take() { return std::exchange(m_bytes, {}); }
    qsizetype size() const { return m_bytes.size(); }

private:
    QByteArray m_bytes;
};

/// Number of bytes the Variable Byte Integer encoding of value takes.
int varintSize(quint32 value);

/// Fixed header (type/flags byte and remaining length) followed by body.
QByteArray framePacket(quint8 typeAndFlags, QByteArrayView body);

} // namespace bs::mqtt
