#pragma once
// The engine's admin API ($CONTROL/brokerscope/v1, README: admin API) from the console,
// over any MqttClient: MQTT 5 request/response with JSON bodies. Each request publishes
// {"command": ..., fields...} with Response Topic = replyTopic() and Correlation Data = the
// request id; the answer comes back on replyTopic() and is matched by that id. Nothing
// blocks: answers and failures are signals, a request unanswered after its timeout fails
// with code "timeout".
//
// Availability: when the connection comes up, a "stats" request probes the broker. Our
// engine answers (Available); a generic broker such as Mosquitto does not (Unavailable
// after the probe's timeout) — pages then say what is and is not observable there.
//
// The owner routes received messages whose topic isReply() to handleMessages() (the
// console session does; it also keeps them out of the topic tree).

#include "client/MqttMessage.h"

#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

namespace bs::client {

class MqttClient;
enum class ConnectionState : quint8;

class AdminClient : public QObject
{
    Q_OBJECT
public:
    enum class Availability : quint8
    {
        Unknown,     ///< Not connected.
        Probing,     ///< Connected; the probe has not been answered yet.
        Available,   ///< The broker answers the admin API (our engine).
        Unavailable, ///< No answer (a generic broker), or access refused.
    };
    Q_ENUM(Availability)

    static constexpr int kDefaultTimeoutMs = 10'000;
    static constexpr int kProbeTimeoutMs = 3'000;
    static constexpr QStringView kRequestTopic = u"$CONTROL/brokerscope/v1";

    explicit AdminClient(MqttClient& client, QObject* parent = nullptr);

    /// Sends {"command": command} merged with fields. Returns the request id that
    /// answered() or failed() will carry. Fails at once (queued) when not connected.
    quint64 request(const QString& command, const QJsonObject& fields = {},
                    int timeoutMs = kDefaultTimeoutMs);
    /// Forgets a pending request: no signal will come for it.
    void cancel(quint64 requestId);
    int pendingCount() const { return int(m_pending.size()); }

    Availability availability() const { return m_availability; }
    /// Why the admin API is unavailable, in a sentence (empty otherwise).
    QString unavailableReason() const { return m_unavailableReason; }

    QString replyTopic() const { return m_replyTopic; }
    bool isReply(const QString& topic) const { return topic == m_replyTopic; }
    /// Answers among received messages (others are ignored).
    void handleMessages(const MqttMessageBatch& messages);

signals:
    void answered(quint64 requestId, const QString& command, const QJsonObject& result);
    /// code: the broker's error code (bad-request, not-found, conflict, forbidden,
    /// unavailable, ...), or "timeout" / "not-connected" / "bad-answer" from here.
    void failed(quint64 requestId, const QString& command, const QString& code, const QString& message);
    void availabilityChanged(bs::client::AdminClient::Availability availability);

private:
    struct Pending
    {
        QString command;
        qint64 deadlineMs = 0;
    };
    void connectionStateChanged(ConnectionState state);
    void expire();
    void setAvailability(Availability availability, const QString& reason = {});
    void fail(quint64 requestId, const QString& code, const QString& message);

    MqttClient& m_client;
    QString m_replyTopic;
    quint64 m_nextId = 1;
    quint64 m_probeId = 0;
    quint64 m_subscribeId = 0;
    QHash<quint64, Pending> m_pending;
    QTimer m_expiry;
    Availability m_availability = Availability::Unknown;
    QString m_unavailableReason;
};

} // namespace bs::client
