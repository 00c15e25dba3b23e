#pragma once
// An MQTT application message as the console sees it: received from a broker, or about to
// be published. Payloads are QByteArray (implicitly shared), so handing a message to the
// topic tree, the history ring and the inspector copies no payload bytes. Received
// messages travel as MqttMessagePtr (shared, immutable) from the client's thread to the
// GUI thread.

#include <QByteArray>
#include <QDateTime>
#include <QList>
#include <QMetaType>
#include <QString>
#include <memory>
#include <optional>

namespace bs::client {

struct UserProperty
{
    QString name;
    QString value;
    friend bool operator==(const UserProperty&, const UserProperty&) = default;
};

/// The MQTT 5 properties that travel with a message (§3.3.2.3). Absent ones are
/// std::nullopt / empty; a v3.1.1 connection never sets them.
struct MessageProperties
{
    std::optional<quint8> payloadFormatIndicator; ///< 1: UTF-8 text
    std::optional<quint32> messageExpiryInterval; ///< seconds
    QString contentType;
    QString responseTopic;
    QByteArray correlationData;
    QList<UserProperty> userProperties;  ///< In the order they were sent.
    QList<quint32> subscriptionIdentifiers; ///< Received messages only.
    friend bool operator==(const MessageProperties&, const MessageProperties&) = default;
};

struct MqttMessage
{
    QString topic;
    QByteArray payload;
    quint8 qos = 0;
    bool retain = false;
    bool duplicate = false;
    MessageProperties properties;
    QDateTime timestamp; ///< When it arrived (received) or was created (outgoing).
};

using MqttMessagePtr = std::shared_ptr<const MqttMessage>;
using MqttMessageBatch = QList<MqttMessagePtr>;

} // namespace bs::client

Q_DECLARE_METATYPE(bs::client::MqttMessagePtr)
Q_DECLARE_METATYPE(bs::client::MqttMessageBatch)
