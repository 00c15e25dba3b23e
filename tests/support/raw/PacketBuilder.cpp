#include "raw/PacketBuilder.h"

using namespace Qt::StringLiterals;

namespace bs::raw {

QString packetTypeName(PacketType type)
{
    switch (type) {
    case PacketType::Connect: return u"CONNECT"_s;
    case PacketType::Connack: return u"CONNACK"_s;
    case PacketType::Publish: return u"PUBLISH"_s;
    case PacketType::Puback: return u"PUBACK"_s;
    case PacketType::Pubrec: return u"PUBREC"_s;
    case PacketType::Pubrel: return u"PUBREL"_s;
    case PacketType::Pubcomp: return u"PUBCOMP"_s;
    case PacketType::Subscribe: return u"SUBSCRIBE"_s;
    case PacketType::Suback: return u"SUBACK"_s;
    case PacketType::Unsubscribe: return u"UNSUBSCRIBE"_s;
    case PacketType::Unsuback: return u"UNSUBACK"_s;
    case PacketType::Pingreq: return u"PINGREQ"_s;
    case PacketType::Pingresp: return u"PINGRESP"_s;
    case PacketType::Disconnect: return u"DISCONNECT"_s;
    case PacketType::Auth: return u"AUTH"_s;
    case PacketType::Invalid: break;
    }
    return u"INVALID"_s;
}

quint8 subscriptionOptions(int qos, bool noLocal, bool retainAsPublished, int retainHandling)
{
    return static_cast<quint8>((qos & 0x03) | (noLocal ? 0x04 : 0) | (retainAsPublished ? 0x08 : 0)
                               | ((retainHandling & 0x03) << 4));
}

QByteArray PacketBuilder::packet(quint8 firstByte, const QByteArray& body)
{
    ByteWriter out;
    out.byte(firstByte).varint(static_cast<quint32>(body.size())).raw(body);
    return out.bytes();
}

QByteArray PacketBuilder::packet(PacketType type, quint8 flags, const QByteArray& body)
{
    return packet(static_cast<quint8>((static_cast<quint8>(type) << 4) | (flags & 0x0F)), body);
}

QByteArray PacketBuilder::connect(const ConnectOptions& options) const
{
    ByteWriter body;
    // §3.1.2.1 / 3.1.2.2: protocol name and level ("MQIsdp"/3 for MQTT 3.1).
    body.string(options.protocolName.value_or(m_version == kMqtt31 ? "MQIsdp"_ba : "MQTT"_ba));
    body.byte(options.protocolLevel.value_or(static_cast<quint8>(m_version)));
    quint8 flags = options.extraFlags;
    if (options.cleanStart)
        flags |= 0x02;
    if (options.will) {
        flags |= 0x04;
        flags |= static_cast<quint8>((options.will->qos & 0x03) << 3);
        if (options.will->retain)
            flags |= 0x20;
    }
    if (options.password)
        flags |= 0x40;
    if (options.username)
        flags |= 0x80;
    body.byte(flags).u16(options.keepAlive);
    if (isV5())
        body.raw(options.properties.encode());
    body.string(options.clientId);
    if (options.will) {
        if (isV5())
            body.raw(options.will->properties.encode());
        body.string(options.will->topic).binary(options.will->payload);
    }
    if (options.username)
        body.string(*options.username);
    if (options.password)
        body.binary(*options.password);
    return packet(PacketType::Connect, 0, body.bytes());
}

QByteArray PacketBuilder::publish(const PublishOptions& options) const
{
    ByteWriter body;
    body.string(options.topic);
    if (options.qos > 0)
        body.u16(options.packetId);
    if (isV5())
        body.raw(options.properties.encode());
    body.raw(options.payload);
    const quint8 flags = static_cast<quint8>((options.dup ? 0x08 : 0) | ((options.qos & 0x03) << 1)
                                             | (options.retain ? 0x01 : 0));
    return packet(PacketType::Publish, flags, body.bytes());
}

QByteArray PacketBuilder::subscribe(quint16 packetId, const QList<TopicSubscription>& subscriptions,
                                    const Properties& properties) const
{
    ByteWriter body;
    body.u16(packetId);
    if (isV5())
        body.raw(properties.encode());
    for (const TopicSubscription& subscription : subscriptions)
        body.string(subscription.filter).byte(subscription.options);
    return packet(PacketType::Subscribe, 0x02, body.bytes());
}

QByteArray PacketBuilder::subscribe(quint16 packetId, const QByteArray& filter, int qos) const
{
    return subscribe(packetId, {TopicSubscription{filter, subscriptionOptions(qos)}});
}

QByteArray PacketBuilder::unsubscribe(quint16 packetId, const QList<QByteArray>& filters,
                                      const Properties& properties) const
{
    ByteWriter body;
    body.u16(packetId);
    if (isV5())
        body.raw(properties.encode());
    for (const QByteArray& filter : filters)
        body.string(filter);
    return packet(PacketType::Unsubscribe, 0x02, body.bytes());
}

QByteArray PacketBuilder::ack(PacketType type, quint8 flags, quint16 packetId, quint8 reasonCode,
                              const Properties& properties) const
{
    ByteWriter body;
    body.u16(packetId);
    // §3.4.2.1: reason code and properties may be omitted when 0x00 with no properties.
    if (isV5() && (reasonCode != 0 || !properties.isEmpty())) {
        body.byte(reasonCode);
        if (!properties.isEmpty())
            body.raw(properties.encode());
    }
    return packet(type, flags, body.bytes());
}

QByteArray PacketBuilder::puback(quint16 packetId, quint8 reasonCode, const Properties& properties) const
{
    return ack(PacketType::Puback, 0, packetId, reasonCode, properties);
}

QByteArray PacketBuilder::pubrec(quint16 packetId, quint8 reasonCode, const Properties& properties) const
{
    return ack(PacketType::Pubrec, 0, packetId, reasonCode, properties);
}

QByteArray PacketBuilder::pubrel(quint16 packetId, quint8 reasonCode, const Properties& properties) const
{
    return ack(PacketType::Pubrel, 0x02, packetId, reasonCode, properties);
}

QByteArray PacketBuilder::pubcomp(quint16 packetId, quint8 reasonCode, const Properties& properties) const
{
    return ack(PacketType::Pubcomp, 0, packetId, reasonCode, properties);
}

QByteArray PacketBuilder::pingreq() const
{
    return packet(PacketType::Pingreq, 0, {});
}

QByteArray PacketBuilder::disconnect(quint8 reasonCode, const Properties& properties) const
{
    if (!isV5() || (reasonCode == 0 && properties.isEmpty()))
        return packet(PacketType::Disconnect, 0, {});
    ByteWriter body;
    body.byte(reasonCode);
    if (!properties.isEmpty())
        body.raw(properties.encode());
    return packet(PacketType::Disconnect, 0, body.bytes());
}

} // namespace bs::raw
