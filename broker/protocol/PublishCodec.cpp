#include "broker/protocol/Packets.h"

namespace bs::mqtt {

PublishPacket decodePublish(ByteReader& in, quint8 flags, ProtocolVersion version)
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
    p.payload = in.rest();
    return p;
}

QByteArray encodePublish(ProtocolVersion version, const PublishPacket& p)
{
    ByteWriter w;
    w.utf8(p.topic);
    if (p.qos > 0)
        w.u16(p.packetId);
    if (version == ProtocolVersion::V5)
        p.properties.write(w);
    w.raw(p.payload);
    const quint8 header = quint8(quint8(PacketType::Publish) << 4) | (p.dup ? 0x08 : 0)
                        | quint8(p.qos << 1) | (p.retain ? 0x01 : 0);
    return framePacket(header, w.bytes());
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
