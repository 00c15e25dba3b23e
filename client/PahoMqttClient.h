#pragma once
// MqttClient on paho-mqtt-cpp (mqtt::async_client), MQTT 3.1.1 and 5.
//
// Threads: paho calls back on its own threads. Those callbacks only convert and push into
// a PahoInbox (mutex, bounded); the first push after a drain posts one queued call to this
// object's thread, which drains everything and emits batches. No call made on this
// object's thread waits for the network: connects, subscribes and publishes are queued in
// paho and answered through the inbox, and handles are disconnected and destroyed on a
// background worker (PahoRuntime::retire), so neither a disconnect nor the destructor can
// hang the GUI.
//
// Connection life: connectToBroker() -> Connecting -> Connected. A lost connection (or a
// first attempt that fails for a reason that may pass, like a broker that is down) goes to
// Reconnecting and retries with ReconnectBackoff (0.5 s, 1, 2, 4 ... 30 s, jittered), each
// attempt on a fresh paho handle; the backoff starts over only after a connection stayed up
// for 10 s, so a broker that drops us at once is not hammered. A refusal that retrying cannot fix
// (bad credentials, not authorized, a TLS failure, session taken over) goes to Disconnected with
// the reason. Subscriptions are remembered (subscribe() adds, unsubscribe() forgets) and sent again
// after every (re)connect; their subscribed() results repeat the original request id.
//
// Connect latency: paho.mqtt.c's shared receive thread makes a connect wait 1-2 s while
// another connection is idle; PahoRuntime explains why and how this client avoids it
// (nudging another connected handle, and letting paho's threads restart fresh).

#include "client/MqttClient.h"
#include "client/ReconnectBackoff.h"

#include <QElapsedTimer>
#include <QHash>
#include <QPointer>
#include <map>
#include <memory>

class QTimer;

namespace bs::client {

class NetworkProbe;

namespace paho {
class PahoConnection;
class PahoInbox;
struct PahoEvent;
} // namespace paho

class PahoMqttClient : public MqttClient
{
    Q_OBJECT
public:
    static constexpr std::size_t kDefaultInboxCapacity = 200'000;
    static constexpr int kDefaultConnectTimeoutMs = 10'000;

    explicit PahoMqttClient(QObject* parent = nullptr);
    /// inboxCapacity: received messages kept at most while this thread is busy; beyond it
    /// the oldest are dropped and counted in droppedMessages().
    explicit PahoMqttClient(std::size_t inboxCapacity, QObject* parent = nullptr);
    ~PahoMqttClient() override;

    void connectToBroker(const ConnectionProfile& profile) override;
    void disconnectFromBroker() override;
    ConnectionState state() const override { return m_state; }
    /// The profile in use; an empty client id is replaced by the generated
    /// "brokerscope-<8 hex digits>", kept for reconnects.
    ConnectionProfile profile() const override { return m_profile; }

    quint64 subscribe(const QString& filter, SubscribeOptions options) override;
    quint64 unsubscribe(const QString& filter) override;
    quint64 publish(const MqttMessage& message) override;

    /// Received messages dropped because the inbox was full (oldest first), in all.
    quint64 droppedMessages() const { return m_droppedMessages; }
    /// The remembered subscriptions: filter -> QoS.
    std::map<QString, quint8> subscriptions() const;
    /// On MQTT 5 every subscription carries its own Subscription Identifier (unless the
    /// broker says it has none), so a received message's subscriptionIdentifiers tell which
    /// of the remembered filters it matched. 0 for a filter not subscribed.
    quint32 subscriptionIdentifier(const QString& filter) const;

    /// Off: a failed or lost connection goes to Disconnected instead of Reconnecting.
    void setAutomaticReconnect(bool on) { m_automaticReconnect = on; }
    void setConnectTimeoutMs(int timeoutMs) { m_connectTimeoutMs = timeoutMs; }
    /// The CONNACK code of the last refused connect (MQTT 5 reason code, or MQTT 3.1.1
    /// return code), -1 if the last attempt got no refusal.
    int lastConnackCode() const { return m_lastConnackCode; }
    /// Milliseconds from the start of the last successful attempt to its CONNACK.
    qint64 lastConnectLatencyMs() const { return m_lastConnectLatencyMs; }

private:
    static constexpr qint64 kStableConnectionMs = 10'000;
    static constexpr qint64 kShortLivedConnectionMs = 3'000;

    enum class RequestKind : quint8
    {
        Subscribe,
        Unsubscribe,
        Publish
    };
    struct PendingRequest
    {
        RequestKind kind;
        quint64 generation;
    };
    struct Subscription
    {
        SubscribeOptions options;
        quint64 requestId;
        quint32 identifier; ///< MQTT 5 Subscription Identifier sent with it
    };

    void beginAttempt();
    void sendSubscribe(const QString& filter, const Subscription& subscription);
    void drainInbox();
    void handleEvent(const paho::PahoEvent& event);
    void handleConnected(const paho::PahoEvent& event);
    void handleConnectFailed(const paho::PahoEvent& event);
    void handleLost(const QString& detail, bool mayReconnect);
    void handleRequestResult(const paho::PahoEvent& event);
    void attemptFailed(const QString& detail, bool retryable);
    QString handshakeFailure() const;
    QString lostDetail(const QString& cause) const;
    void retireConnection(const QString& reasonForPending);
    void stopAttemptTimers();
    void reportLocally(RequestKind kind, quint64 requestId, int reasonCode, const QString& error);
    void setState(ConnectionState state, const QString& detail);
    QString address() const;

    std::shared_ptr<paho::PahoInbox> m_inbox;
    std::shared_ptr<paho::PahoConnection> m_connection;
    quint64 m_generation = 0;
    ConnectionProfile m_profile;
    ConnectionState m_state = ConnectionState::Disconnected;
    QString m_detail;
    bool m_wantConnected = false;
    bool m_automaticReconnect = true;
    int m_connectTimeoutMs = kDefaultConnectTimeoutMs;

    std::map<QString, Subscription> m_subscriptions;
    QHash<quint64, PendingRequest> m_pending;
    quint64 m_nextRequestId = 1; // 0 marks paho's own tokens (connect, nudges)
    quint32 m_nextSubscriptionIdentifier = 1;
    bool m_subscriptionIdentifiersAvailable = true;

    ReconnectBackoff m_backoff;
    QTimer* m_reconnectTimer = nullptr;
    QTimer* m_nudgeTimer = nullptr;
    QTimer* m_deferTimer = nullptr;
    QElapsedTimer m_deferClock;
    QElapsedTimer m_attemptClock;
    QElapsedTimer m_connectedClock;
    NetworkProbe* m_probe = nullptr;
    int m_lastConnackCode = -1;
    qint64 m_lastConnectLatencyMs = -1;
    quint64 m_droppedMessages = 0;
};

} // namespace bs::client
