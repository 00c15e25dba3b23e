#pragma once
// Splits a byte stream into MQTT packets (§2.1). Bytes are appended as they arrive;
// next() hands out one complete packet at a time. A remaining length that is not a valid
// Variable Byte Integer is Malformed; a packet larger than the limit is reported as soon
// as its fixed header is known, before its body is buffered.

#include <QByteArray>
#include <QByteArrayView>

namespace bs::mqtt {

struct Frame
{
    quint8 header = 0; ///< Packet type (high nibble) and flags (low nibble).
    QByteArray body;
    quint8 type() const { return header >> 4; }
    quint8 flags() const { return header & 0x0F; }
    qsizetype wireSize = 0; ///< Fixed header plus body.
};

class PacketFramer
{
public:
    enum class Status
    {
        Ready,
        NeedMore,
        Malformed,
        TooLarge,
    };

    /// maximumPacketSize: whole packet, fixed header included; 0 means the protocol limit.
    explicit PacketFramer(quint32 maximumPacketSize = 0) : m_maximum(maximumPacketSize) {}

    void append(const QByteArray& bytes);
    Status next(Frame& frame);
    qsizetype buffered() const;

private:
    /// Frames the packet at offset; NeedMore sets needed to how many more bytes could
    /// complete it (a lower bound while the remaining length is incomplete).
    Status frameAt(const QByteArray& buffer, qsizetype offset, Frame& frame, qsizetype* needed) const;

    // Received blocks are framed where they lie (shared, not copied). Only a packet split
    // across blocks is copied: its start goes to m_carry, which next() completes from the
    // following block.
    QByteArray m_carry;
    QByteArray m_buffer; ///< The newest received block.
    qsizetype m_offset = 0; ///< Read position in m_buffer.
    quint32 m_maximum;
};

} // namespace bs::mqtt
