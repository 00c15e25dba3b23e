// PahoMqttClient against real brokers — our engine in-process and a real Mosquitto — with
// the same expectations:
//  - connects with MQTT 3.1.1 and 5, subscribes, receives, publishes; an empty client id
//    becomes "brokerscope-<8 hex>";
//  - a received MQTT 5 message carries every property, user properties in the order sent
//    (a repeated name included) and the subscription's identifier;
//  - outgoing properties reach mosquitto_sub unchanged;
//  - publishing to $SYS/x with MQTT 5 QoS 1 is refused with 0x87, reported by published();
//  - bad input is refused locally with a readable error and the connection survives: an
//    invalid filter (which would make Mosquitto drop the connection), an invalid topic, a
//    publish while disconnected; binary payloads travel untouched;
//  - unsubscribe() forgets a filter.
// (States are compared by name: QTest's toString() clashes with bs::client::toString.)

#include "ClientTestData.h"

#include "client/PahoMqttClient.h"
#include "peers/MosquittoClients.h"

#include <QRegularExpression>
#include <QTest>
#include <map>

using namespace Qt::StringLiterals;
using namespace bs::clienttest;
using bs::client::ConnectionProfile;
using bs::client::ConnectionState;
using bs::client::MqttMessage;
using bs::client::MqttVersion;
using bs::client::PahoMqttClient;
using bs::client::toString;

class TestPahoClient : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_brokers.clear(); }

    void connectsSubscribesAndPublishes_data();
    void connectsSubscribesAndPublishes();
    void generatesClientId_data() { addServerRows(); }
    void generatesClientId();
    void receivesEveryPropertyInOrder_data() { addServerRows(); }
    void receivesEveryPropertyInOrder();
    void sendsEveryPropertyToMosquittoSub_data() { addServerRows(); }
    void sendsEveryPropertyToMosquittoSub();
    void sysPublishIsRefused_data() { addServerRows(); }
    void sysPublishIsRefused();
    void badInputIsRefusedLocally_data() { addServerRows(); }
    void badInputIsRefusedLocally();
    void unsubscribeForgets_data() { addServerRows(); }
    void unsubscribeForgets();

private:
    BrokerPool m_brokers;
};

void TestPahoClient::initTestCase()
{
    QString error;
    QVERIFY2(startBrokerPool(m_brokers, &error), qPrintable(error));
}

void TestPahoClient::connectsSubscribesAndPublishes_data()
{
    QTest::addColumn<BrokerKind>("server");
    QTest::addColumn<MqttVersion>("version");
    for (const BrokerKind kind : {BrokerKind::Engine, BrokerKind::Mosquitto}) {
        QTest::addRow("%s-v311", qPrintable(brokerKindName(kind))) << kind << MqttVersion::V311;
        QTest::addRow("%s-v5", qPrintable(brokerKindName(kind))) << kind << MqttVersion::V5;
    }
}

void TestPahoClient::connectsSubscribesAndPublishes()
{
    QFETCH(BrokerKind, server);
    QFETCH(MqttVersion, version);
    ClientTestBroker& broker = *m_brokers.at(server);
    const QString topics = topicPrefix(u"basic"_s);

    PahoMqttClient subscriber;
    ClientRecorder sub(subscriber);
    QVERIFY(connectAndWait(subscriber, sub, broker.profile(version, u"sub"_s)));
    // (States are compared by name: QTest's toString() clashes with bs::client::toString.)
    QCOMPARE(toString(sub.states.first().first), u"Connecting"_s);
    QCOMPARE(toString(sub.states.last().first), u"Connected"_s);
    QCOMPARE(sub.states.last().second, QString());

    const quint64 subscription = subscriber.subscribe(topics + u"/#"_s, 1);
    QVERIFY(sub.waitForSubscribed(subscription));
    QCOMPARE(sub.subscribed[subscription].reasonCodes, QList<int>{1}); // granted QoS 1
    QVERIFY(sub.subscribed[subscription].error.isEmpty());

    PahoMqttClient publisher;
    ClientRecorder pub(publisher);
    QVERIFY(connectAndWait(publisher, pub, broker.profile(version, u"pub"_s)));
    const QDateTime before = QDateTime::currentDateTimeUtc();
    const quint64 request = publisher.publish(textMessage(topics + u"/a"_s, "hello", 1));
    QVERIFY(pub.waitForPublished(request));
    QCOMPARE(pub.published[request].reasonCode, 0);
    QVERIFY2(pub.published[request].error.isEmpty(), qPrintable(pub.published[request].error));

    QVERIFY(sub.waitForMessages(1));
    const auto& received = *sub.messages.first();
    QCOMPARE(received.topic, topics + u"/a"_s);
    QCOMPARE(received.payload, "hello"_ba);
    QCOMPARE(received.qos, quint8(1));
    QVERIFY(!received.retain);
    QVERIFY(received.timestamp.isValid());
    QVERIFY(received.timestamp >= before.addMSecs(-1));
    if (version == MqttVersion::V311)
        QCOMPARE(received.properties, bs::client::MessageProperties{});
}

void TestPahoClient::generatesClientId()
{
    QFETCH(BrokerKind, server);
    ConnectionProfile profile = m_brokers.at(server)->profile(MqttVersion::V5, u"generated"_s);
    profile.clientId.clear();
    PahoMqttClient client;
    ClientRecorder recorder(client);
    QVERIFY(connectAndWait(client, recorder, profile));
    static const QRegularExpression pattern(u"^brokerscope-[0-9a-f]{8}$"_s);
    QVERIFY2(pattern.match(client.profile().clientId).hasMatch(),
             qPrintable(client.profile().clientId));
}

void TestPahoClient::receivesEveryPropertyInOrder()
{
    QFETCH(BrokerKind, server);
    ClientTestBroker& broker = *m_brokers.at(server);
    const QString topics = topicPrefix(u"props"_s);
    PahoMqttClient subscriber;
    ClientRecorder sub(subscriber);
    QVERIFY(connectAndWait(subscriber, sub, broker.profile(MqttVersion::V5, u"sub"_s)));
    const QString filter = topics + u"/#"_s;
    QVERIFY(sub.waitForSubscribed(subscriber.subscribe(filter, 1)));
    const quint32 identifier = subscriber.subscriptionIdentifier(filter);
    QVERIFY(identifier != 0);

    PahoMqttClient publisher;
    ClientRecorder pub(publisher);
    QVERIFY(connectAndWait(publisher, pub, broker.profile(MqttVersion::V5, u"pub"_s)));
    const MqttMessage sent = messageWithEveryProperty(topics + u"/sensor"_s);
    const quint64 request = publisher.publish(sent);
    QVERIFY(pub.waitForPublished(request));
    QCOMPARE(pub.published[request].reasonCode, 0);

    QVERIFY(sub.waitForMessages(1));
    const MqttMessage& received = *sub.messages.first();
    QCOMPARE(received.topic, sent.topic);
    QCOMPARE(received.payload, sent.payload);
    const auto& got = received.properties;
    QCOMPARE(got.payloadFormatIndicator, std::optional<quint8>(1));
    QVERIFY(got.messageExpiryInterval.has_value());
    QVERIFY(*got.messageExpiryInterval <= 3600 && *got.messageExpiryInterval >= 3590);
    QCOMPARE(got.contentType, sent.properties.contentType);
    QCOMPARE(got.responseTopic, sent.properties.responseTopic);
    QCOMPARE(got.correlationData, sent.properties.correlationData);
    QCOMPARE(got.userProperties, sent.properties.userProperties); // order and repeats kept
    QCOMPARE(got.subscriptionIdentifiers, QList<quint32>{identifier});
}

void TestPahoClient::sendsEveryPropertyToMosquittoSub()
{
    QFETCH(BrokerKind, server);
    ClientTestBroker& broker = *m_brokers.at(server);
    const QString topic = topicPrefix(u"out"_s) + u"/x"_s;
    bs::peers::MosquittoSub sub(broker.host(), broker.port(), bs::peers::MqttVersion::V5);
    sub.topic(topic).qos(1).count(1).timeoutSeconds(20);
    QVERIFY2(sub.start(), qPrintable(sub.describe()));
    QVERIFY2(sub.waitUntilSubscribed(), qPrintable(sub.describe()));

    PahoMqttClient publisher;
    ClientRecorder pub(publisher);
    QVERIFY(connectAndWait(publisher, pub, broker.profile(MqttVersion::V5, u"pub"_s)));
    MqttMessage sent = messageWithEveryProperty(topic);
    // mosquitto_sub prints names and values up to the first space, and text only.
    sent.properties.userProperties = {{u"k1"_s, u"v1"_s}, {u"k2"_s, u"v2"_s}, {u"k1"_s, u"v3"_s}};
    sent.properties.correlationData = "corr-0042";
    QVERIFY(pub.waitForPublished(publisher.publish(sent)));

    QVERIFY2(sub.waitForMessages(1), qPrintable(sub.describe()));
    const bs::peers::ReceivedMessage received = sub.messages().first();
    QCOMPARE(received.topic, topic);
    QCOMPARE(received.payload, sent.payload);
    const bs::peers::UserProperties expected{
        {u"k1"_s, u"v1"_s}, {u"k2"_s, u"v2"_s}, {u"k1"_s, u"v3"_s}};
    QCOMPARE(received.userProperties, expected);
    QCOMPARE(received.contentType, std::optional<QString>(sent.properties.contentType));
    QCOMPARE(received.responseTopic, std::optional<QString>(sent.properties.responseTopic));
    QCOMPARE(received.correlationData, std::optional<QByteArray>("corr-0042"_ba));
    QCOMPARE(received.payloadFormatIndicator, std::optional<int>(1));
    QVERIFY(received.messageExpiryInterval.has_value());
}

void TestPahoClient::sysPublishIsRefused()
{
    QFETCH(BrokerKind, server);
    PahoMqttClient client;
    ClientRecorder recorder(client);
    QVERIFY(
        connectAndWait(client, recorder, m_brokers.at(server)->profile(MqttVersion::V5, u"sys"_s)));
    const quint64 refused = client.publish(textMessage(u"$SYS/x"_s, "no", 1));
    QVERIFY(recorder.waitForPublished(refused));
    QCOMPARE(recorder.published[refused].reasonCode, 0x87);
    QVERIFY2(recorder.published[refused].error.contains(u"Not authorized (0x87)"_s),
             qPrintable(recorder.published[refused].error));

    // No matching subscribers (0x10) is a success; paho.mqtt.c reports success codes as 0.
    const quint64 unheard = client.publish(textMessage(topicPrefix(u"nobody"_s), "x", 1));
    QVERIFY(recorder.waitForPublished(unheard));
    QVERIFY(recorder.published[unheard].error.isEmpty());
    QVERIFY(recorder.published[unheard].reasonCode < 0x80);
    QCOMPARE(toString(client.state()), u"Connected"_s);
}

void TestPahoClient::badInputIsRefusedLocally()
{
    QFETCH(BrokerKind, server);
    PahoMqttClient client;
    ClientRecorder recorder(client);
    ConnectionProfile profile = m_brokers.at(server)->profile(MqttVersion::V311, u"bad"_s);

    // Before connecting: a publish fails at once with a reason, nothing is sent later.
    const quint64 early = client.publish(textMessage(u"a/b"_s, "x", 1));
    QVERIFY(recorder.waitForPublished(early));
    QCOMPARE(recorder.published[early].reasonCode, -1);
    QVERIFY2(recorder.published[early].error.contains(u"not connected"_s),
             qPrintable(recorder.published[early].error));

    QVERIFY(connectAndWait(client, recorder, profile));
    // "a/#/b" would make Mosquitto close the connection: refused here instead.
    const quint64 badFilter = client.subscribe(u"a/#/b"_s, 0);
    QVERIFY(recorder.waitForSubscribed(badFilter));
    QCOMPARE(recorder.subscribed[badFilter].reasonCodes, QList<int>{0x8F});
    QVERIFY(recorder.subscribed[badFilter].error.contains(u"'#'"_s));
    QVERIFY(client.subscriptions().empty());

    const quint64 wildcardTopic = client.publish(textMessage(u"a/+"_s, "x"));
    QVERIFY(recorder.waitForPublished(wildcardTopic));
    QVERIFY(recorder.published[wildcardTopic].error.contains(u"wildcards"_s));
    const quint64 emptyTopic = client.publish(textMessage({}, "x"));
    QVERIFY(recorder.waitForPublished(emptyTopic));
    QVERIFY(recorder.published[emptyTopic].error.contains(u"empty"_s));

    // Binary, invalid UTF-8 payloads travel untouched.
    const QString topic = topicPrefix(u"binary"_s);
    QVERIFY(recorder.waitForSubscribed(client.subscribe(topic, 0)));
    const QByteArray binary("\xff\xfe\x00\xc3\x28 binary", 12);
    QVERIFY(recorder.waitForPublished(client.publish(textMessage(topic, binary))));
    QVERIFY(recorder.waitForMessages(1));
    QCOMPARE(recorder.messages.first()->payload, binary);
    QCOMPARE(toString(client.state()), u"Connected"_s);
}

void TestPahoClient::unsubscribeForgets()
{
    QFETCH(BrokerKind, server);
    const QString topics = topicPrefix(u"unsub"_s);
    PahoMqttClient client;
    ClientRecorder recorder(client);
    QVERIFY(connectAndWait(client, recorder,
                           m_brokers.at(server)->profile(MqttVersion::V5, u"unsub"_s)));
    QVERIFY(recorder.waitForSubscribed(client.subscribe(topics + u"/gone"_s, 0)));
    QVERIFY(recorder.waitForSubscribed(client.subscribe(topics + u"/kept"_s, 0)));
    const quint64 request = client.unsubscribe(topics + u"/gone"_s);
    QVERIFY(recorder.waitForUnsubscribed(request));
    QVERIFY2(recorder.unsubscribed[request].isEmpty(), qPrintable(recorder.unsubscribed[request]));
    QCOMPARE(client.subscriptions().size(), std::size_t(1));

    QVERIFY(recorder.waitForPublished(client.publish(textMessage(topics + u"/gone"_s, "1"))));
    QVERIFY(recorder.waitForPublished(client.publish(textMessage(topics + u"/kept"_s, "2"))));
    QVERIFY(recorder.waitForMessages(1));
    // Same connection, in order: had "gone" been delivered, it would have come first.
    QCOMPARE(recorder.messages.size(), 1);
    QCOMPARE(recorder.messages.first()->topic, topics + u"/kept"_s);
}

QTEST_GUILESS_MAIN(TestPahoClient)
#include "tst_paho_client.moc"
