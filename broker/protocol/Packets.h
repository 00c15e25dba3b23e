#pragma once
// Decoded MQTT control packets (§3) and their codecs. Decoders read the packet body (the
// bytes after the fixed header) and leave any error in the ByteReader; encoders return a
// complete packet, fixed header included, in the wire format of the given version.

#include "broker/protocol/PacketType.h"
#include "broker/protocol/Properties.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <optional>

namespace bs::mqtt {

struct WillMessage
{
    QString topic;
    QByteArray payload;
    quint8 qos = 0;
    bool retain = false;
    Properties properties;
};

struct ConnectPacket
{
    QString protocolName;
    quint8 protocolLevel = 0;
    bool cleanStart = false;
    quint16 keepAlive = 0;
    QString clientId;
    std::optional<WillMessage> will;
    std::optional<QString> username;
    std::optional<QByteArray> password;
    Properties properties;

    bool isSupportedLevel() const { return protocolLevel >= 3 && protocolLevel <= 5; }
    ProtocolVersion version() const
    {
        return protocolLevel == 5 ? ProtocolVersion::V5 : ProtocolVersion::V311;
    }
};

struct PublishPacket
{
    QString topic;
    quint16 packetId = 0;
    quint8 qos = 0;
    bool retain = false;
    bool dup = false;
    Properties properties;
    QByteArray payload;
};

struct AckPacket
{
    quint16 packetId = 0;
    ReasonCode reason = ReasonCode::Success;
    Properties properties;
};

struct SubscribeRequest
{
    QString filter;
    quint8 qos = 0;
    bool noLocal = false;
    bool retainAsPublished = false;
    quint8 retainHandling = 0;
};

struct SubscribePacket
{
    quint16 packetId = 0;
    Properties properties;
    QList<SubscribeRequest> requests;
};

struct UnsubscribePacket
{
    quint16 packetId = 0;
    Properties properties;
    QStringList filters;
};

struct DisconnectPacket
{
    ReasonCode reason = ReasonCode::Success;
    Properties properties;
};

// Decoders. The protocol version is needed where v3.1.1 and v5 layouts differ.
/// Stops after the protocol level when the level is unsupported, so the caller can answer.
ConnectPacket decodeConnect(ByteReader& reader);
PublishPacket decodePublish(ByteReader& reader, quint8 flags, ProtocolVersion version);
/// The same for a whole PUBLISH body that the caller gives up: the payload keeps body's
/// buffer (no copy of the payload). body is left empty.
PublishPacket decodePublish(QByteArray&& body, quint8 flags, ProtocolVersion version, ReasonCode* error);
AckPacket decodeAck(ByteReader& reader, ProtocolVersion version);
SubscribePacket decodeSubscribe(ByteReader& reader, ProtocolVersion version);
UnsubscribePacket decodeUnsubscribe(ByteReader& reader, ProtocolVersion version);
DisconnectPacket decodeDisconnect(ByteReader& reader, ProtocolVersion version);

// Encoders.
QByteArray encodeConnack(ProtocolVersion version, bool sessionPresent, ReasonCode reason,
                         const Properties& properties = {});
QByteArray encodePublish(ProtocolVersion version, const PublishPacket& packet);

/// A PUBLISH's fixed and variable header fields, without the properties and payload.
struct PublishHeader
{
    const QString& topic;
    quint16 packetId = 0;
    quint8 qos = 0;
    bool retain = false;
    bool dup = false;
};
/// Appends the encoded PUBLISH to out: the broker's delivery path encodes a stored
/// message into a reused buffer, without copying it into a PublishPacket first.
void appendPublish(QByteArray& out, ProtocolVersion version, const PublishHeader& header,
                   const Properties& properties, QByteArrayView payload);
QByteArray encodeAck(ProtocolVersion version, PacketType type, quint16 packetId,
                     ReasonCode reason = ReasonCode::Success, const Properties& properties = {});
QByteArray encodeSuback(ProtocolVersion version, quint16 packetId,
                        const QList<ReasonCode>& reasons, const Properties& properties = {});
QByteArray encodeUnsuback(ProtocolVersion version, quint16 packetId,
                          const QList<ReasonCode>& reasons);
QByteArray encodePingresp();
QByteArray encodeDisconnect(ReasonCode reason, const Properties& properties = {});

} // namespace bs::mqtt
