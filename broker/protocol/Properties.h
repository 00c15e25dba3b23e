#pragma once
// MQTT 5 properties (§2.2.2). One struct holds every property; each packet type uses the
// ones the spec allows it (validated when decoding). User properties keep their order.

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"

#include <QList>
#include <QString>
#include <optional>

namespace bs::mqtt {

struct UserProperty
{
    QString name;
    QString value;
    friend bool operator==(const UserProperty&, const UserProperty&) = default;
};

/// Which packet (or part of one) a property block belongs to; decides what is allowed.
enum class PropertyContext : quint8
{
    Connect,
    Will,
    Connack,
    Publish,
    Ack, ///< PUBACK, PUBREC, PUBREL, PUBCOMP
    Subscribe,
    Suback,
    Unsubscribe,
    Unsuback,
    Disconnect,
    Auth,
};

struct Properties
{
    std::optional<quint8> payloadFormatIndicator;
    std::optional<quint32> messageExpiryInterval;
    std::optional<QString> contentType;
    std::optional<QString> responseTopic;
    std::optional<QByteArray> correlationData;
    QList<quint32> subscriptionIdentifiers;
    std::optional<quint32> sessionExpiryInterval;
    std::optional<QString> assignedClientIdentifier;
    std::optional<quint16> serverKeepAlive;
    std::optional<QString> authenticationMethod;
    std::optional<QByteArray> authenticationData;
    std::optional<quint8> requestProblemInformation;
    std::optional<quint32> willDelayInterval;
    std::optional<quint8> requestResponseInformation;
    std::optional<QString> responseInformation;
    std::optional<QString> serverReference;
    std::optional<QString> reasonString;
    std::optional<quint16> receiveMaximum;
    std::optional<quint16> topicAliasMaximum;
    std::optional<quint16> topicAlias;
    std::optional<quint8> maximumQos;
    std::optional<quint8> retainAvailable;
    QList<UserProperty> userProperties;
    std::optional<quint32> maximumPacketSize;
    std::optional<quint8> wildcardSubscriptionAvailable;
    std::optional<quint8> subscriptionIdentifierAvailable;
    std::optional<quint8> sharedSubscriptionAvailable;

    /// Reads a property block (length then properties). Errors are left in the reader:
    /// MalformedPacket for unknown/forbidden/truncated properties, ProtocolError for
    /// duplicates and out-of-range values.
    static Properties read(ByteReader& reader, PropertyContext context);
    /// Writes the property block (length then properties).
    void write(ByteWriter& writer) const;
    /// The properties without their length prefix (empty, and no allocation, for none).
    QByteArray encodedBody() const;
    /// Size of write()'s output.
    qsizetype encodedSize() const;
};

} // namespace bs::mqtt
