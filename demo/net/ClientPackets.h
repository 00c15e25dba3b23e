#pragma once
// The client side of MQTT 5 packets that the protocol library only has server-side codecs
// for: CONNECT, SUBSCRIBE and PINGREQ encoders, CONNACK and SUBACK decoders. PUBLISH,
// PUBACK and DISCONNECT use the protocol library's codecs (they are the same both ways).

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/Properties.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace bs::demo::net {

struct ConnectOptions
{
    QString clientId;
    bool cleanStart = true;
    quint16 keepAliveSeconds = 0;   ///< 0: no keep alive (the broker may impose one).
    quint32 sessionExpirySeconds = 0;
    quint16 receiveMaximum = 100;   ///< QoS 1/2 messages the broker may have in flight to us.
};

struct ConnackPacket
{
    bool sessionPresent = false;
    mqtt::ReasonCode reason = mqtt::ReasonCode::Success;
    mqtt::Properties properties;
};

struct SubackPacket
{
    quint16 packetId = 0;
    QList<mqtt::ReasonCode> reasons;
};

/// Subscription Options byte (§3.8.3.1): QoS and Retain Handling (0: send retained
/// messages at subscribe, 2: do not).
quint8 subscriptionOptions(quint8 qos, quint8 retainHandling = 0);

QByteArray encodeConnect(const ConnectOptions& options);
QByteArray encodeSubscribe(quint16 packetId, const QString& filter, quint8 options);
QByteArray encodePingreq();

ConnackPacket decodeConnack(mqtt::ByteReader& reader);
SubackPacket decodeSuback(mqtt::ByteReader& reader);

} // namespace bs::demo::net
