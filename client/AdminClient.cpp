#include "client/AdminClient.h"

#include "client/MqttClient.h"

#include <QDateTime>
#include <QJsonDocument>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace bs::client {

namespace {

constexpr int kExpiryCheckMs = 250;

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

} // namespace

AdminClient::AdminClient(MqttClient& client, QObject* parent)
    : QObject(parent), m_client(client),
      m_replyTopic(u"brokerscope/console/"_s + QUuid::createUuid().toString(QUuid::WithoutBraces) + u"/admin"_s)
{
    m_expiry.setInterval(kExpiryCheckMs);
    connect(&m_expiry, &QTimer::timeout, this, &AdminClient::expire);
    connect(&m_client, &MqttClient::stateChanged, this,
            [this](ConnectionState state, const QString&) { connectionStateChanged(state); });
    // Remembered by the client: subscribed again after every reconnect. The probe waits for
    // the SUBACK, so that its answer cannot come before the subscription exists.
    connect(&m_client, &MqttClient::subscribed, this,
            [this](quint64 requestId, const QList<int>& reasonCodes, const QString& error) {
                if (requestId != m_subscribeId || m_client.state() != ConnectionState::Connected)
                    return;
                if (!error.isEmpty() || reasonCodes.value(0, 0x80) >= 0x80)
                    setAvailability(Availability::Unavailable, tr("Cannot subscribe to the answers: %1").arg(error));
                else
                    m_probeId = request(u"stats"_s, {}, kProbeTimeoutMs);
            });
    m_subscribeId = m_client.subscribe(m_replyTopic, SubscribeOptions(1));
    if (m_client.state() == ConnectionState::Connected)
        setAvailability(Availability::Probing);
}

quint64 AdminClient::request(const QString& command, const QJsonObject& fields, int timeoutMs)
{
    const quint64 id = m_nextId++;
    if (m_client.state() != ConnectionState::Connected) {
        QMetaObject::invokeMethod(this, [this, id, command] {
            emit failed(id, command, u"not-connected"_s, tr("Not connected to a broker."));
        }, Qt::QueuedConnection);
        return id;
    }
    QJsonObject body = fields;
    body.insert(u"command"_s, command);
    MqttMessage message;
    message.topic = kRequestTopic.toString();
    message.payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
    message.qos = 1;
    message.properties.responseTopic = m_replyTopic;
    message.properties.correlationData = QByteArray::number(id);
    message.properties.contentType = u"application/json"_s;
    message.timestamp = QDateTime::currentDateTimeUtc();
    m_pending.insert(id, Pending{command, nowMs() + timeoutMs});
    if (!m_expiry.isActive())
        m_expiry.start();
    m_client.publish(message);
    return id;
}

void AdminClient::cancel(quint64 requestId)
{
    m_pending.remove(requestId);
}

void AdminClient::handleMessages(const MqttMessageBatch& messages)
{
    for (const MqttMessagePtr& message : messages) {
        if (!message || message->topic != m_replyTopic)
            continue;
        bool ok = false;
        const quint64 id = message->properties.correlationData.toULongLong(&ok);
        const auto pending = m_pending.constFind(id);
        if (!ok || pending == m_pending.cend())
            continue; // cancelled, expired, or not ours
        const QString command = pending->command;
        m_pending.erase(pending);
        QJsonParseError parseError;
        const QJsonDocument document = QJsonDocument::fromJson(message->payload, &parseError);
        const QJsonObject answer = document.object();
        if (id == m_probeId)
            setAvailability(answer.contains(u"error"_s) ? Availability::Unavailable : Availability::Available,
                            answer.value(u"error"_s).toObject().value(u"message"_s).toString());
        if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
            emit failed(id, command, u"bad-answer"_s, tr("The broker's answer is not JSON: %1").arg(parseError.errorString()));
        } else if (answer.contains(u"error"_s)) {
            const QJsonObject error = answer.value(u"error"_s).toObject();
            emit failed(id, command, error.value(u"code"_s).toString(), error.value(u"message"_s).toString());
        } else {
            emit answered(id, command, answer.value(u"result"_s).toObject());
        }
    }
    if (m_pending.isEmpty())
        m_expiry.stop();
}

void AdminClient::connectionStateChanged(ConnectionState state)
{
    if (state != ConnectionState::Connected) {
        const QList<quint64> ids = m_pending.keys();
        for (quint64 id : ids)
            fail(id, u"not-connected"_s, tr("The connection to the broker was lost."));
        setAvailability(Availability::Unknown);
        return;
    }
    setAvailability(Availability::Probing); // the probe goes out with the SUBACK
}

void AdminClient::expire()
{
    const qint64 now = nowMs();
    QList<quint64> expired;
    for (auto it = m_pending.cbegin(); it != m_pending.cend(); ++it) {
        if (it->deadlineMs <= now)
            expired.append(it.key());
    }
    for (quint64 id : std::as_const(expired)) {
        if (id == m_probeId)
            setAvailability(Availability::Unavailable,
                            tr("The broker does not answer Brokerscope's admin API (a generic MQTT broker)."));
        fail(id, u"timeout"_s, tr("The broker did not answer in time."));
    }
    if (m_pending.isEmpty())
        m_expiry.stop();
}

void AdminClient::fail(quint64 requestId, const QString& code, const QString& message)
{
    const auto pending = m_pending.constFind(requestId);
    if (pending == m_pending.cend())
        return;
    const QString command = pending->command;
    m_pending.erase(pending);
    emit failed(requestId, command, code, message);
}

void AdminClient::setAvailability(Availability availability, const QString& reason)
{
    m_unavailableReason = availability == Availability::Unavailable ? reason : QString();
    if (availability == m_availability)
        return;
    m_availability = availability;
    emit availabilityChanged(availability);
}

} // namespace bs::client
