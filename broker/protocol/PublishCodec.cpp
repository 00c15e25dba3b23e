#include "broker/protocol/Packets.h"

namespace bs::mqtt {

namespace {

/// Everything of a PUBLISH but its payload (the rest of the reader).
PublishPacket decodePublishHeader(ByteReader& in, quint8 flags, ProtocolVersion version)
{
    PublishPacket p;
    p.dup = flags & 0x08;
    p.qos = (flags >> 1) & 0x03;
    p.retain = flags & 0x01;
    if (p.qos == 3) { // §3.3.1.2
        in.fail(ReasonCode::MalformedPacket);
        return p;
    }
    if (p.qos == 0 && p.dup) { // §3.3.1.1: DUP must be 0 for QoS 0
        in.fail(ReasonCode::MalformedPacket);
        return p;
    }
    p.topic = in.utf8();
    if (p.qos > 0) {
        p.packetId = in.u16();
        if (in.ok() && p.packetId == 0)
            in.fail(ReasonCode::ProtocolError); // §2.2.1
    }
    if (version == ProtocolVersion::V5)
        p.properties = Properties::read(in, PropertyContext::Publish);
    return p;
}

} // namespace

PublishPacket decodePublish(ByteReader& in, quint8 flags, ProtocolVersion version)
{
    PublishPacket p = decodePublishHeader(in, flags, version);
    if (in.ok())
        p.payload = in.rest();
    return p;
}

PublishPacket decodePublish(QByteArray&& body, quint8 flags, ProtocolVersion version, ReasonCode* error)
{
    ByteReader in(body);
    PublishPacket p = decodePublishHeader(in, flags, version);
    if (error)
        *error = in.ok() ? ReasonCode::Success : in.error();
    if (in.ok()) {
        // The payload is the tail of body: drop the front in place (Qt 6 moves the start
        // pointer of an unshared array) instead of copying the tail.
        const qsizetype headerBytes = in.position();
        p.payload = std::move(body);
        p.payload.remove(0, headerBytes);
    }
    return p;
}

void appendPublish(QByteArray& out, ProtocolVersion version, const PublishHeader& h,
                   const Properties& properties, QByteArrayView payload)
{
    // One reservation, one copy of the payload: the size is known before writing.
    const QByteArray topic = h.topic.toUtf8();
    const QByteArray propertyBody = version == ProtocolVersion::V5 ? properties.encodedBody() : QByteArray();
    const qsizetype propertyBytes = version == ProtocolVersion::V5
        ? varintSize(quint32(propertyBody.size())) + propertyBody.size() : 0;
    const qsizetype remaining = 2 + topic.size() + (h.qos > 0 ? 2 : 0) + propertyBytes + payload.size();
    out.reserve(out.size() + 1 + 4 + remaining);
    ByteWriter w(std::move(out));
    w.u8(quint8(quint8(PacketType::Publish) << 4) | (h.dup ? 0x08 : 0) | quint8(h.qos << 1)
         | (h.retain ? 0x01 : 0));
    w.varint(quint32(remaining));
    w.u16(quint16(topic.size()));
    w.raw(topic);
    if (h.qos > 0)
        w.u16(h.packetId);
    if (version == ProtocolVersion::V5) {
        w.varint(quint32(propertyBody.size()));
        w.raw(propertyBody);
    }
    w.raw(payload);
    out = w.take();
}

QByteArray encodePublish(ProtocolVersion version, const PublishPacket& p)
{
    QByteArray out;
    appendPublish(out, version, PublishHeader{p.topic, p.packetId, p.qos, p.retain, p.dup},
                  p.properties, p.payload);
    return out;
}

AckPacket decodeAck(ByteReader& in, ProtocolVersion version)
{
    AckPacket p;
    p.packetId = in.u16();
    if (in.ok() && p.packetId == 0)
        in.fail(ReasonCode::ProtocolError);
    if (version != ProtocolVersion::V5 || in.atEnd()) {
        if (version != ProtocolVersion::V5 && in.ok() && !in.atEnd())
            in.fail(ReasonCode::MalformedPacket);
        return p;
    }
    p.reason = static_cast<ReasonCode>(in.u8());
    if (!in.atEnd())
        p.properties = Properties::read(in, PropertyContext::Ack);
    if (in.ok() && !in.atEnd())
        in.fail(ReasonCode::MalformedPacket);
    return p;
}

QByteArray encodeAck(ProtocolVersion version, PacketType type, quint16 packetId,
                     ReasonCode reason, const Properties& properties)
{
    ByteWriter w;
    w.u16(packetId);
    if (version == ProtocolVersion::V5) {
        const bool hasProperties = properties.encodedSize() > 1;
        if (reason != ReasonCode::Success || hasProperties) {
            w.u8(static_cast<quint8>(reason));
            if (hasProperties)
                properties.write(w);
        }
    }
    const quint8 flags = type == PacketType::Pubrel ? 0x02 : 0x00;
    return framePacket(quint8(quint8(type) << 4) | flags, w.bytes());
}

} // namespace bs::mqtt
