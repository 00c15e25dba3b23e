#pragma once
// Decodes the packets a broker sends (CONNACK, PUBLISH, PUBACK..PUBCOMP, SUBACK, UNSUBACK,
// PINGRESP, DISCONNECT, AUTH) for MQTT 3.1.1 and 5.0, independent of the broker's codec.

#include "raw/PacketBuilder.h"
#include "raw/Properties.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace bs::raw {

struct Packet
{
    PacketType type = PacketType::Invalid;
    quint8 flags = 0;       ///< Low nibble of the first byte.
    QByteArray raw;         ///< The whole packet as received.
    QByteArray body;        ///< Everything after the fixed header.
    QString malformed;      ///< Not empty: why the packet does not follow the spec.

    bool sessionPresent = false; ///< CONNACK.
    quint8 reasonCode = 0;       ///< CONNACK return/reason code; PUBACK..PUBCOMP, DISCONNECT, AUTH.
    bool hasReasonCode = false;  ///< Whether the reason code byte was present on the wire.
    quint16 packetId = 0;
    QByteArray topic; ///< PUBLISH.
    QByteArray payload;
    int qos = 0;
    bool dup = false;
    bool retain = false;
    QList<quint8> reasonCodes; ///< SUBACK, UNSUBACK (v5).
    Properties properties;

    bool is(PacketType t) const { return type == t; }
    QString describe() const;
};

enum class DecodeStatus { NeedMoreData, Decoded, Malformed };

/// Takes one packet off the front of buffer when it is complete. A packet that is
/// complete but breaks the spec is still returned (status Malformed, packet.malformed set).
DecodeStatus decodePacket(QByteArray& buffer, int version, Packet* packet);

} // namespace bs::raw
