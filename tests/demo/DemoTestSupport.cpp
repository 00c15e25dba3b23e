#include "DemoTestSupport.h"

#include <QEventLoop>
#include <QTimer>
#include <QSignalSpy>
#include <QTest>
#include <memory>
#include <optional>

bool runUntil(const std::function<bool()>& condition, int timeoutMs)
{
    if (condition())
        return true;
    QEventLoop loop;
    QTimer poll;
    QObject::connect(&poll, &QTimer::timeout, &loop, [&] {
        if (condition())
            loop.quit();
    });
    poll.start(10);
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
    return condition();
}

QString ReceivedMessage::userProperty(const QString& name) const
{
    for (const bs::mqtt::UserProperty& property : userProperties) {
        if (property.name == name)
            return property.value;
    }
    return {};
}

DemoTestClient::DemoTestClient(const QString& clientId, quint16 port)
    : m_clientId(clientId), m_port(port), m_connection(this), m_admin(m_connection, this)
{
    connect(&m_connection, &bs::demo::net::DemoMqttConnection::messageReceived, this,
            [this](const bs::mqtt::PublishPacket& message) {
                if (message.topic.startsWith(QLatin1String("demo/admin-replies/")))
                    return; // the AdminChannel's
                if (message.qos > 0)
                    m_connection.acknowledge(message.packetId);
                m_received.append({message.topic, message.payload, message.properties.userProperties});
            });
}

bool DemoTestClient::connectAndWait()
{
    QSignalSpy connected(&m_connection, &bs::demo::net::DemoMqttConnection::connected);
    bs::demo::net::ConnectOptions options;
    options.clientId = m_clientId;
    m_connection.connectToBroker(QStringLiteral("127.0.0.1"), m_port, options);
    if (!runUntil([&] { return !connected.isEmpty(); }, 10000))
        return false;
    m_admin.start();
    return true;
}

bool DemoTestClient::subscribeAndWait(const QString& filter, quint8 qos)
{
    QSignalSpy subscribed(&m_connection, &bs::demo::net::DemoMqttConnection::subscribed);
    const quint16 id = m_connection.subscribe(filter, qos);
    return runUntil([&] {
        for (const QList<QVariant>& arguments : std::as_const(subscribed)) {
            if (arguments.at(0).value<quint16>() == id)
                return true;
        }
        return false;
    }, 10000);
}

QJsonObject DemoTestClient::adminCall(const QJsonObject& request, int timeoutMs)
{
    auto answer = std::make_shared<std::optional<QJsonObject>>(); // may come after a timeout
    m_admin.request(request, [answer](const QJsonObject& reply) { *answer = reply; });
    runUntil([&] { return answer->has_value(); }, timeoutMs);
    return answer->value_or(QJsonObject());
}
