#pragma once
// The console's connection to one broker, behind our own interface (paho is one
// implementation, PahoMqttClient). Every call returns at once; results come back as
// signals on the thread the client lives on (the GUI thread), never on a network thread.
//
// Subscriptions are remembered: after an automatic reconnect the client subscribes again,
// so views keep what they had. Received messages arrive in batches (messagesReceived),
// coalesced so that a flood costs one queued call per batch, not one per message.

#include "client/ConnectionProfile.h"
#include "client/MqttMessage.h"

#include <QObject>

namespace bs::client {

enum class ConnectionState : quint8
{
    Disconnected, ///< Not connected, and not trying.
    Connecting,   ///< First attempt in progress.
    Connected,
    Reconnecting, ///< Lost; retrying with backoff.
};

QString toString(ConnectionState state);

/// What to ask for in a subscription (MQTT 5 §3.8.3.1; v3.1.1 uses the QoS only).
/// Implicit from a QoS, so subscribe(filter, 1) reads as before.
struct SubscribeOptions
{
    SubscribeOptions(quint8 maximumQos = 0) : qos(maximumQos) {}
    quint8 qos = 0;
    /// Keep the RETAIN flag of live messages as published, so a view can tell retained
    /// topics apart (the topic explorer wants this; the $SYS statistics do not).
    bool retainAsPublished = false;
    bool noLocal = false;
};

class MqttClient : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~MqttClient() override = default;

    virtual void connectToBroker(const ConnectionProfile& profile) = 0;
    virtual void disconnectFromBroker() = 0;
    virtual ConnectionState state() const = 0;
    virtual ConnectionProfile profile() const = 0;

    /// Returns a request id echoed by subscribed(). Kept and restored on reconnect.
    virtual quint64 subscribe(const QString& filter, SubscribeOptions options) = 0;
    virtual quint64 unsubscribe(const QString& filter) = 0;
    /// Returns a request id echoed by published().
    virtual quint64 publish(const MqttMessage& message) = 0;

signals:
    /// detail: a readable reason (e.g. "Not authorized (0x87)") when the state changed
    /// because of an error, else empty.
    void stateChanged(bs::client::ConnectionState state, const QString& detail);
    void messagesReceived(const bs::client::MqttMessageBatch& messages);
    /// reasonCode: the broker's MQTT 5 reason (0 on success; v3.1.1: 0 or 0x80);
    /// error: empty on success, else readable text with the code.
    void published(quint64 requestId, int reasonCode, const QString& error);
    void subscribed(quint64 requestId, const QList<int>& reasonCodes, const QString& error);
    void unsubscribed(quint64 requestId, const QString& error);
};

} // namespace bs::client
