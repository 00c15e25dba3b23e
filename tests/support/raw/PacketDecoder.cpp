#include "raw/PacketDecoder.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace bs::raw {

namespace {

void decodeProperties(ByteReader& reader, Packet& packet)
{
    QString error;
    if (auto properties = Properties::decode(reader, &error))
        packet.properties = *properties;
    else
        packet.malformed = error;
}

void decodeConnack(ByteReader& reader, int version, Packet& packet)
{
    const quint8 ackFlags = reader.byte();
    if (ackFlags & 0xFE)
        packet.malformed = u"CONNACK acknowledge flags 0x%1 have reserved bits set"_s.arg(ackFlags, 0, 16);
    packet.sessionPresent = ackFlags & 0x01;
    packet.reasonCode = reader.byte();
    packet.hasReasonCode = true;
    if (version == kMqtt5 && !reader.atEnd())
        decodeProperties(reader, packet);
}

void decodePublish(ByteReader& reader, int version, Packet& packet)
{
    packet.dup = packet.flags & 0x08;
    packet.qos = (packet.flags >> 1) & 0x03;
    packet.retain = packet.flags & 0x01;
    if (packet.qos == 3)
        packet.malformed = u"PUBLISH with QoS 3"_s;
    packet.topic = reader.string();
    if (!isWellFormedMqttUtf8(packet.topic))
        packet.malformed = u"PUBLISH topic is not well-formed UTF-8"_s;
    if (packet.qos > 0)
        packet.packetId = reader.u16();
    if (version == kMqtt5)
        decodeProperties(reader, packet);
    packet.payload = reader.rest();
}

void decodeAck(ByteReader& reader, int version, Packet& packet)
{
    packet.packetId = reader.u16();
    if (version == kMqtt5 && !reader.atEnd()) {
        packet.reasonCode = reader.byte();
        packet.hasReasonCode = true;
        if (!reader.atEnd())
            decodeProperties(reader, packet);
    }
}

void decodeSubackOrUnsuback(ByteReader& reader, int version, Packet& packet)
{
    packet.packetId = reader.u16();
    if (version == kMqtt5)
        decodeProperties(reader, packet);
    while (!reader.atEnd() && !reader.failed())
        packet.reasonCodes.append(reader.byte());
}

void decodeDisconnectOrAuth(ByteReader& reader, int version, Packet& packet)
{
    if (version == kMqtt5 && !reader.atEnd()) {
        packet.reasonCode = reader.byte();
        packet.hasReasonCode = true;
        if (!reader.atEnd())
            decodeProperties(reader, packet);
    }
}

quint8 expectedFlags(PacketType type)
{
    return type == PacketType::Pubrel || type == PacketType::Subscribe || type == PacketType::Unsubscribe
               ? 0x02
               : 0x00;
}

} // namespace

QString Packet::describe() const
{
    QStringList parts{packetTypeName(type)};
    switch (type) {
    case PacketType::Connack:
        parts << u"sessionPresent=%1"_s.arg(sessionPresent) << u"rc=0x%1"_s.arg(reasonCode, 2, 16, QLatin1Char('0'));
        break;
    case PacketType::Publish:
        parts << u"topic=%1"_s.arg(QString::fromUtf8(topic)) << u"qos=%1"_s.arg(qos)
              << u"retain=%1"_s.arg(retain) << u"dup=%1"_s.arg(dup) << u"id=%1"_s.arg(packetId)
              << u"payload=%1"_s.arg(QString::fromUtf8(payload.left(64)));
        break;
    case PacketType::Suback:
    case PacketType::Unsuback: {
        QStringList codes;
        for (quint8 code : reasonCodes)
            codes << u"0x%1"_s.arg(code, 2, 16, QLatin1Char('0'));
        parts << u"id=%1"_s.arg(packetId) << u"codes=[%1]"_s.arg(codes.join(u','));
        break;
    }
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp:
        parts << u"id=%1"_s.arg(packetId) << u"rc=0x%1"_s.arg(reasonCode, 2, 16, QLatin1Char('0'));
        break;
    case PacketType::Disconnect:
    case PacketType::Auth:
        parts << u"rc=0x%1"_s.arg(reasonCode, 2, 16, QLatin1Char('0'));
        break;
    default:
        break;
    }
    if (!properties.isEmpty())
        parts << properties.describe();
    if (!malformed.isEmpty())
        parts << u"MALFORMED: "_s % malformed;
    return parts.join(u' ');
}

DecodeStatus decodePacket(QByteArray& buffer, int version, Packet* packet)
{
    if (buffer.size() < 2)
        return DecodeStatus::NeedMoreData;
    quint32 remainingLength = 0;
    qsizetype headerSize = 1;
    for (int i = 0;; ++i) {
        if (i == 4) {
            *packet = Packet{};
            packet->raw = buffer;
            packet->malformed = u"Remaining Length longer than four bytes"_s;
            buffer.clear();
            return DecodeStatus::Malformed;
        }
        if (headerSize >= buffer.size())
            return DecodeStatus::NeedMoreData;
        const auto digit = static_cast<quint8>(buffer.at(headerSize++));
        remainingLength |= static_cast<quint32>(digit & 0x7F) << (7 * i);
        if (!(digit & 0x80))
            break;
    }
    if (buffer.size() < headerSize + static_cast<qsizetype>(remainingLength))
        return DecodeStatus::NeedMoreData;

    Packet out;
    const auto first = static_cast<quint8>(buffer.at(0));
    out.type = static_cast<PacketType>(first >> 4);
    out.flags = first & 0x0F;
    out.raw = buffer.left(headerSize + remainingLength);
    out.body = buffer.mid(headerSize, remainingLength);
    buffer.remove(0, headerSize + remainingLength);

    ByteReader reader(out.body);
    switch (out.type) {
    case PacketType::Connack: decodeConnack(reader, version, out); break;
    case PacketType::Publish: decodePublish(reader, version, out); break;
    case PacketType::Puback:
    case PacketType::Pubrec:
    case PacketType::Pubrel:
    case PacketType::Pubcomp: decodeAck(reader, version, out); break;
    case PacketType::Suback:
    case PacketType::Unsuback: decodeSubackOrUnsuback(reader, version, out); break;
    case PacketType::Disconnect:
    case PacketType::Auth: decodeDisconnectOrAuth(reader, version, out); break;
    case PacketType::Pingresp: break;
    default: out.malformed = u"a server never sends packet type %1"_s.arg(first >> 4); break;
    }
    if (out.type != PacketType::Publish && out.flags != expectedFlags(out.type) && out.malformed.isEmpty())
        out.malformed = u"reserved fixed-header flags 0x%1"_s.arg(out.flags, 0, 16);
    if (reader.failed() && out.malformed.isEmpty())
        out.malformed = u"packet body is truncated"_s;
    if (!reader.failed() && !reader.atEnd() && out.malformed.isEmpty())
        out.malformed = u"%1 trailing bytes"_s.arg(reader.remaining());
    *packet = out;
    return out.malformed.isEmpty() ? DecodeStatus::Decoded : DecodeStatus::Malformed;
}

} // namespace bs::raw
