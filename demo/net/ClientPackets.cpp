#include "demo/net/ClientPackets.h"

#include "broker/protocol/ByteWriter.h"
#include "broker/protocol/PacketType.h"

namespace bs::demo::net {

using mqtt::PacketType;

namespace {

quint8 firstByte(PacketType type, quint8 flags = 0)
{
    return quint8(quint8(type) << 4) | flags;
}

} // namespace

quint8 subscriptionOptions(quint8 qos, quint8 retainHandling)
{
    return quint8((qos & 0x03) | ((retainHandling & 0x03) << 4));
}

QByteArray encodeConnect(const ConnectOptions& options)
{
    mqtt::ByteWriter body;
    body.utf8(QStringLiteral("MQTT"));
    body.u8(quint8(mqtt::ProtocolVersion::V5));
    body.u8(options.cleanStart ? 0x02 : 0x00); // no will, no user name, no password
    body.u16(options.keepAliveSeconds);
    mqtt::Properties properties;
    if (options.sessionExpirySeconds > 0)
        properties.sessionExpiryInterval = options.sessionExpirySeconds;
    if (options.receiveMaximum != 65535)
        properties.receiveMaximum = options.receiveMaximum;
    properties.write(body);
    body.utf8(options.clientId);
    return mqtt::framePacket(firstByte(PacketType::Connect), body.bytes());
}

QByteArray encodeSubscribe(quint16 packetId, const QString& filter, quint8 options)
{
    mqtt::ByteWriter body;
    body.u16(packetId);
    mqtt::Properties().write(body);
    body.utf8(filter);
    body.u8(options);
    return mqtt::framePacket(firstByte(PacketType::Subscribe, 0x02), body.bytes()); // §3.8.1
}

QByteArray encodePingreq()
{
    return mqtt::framePacket(firstByte(PacketType::Pingreq), {});
}

ConnackPacket decodeConnack(mqtt::ByteReader& reader)
{
    ConnackPacket packet;
    packet.sessionPresent = reader.u8() & 0x01;
    packet.reason = static_cast<mqtt::ReasonCode>(reader.u8());
    if (reader.ok() && !reader.atEnd())
        packet.properties = mqtt::Properties::read(reader, mqtt::PropertyContext::Connack);
    return packet;
}

SubackPacket decodeSuback(mqtt::ByteReader& reader)
{
    SubackPacket packet;
    packet.packetId = reader.u16();
    mqtt::Properties::read(reader, mqtt::PropertyContext::Suback);
    while (reader.ok() && !reader.atEnd())
        packet.reasons.append(static_cast<mqtt::ReasonCode>(reader.u8()));
    return packet;
}

} // namespace bs::demo::net
