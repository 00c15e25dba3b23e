#pragma once
// Support for the demo's tests:
// - runUntil() waits for a condition in a real event loop. QTRY_* and QTest::qWait sleep
//   10 ms between event-loop passes, which would quantize every latency the scenario
//   measures on this thread (a 0.2 ms publish would look like 10 ms).
// - DemoTestClient: a test's own client of the engine, on the demo's DemoMqttConnection:
//   it records every message of the filters it subscribed to (acknowledging QoS 1) and
//   calls the admin API.

#include "demo/net/AdminChannel.h"

#include <QJsonObject>
#include <QList>
#include <functional>

/// Runs the event loop until condition() holds (checked every 10 ms) or timeoutMs pass.
bool runUntil(const std::function<bool()>& condition, int timeoutMs);

struct ReceivedMessage
{
    QString topic;
    QByteArray payload;
    QList<bs::mqtt::UserProperty> userProperties;

    QString userProperty(const QString& name) const;
};

class DemoTestClient : public QObject
{
    Q_OBJECT
public:
    explicit DemoTestClient(const QString& clientId, quint16 port);

    bool connectAndWait();
    bool subscribeAndWait(const QString& filter, quint8 qos);
    /// The whole answer of one admin request, or an empty object after timeoutMs.
    QJsonObject adminCall(const QJsonObject& request, int timeoutMs = 15000);

    const QList<ReceivedMessage>& received() const { return m_received; }

private:
    QString m_clientId;
    quint16 m_port;
    bs::demo::net::DemoMqttConnection m_connection;
    bs::demo::net::AdminChannel m_admin;
    QList<ReceivedMessage> m_received;
};
