#pragma once
// Builds MQTT control packets byte by byte (§2 and §3 of MQTT 3.1.1 / 5.0). Every field
// can be set to an invalid value so tests can send malformed packets on purpose.

#include "raw/Properties.h"

#include <QByteArray>
#include <QList>
#include <optional>

namespace bs::raw {

enum class PacketType : quint8 {
    Invalid = 0,
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
    Auth = 15,
};

QString packetTypeName(PacketType type);

inline constexpr int kMqtt31 = 3;
inline constexpr int kMqtt311 = 4;
inline constexpr int kMqtt5 = 5;

struct Will
{
    QByteArray topic{};
    QByteArray payload{};
    int qos = 0;
    bool retain = false;
    Properties properties{}; ///< MQTT 5 only.
};

struct ConnectOptions
{
    QByteArray clientId{};
    bool cleanStart = true;
    quint16 keepAlive = 60;
    Properties properties{}; ///< MQTT 5 only.
    std::optional<Will> will{};
    std::optional<QByteArray> username{};
    std::optional<QByteArray> password{};
    /// Overrides for malformed CONNECTs.
    std::optional<QByteArray> protocolName{};
    std::optional<quint8> protocolLevel{};
    quint8 extraFlags = 0; ///< OR'ed into the Connect Flags byte (bit 0 is reserved).
};

struct PublishOptions
{
    QByteArray topic{};
    QByteArray payload{};
    int qos = 0;
    quint16 packetId = 0; ///< Written when qos > 0.
    bool retain = false;
    bool dup = false;
    Properties properties{}; ///< MQTT 5 only.
};

/// Subscription Options byte (§3.8.3.1): QoS, No Local, Retain As Published, Retain Handling.
quint8 subscriptionOptions(int qos, bool noLocal = false, bool retainAsPublished = false,
                           int retainHandling = 0);

struct TopicSubscription
{
    QByteArray filter{};
    quint8 options = 0;
};

class PacketBuilder
{
public:
    explicit PacketBuilder(int version = kMqtt5) : m_version(version) {}
    int version() const { return m_version; }
    bool isV5() const { return m_version == kMqtt5; }

    /// The fixed header (§2.1: type/flags byte, Remaining Length varint) around a body.
    static QByteArray packet(quint8 firstByte, const QByteArray& body);
    static QByteArray packet(PacketType type, quint8 flags, const QByteArray& body);

    QByteArray connect(const ConnectOptions& options) const;
    QByteArray publish(const PublishOptions& options) const;
    QByteArray subscribe(quint16 packetId, const QList<TopicSubscription>& subscriptions,
                         const Properties& properties = {}) const;
    QByteArray subscribe(quint16 packetId, const QByteArray& filter, int qos) const;
    QByteArray unsubscribe(quint16 packetId, const QList<QByteArray>& filters,
                           const Properties& properties = {}) const;
    QByteArray puback(quint16 packetId, quint8 reasonCode = 0, const Properties& properties = {}) const;
    QByteArray pubrec(quint16 packetId, quint8 reasonCode = 0, const Properties& properties = {}) const;
    QByteArray pubrel(quint16 packetId, quint8 reasonCode = 0, const Properties& properties = {}) const;
    QByteArray pubcomp(quint16 packetId, quint8 reasonCode = 0, const Properties& properties = {}) const;
    QByteArray pingreq() const;
    QByteArray disconnect(quint8 reasonCode = 0, const Properties& properties = {}) const;

private:
    QByteArray ack(PacketType type, quint8 flags, quint16 packetId, quint8 reasonCode,
                   const Properties& properties) const;

    int m_version;
};

} // namespace bs::raw
