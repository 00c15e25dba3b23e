#pragma once
// Shared pieces of the PahoMqttClient tests: the "server" rows (our engine and Mosquitto),
// messages to send, unique topics, and connecting with a wait.

#include "ClientRecorder.h"
#include "ClientTestBroker.h"

#include "client/MqttClient.h"
#include "peers/ServerMatrix.h"

#include <QTest>

namespace bs::clienttest {

inline void addServerRows()
{
    QTest::addColumn<BrokerKind>("server");
    QTest::newRow("engine") << BrokerKind::Engine;
    QTest::newRow("mosquitto") << BrokerKind::Mosquitto;
}

inline bs::client::MqttMessage textMessage(const QString& topic, const QByteArray& payload,
                                           quint8 qos = 0)
{
    bs::client::MqttMessage message;
    message.topic = topic;
    message.payload = payload;
    message.qos = qos;
    return message;
}

/// Every property a client may send, with user properties out of alphabetical order, a
/// repeated name, non-ASCII text, and binary correlation data.
inline bs::client::MqttMessage messageWithEveryProperty(const QString& topic)
{
    bs::client::MqttMessage message = textMessage(topic, "{\"temperature\":21.5}", 1);
    message.properties.payloadFormatIndicator = 1;
    message.properties.messageExpiryInterval = 3600;
    message.properties.contentType = QStringLiteral("application/json");
    message.properties.responseTopic = topic + QStringLiteral("/reply");
    message.properties.correlationData = QByteArray("\x00\x01\xfe\xff corr", 9);
    message.properties.userProperties = {{QStringLiteral("zeta"), QStringLiteral("1")},
                                         {QStringLiteral("alpha"), QStringLiteral("2")},
                                         {QStringLiteral("zeta"), QStringLiteral("3")},
                                         {QStringLiteral("ünïcode"), QStringLiteral("wert ✓")}};
    return message;
}

/// A topic prefix no other test (or test run) uses.
inline QString topicPrefix(const QString& purpose)
{
    return bs::peers::uniqueTopicPrefix(purpose);
}

/// Connects and waits for Connected; false (with the states in the log) if it did not.
inline bool connectAndWait(bs::client::MqttClient& client, ClientRecorder& recorder,
                           const bs::client::ConnectionProfile& profile)
{
    client.connectToBroker(profile);
    if (!recorder.waitForState(ConnectionState::Connected)) {
        qWarning("not connected: %s", qPrintable(recorder.describeStates()));
        return false;
    }
    return true;
}

} // namespace bs::clienttest
