#pragma once
// Shared by the inject dialog tests: finding widgets by object name, a message that uses
// every field, and comparing two messages field by field.

#include "client/MqttMessage.h"

#include <QTest>
#include <QWidget>

namespace bs::test {

using namespace Qt::StringLiterals;

template<typename W>
W* child(QObject* parent, const QString& name)
{
    W* widget = parent->findChild<W*>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

/// Every field and property set, binary correlation data, a repeated user property name.
inline client::MqttMessage fullMessage()
{
    client::MqttMessage m;
    m.topic = u"plant/line1/temperature"_s;
    m.payload = R"({"celsius": 21.5, "ok": true})"_ba;
    m.qos = 2;
    m.retain = true;
    m.properties.payloadFormatIndicator = 1;
    m.properties.messageExpiryInterval = 3600;
    m.properties.contentType = u"application/json"_s;
    m.properties.responseTopic = u"plant/line1/replies"_s;
    m.properties.correlationData = QByteArray::fromHex("00ff10ab");
    m.properties.userProperties = {{u"b"_s, u"2"_s}, {u"a"_s, u"1"_s}, {u"b"_s, u"again"_s}};
    return m;
}

/// Everything a publisher sets (not duplicate, timestamp or subscription identifiers).
inline void compareMessages(const client::MqttMessage& actual, const client::MqttMessage& expected)
{
    QCOMPARE(actual.topic, expected.topic);
    QCOMPARE(actual.payload, expected.payload);
    QCOMPARE(actual.qos, expected.qos);
    QCOMPARE(actual.retain, expected.retain);
    QCOMPARE(actual.properties.payloadFormatIndicator, expected.properties.payloadFormatIndicator);
    QCOMPARE(actual.properties.messageExpiryInterval, expected.properties.messageExpiryInterval);
    QCOMPARE(actual.properties.contentType, expected.properties.contentType);
    QCOMPARE(actual.properties.responseTopic, expected.properties.responseTopic);
    QCOMPARE(actual.properties.correlationData, expected.properties.correlationData);
    QCOMPARE(actual.properties.userProperties, expected.properties.userProperties);
}

} // namespace bs::test
