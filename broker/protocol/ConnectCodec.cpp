#include "broker/protocol/Packets.h"

namespace bs::mqtt {

ConnectPacket decodeConnect(ByteReader& in)
{
    ConnectPacket p;
    p.protocolName = in.utf8();
    p.protocolLevel = in.u8();
    if (!in.ok() || !p.isSupportedLevel())
        return p;
    const bool v5 = p.version() == ProtocolVersion::V5;
    const quint8 flags = in.u8();
    if (flags & 0x01) { // §3.1.2.3: reserved flag must be 0
        in.fail(ReasonCode::MalformedPacket);
        return p;
    }
    p.cleanStart = flags & 0x02;
    const bool hasWill = flags & 0x04;
    const quint8 willQos = (flags >> 3) & 0x03;
    const bool willRetain = flags & 0x20;
    const bool hasPassword = flags & 0x40;
    const bool hasUsername = flags & 0x80;
    if (willQos == 3 || (!hasWill && (willQos != 0 || willRetain))) { // §3.1.2.6, 3.1.2.7
        in.fail(ReasonCode::MalformedPacket);
        return p;
    }
    if (!v5 && hasPassword && !hasUsername) { // 3.1.1 §3.1.2.9
        in.fail(ReasonCode::MalformedPacket);
        return p;
    }
    p.keepAlive = in.u16();
    if (v5)
        p.properties = Properties::read(in, PropertyContext::Connect);
    p.clientId = in.utf8();
    if (hasWill) {
        WillMessage will;
        if (v5)
            will.properties = Properties::read(in, PropertyContext::Will);
        will.topic = in.utf8();
        will.payload = in.binary();
        will.qos = willQos;
        will.retain = willRetain;
        p.will = std::move(will);
    }
    if (hasUsername)
        p.username = in.utf8();
    if (hasPassword)
        p.password = in.binary();
    if (in.ok() && !in.atEnd())
        in.fail(ReasonCode::MalformedPacket);
    return p;
}

QByteArray encodeConnack(ProtocolVersion version, bool sessionPresent, ReasonCode reason,
                         const Properties& properties)
{
    ByteWriter w;
    w.u8(sessionPresent ? 0x01 : 0x00);
    if (version == ProtocolVersion::V5) {
        w.u8(static_cast<quint8>(reason));
        properties.write(w);
    } else {
        w.u8(v311ConnackCode(reason));
    }
    return framePacket(quint8(PacketType::Connack) << 4, w.bytes());
}

QByteArray encodePingresp()
{
    return framePacket(quint8(PacketType::Pingresp) << 4, {});
}

DisconnectPacket decodeDisconnect(ByteReader& in, ProtocolVersion version)
{
    DisconnectPacket p;
    if (version != ProtocolVersion::V5 || in.atEnd())
        return p;
    p.reason = static_cast<ReasonCode>(in.u8());
    if (!in.atEnd())
        p.properties = Properties::read(in, PropertyContext::Disconnect);
    if (in.ok() && !in.atEnd())
        in.fail(ReasonCode::MalformedPacket);
    return p;
}

QByteArray encodeDisconnect(ReasonCode reason, const Properties& properties)
{
    ByteWriter w;
    w.u8(static_cast<quint8>(reason));
    properties.write(w);
    return framePacket(quint8(PacketType::Disconnect) << 4, w.bytes());
}

} // namespace bs::mqtt
