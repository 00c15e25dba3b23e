#include "broker/protocol/Packets.h"

namespace bs::mqtt {

SubscribePacket decodeSubscribe(ByteReader& in, ProtocolVersion version)
{
    SubscribePacket p;
    const bool v5 = version == ProtocolVersion::V5;
    p.packetId = in.u16();
    if (in.ok() && p.packetId == 0)
        in.fail(ReasonCode::ProtocolError);
    if (v5)
        p.properties = Properties::read(in, PropertyContext::Subscribe);
    while (in.ok() && !in.atEnd()) {
        SubscribeRequest r;
        r.filter = in.utf8();
        const quint8 options = in.u8();
        if (!in.ok())
            break;
        r.qos = options & 0x03;
        r.noLocal = options & 0x04;
        r.retainAsPublished = options & 0x08;
        r.retainHandling = (options >> 4) & 0x03;
        const quint8 reserved = v5 ? (options & 0xC0) : (options & 0xFC);
        if (reserved != 0 || r.qos == 3) { // §3.8.3.1
            in.fail(ReasonCode::MalformedPacket);
            break;
        }
        if (r.retainHandling == 3) {
            in.fail(ReasonCode::ProtocolError);
            break;
        }
        p.requests.append(std::move(r));
    }
    if (in.ok() && p.requests.isEmpty())
        in.fail(ReasonCode::ProtocolError); // §3.8.3-2: at least one filter
    return p;
}

UnsubscribePacket decodeUnsubscribe(ByteReader& in, ProtocolVersion version)
{
    UnsubscribePacket p;
    p.packetId = in.u16();
    if (in.ok() && p.packetId == 0)
        in.fail(ReasonCode::ProtocolError);
    if (version == ProtocolVersion::V5)
        p.properties = Properties::read(in, PropertyContext::Unsubscribe);
    while (in.ok() && !in.atEnd())
        p.filters.append(in.utf8());
    if (in.ok() && p.filters.isEmpty())
        in.fail(ReasonCode::ProtocolError); // §3.10.3-2
    return p;
}

QByteArray encodeSuback(ProtocolVersion version, quint16 packetId,
                        const QList<ReasonCode>& reasons, const Properties& properties)
{
    ByteWriter w;
    w.u16(packetId);
    const bool v5 = version == ProtocolVersion::V5;
    if (v5)
        properties.write(w);
    for (ReasonCode reason : reasons)
        w.u8(!v5 && isError(reason) ? 0x80 : static_cast<quint8>(reason));
    return framePacket(quint8(quint8(PacketType::Suback) << 4), w.bytes());
}

QByteArray encodeUnsuback(ProtocolVersion version, quint16 packetId,
                          const QList<ReasonCode>& reasons)
{
    ByteWriter w;
    w.u16(packetId);
    if (version == ProtocolVersion::V5) {
        Properties().write(w);
        for (ReasonCode reason : reasons)
            w.u8(static_cast<quint8>(reason));
    }
    return framePacket(quint8(quint8(PacketType::Unsuback) << 4), w.bytes());
}

} // namespace bs::mqtt
