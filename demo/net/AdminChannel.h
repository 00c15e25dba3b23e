#pragma once
// AdminChannel: the engine's admin API (README "Admin API") over a DemoMqttConnection —
// a JSON request published to $CONTROL/brokerscope/v1 with a Response Topic and
// Correlation Data, the answer read from the response topic. The demo uses it to make its
// consumer groups durable and to clean up on reset; a test uses it to replay dead letters.
//
// Call start() once the connection is connected: it subscribes to the response topic;
// requests made before its SUBACK wait and go out after it. Each request's callback gets
// the whole answer ({"command", "result"} or {"command", "error"}), or an object with
// "error": {"code": "disconnected"} when the connection is lost first.

#include "demo/net/DemoMqttConnection.h"

#include <QHash>
#include <QJsonObject>
#include <QList>
#include <functional>

namespace bs::demo::net {

class AdminChannel : public QObject
{
    Q_OBJECT
public:
    using Callback = std::function<void(const QJsonObject& answer)>;

    explicit AdminChannel(DemoMqttConnection& connection, QObject* parent = nullptr);

    void start();
    void request(const QJsonObject& body, Callback callback = {});
    bool isReady() const { return m_ready; }

    static bool succeeded(const QJsonObject& answer) { return answer.contains(QLatin1String("result")); }
    static QString errorCode(const QJsonObject& answer);

private:
    void send(const QJsonObject& body, const Callback& callback);
    void onMessage(const mqtt::PublishPacket& message);
    void failAll();

    DemoMqttConnection& m_connection;
    QString m_responseTopic;
    quint16 m_subscribeId = 0;
    bool m_ready = false;
    quint64 m_nextCorrelation = 1;
    QHash<QByteArray, Callback> m_waitingAnswers;
    QList<std::pair<QJsonObject, Callback>> m_waitingForReady;
};

} // namespace bs::demo::net
