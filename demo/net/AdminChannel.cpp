#include "demo/net/AdminChannel.h"

#include <QJsonDocument>

namespace bs::demo::net {

namespace {

const QString kControlTopic = QStringLiteral("$CONTROL/brokerscope/v1");

} // namespace

AdminChannel::AdminChannel(DemoMqttConnection& connection, QObject* parent)
    : QObject(parent), m_connection(connection)
{
    connect(&m_connection, &DemoMqttConnection::subscribed, this,
            [this](quint16 packetId, const QList<mqtt::ReasonCode>& reasons) {
                if (packetId != m_subscribeId || reasons.isEmpty() || mqtt::isError(reasons.first()))
                    return;
                m_ready = true;
                const auto waiting = std::exchange(m_waitingForReady, {});
                for (const auto& [body, callback] : waiting)
                    send(body, callback);
            });
    connect(&m_connection, &DemoMqttConnection::messageReceived, this, &AdminChannel::onMessage);
    connect(&m_connection, &DemoMqttConnection::disconnected, this, &AdminChannel::failAll);
}

QString AdminChannel::errorCode(const QJsonObject& answer)
{
    return answer.value(QLatin1String("error")).toObject().value(QLatin1String("code")).toString();
}

void AdminChannel::start()
{
    m_ready = false;
    m_responseTopic = QStringLiteral("demo/admin-replies/") + m_connection.clientId();
    m_subscribeId = m_connection.subscribe(m_responseTopic, 0);
}

void AdminChannel::request(const QJsonObject& body, Callback callback)
{
    if (m_ready)
        send(body, callback);
    else
        m_waitingForReady.append({body, std::move(callback)});
}

void AdminChannel::send(const QJsonObject& body, const Callback& callback)
{
    const QByteArray correlation = QByteArray::number(m_nextCorrelation++);
    mqtt::Properties properties;
    properties.responseTopic = m_responseTopic;
    properties.correlationData = correlation;
    m_waitingAnswers.insert(correlation, callback);
    m_connection.publish(kControlTopic, QJsonDocument(body).toJson(QJsonDocument::Compact), 1, properties);
}

void AdminChannel::onMessage(const mqtt::PublishPacket& message)
{
    if (message.topic != m_responseTopic)
        return;
    if (message.qos > 0)
        m_connection.acknowledge(message.packetId);
    const Callback callback = m_waitingAnswers.take(message.properties.correlationData.value_or(QByteArray()));
    if (callback)
        callback(QJsonDocument::fromJson(message.payload).object());
}

void AdminChannel::failAll()
{
    m_ready = false;
    const QJsonObject lost{{QStringLiteral("error"), QJsonObject{{QStringLiteral("code"), QStringLiteral("disconnected")}}}};
    auto answers = std::exchange(m_waitingAnswers, {});
    auto waiting = std::exchange(m_waitingForReady, {});
    for (const Callback& callback : std::as_const(answers)) {
        if (callback)
            callback(lost);
    }
    for (const auto& entry : std::as_const(waiting)) {
        if (entry.second)
            entry.second(lost);
    }
}

} // namespace bs::demo::net
