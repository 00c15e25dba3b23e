// Interop with mosquitto_pub and mosquitto_sub, against our daemon and a real Mosquitto
// with the same expectations:
//  - MQTT 5 PUBLISH properties reach the subscriber unchanged, on live and on retained
//    delivery: user properties (several, a repeated name, order kept), content type,
//    response topic, correlation data, payload format indicator, and the message expiry
//    interval (less the time waited, never more);
//  - an MQTT 5 message reaches an MQTT 3.1.1 subscriber with topic, payload and QoS;
//  - will messages (3.1.1 and 5): published when the client dies without DISCONNECT
//    (SIGKILL), with its v5 properties and retain flag; not published after a normal
//    DISCONNECT.

#include "InteropRows.h"

#include "peers/MosquittoClients.h"
#include "peers/ServerMatrix.h"

#include <QStandardPaths>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::peers;
using bs::interop::mqttVersion;

namespace {

constexpr auto kSubscriberSafetySeconds = 20; // -W: a stuck mosquitto_sub exits by itself
constexpr quint32 kExpirySeconds = 3600;

MosquittoSub subscriber(const BrokerProcess& broker, MqttVersion version, const QString& filter,
                        int count)
{
    MosquittoSub sub(broker.host(), broker.port(), version);
    sub.clientId(uniqueClientId(u"sub"_s))
        .topic(filter)
        .qos(1)
        .count(count)
        .timeoutSeconds(kSubscriberSafetySeconds);
    return sub;
}

MosquittoPub publisher(const BrokerProcess& broker, MqttVersion version, const QString& topic)
{
    MosquittoPub pub(broker.host(), broker.port(), version);
    pub.clientId(uniqueClientId(u"pub"_s)).topic(topic).qos(1);
    return pub;
}

const UserProperties& sentUserProperties()
{
    static const UserProperties properties{
        {u"k1"_s, u"v1"_s}, {u"k2"_s, u"v2"_s}, {u"k1"_s, u"v3"_s}, {u"zz"_s, u"last"_s}};
    return properties;
}

/// A v5 publish carrying every property mosquitto_pub can set on PUBLISH.
MosquittoPub publishWithProperties(const BrokerProcess& broker, const QString& topic,
                                   const QString& responseTopic)
{
    MosquittoPub pub = publisher(broker, MqttVersion::V5, topic);
    for (const auto& [name, value] : sentUserProperties())
        pub.userProperty(u"publish"_s, name, value);
    pub.property(u"publish"_s, u"content-type"_s, u"application/json"_s)
        .property(u"publish"_s, u"response-topic"_s, responseTopic)
        .property(u"publish"_s, u"correlation-data"_s, u"corr-0042"_s)
        .property(u"publish"_s, u"message-expiry-interval"_s, QString::number(kExpirySeconds))
        .property(u"publish"_s, u"payload-format-indicator"_s, u"1"_s)
        .message("{\"temperature\":21.5}");
    return pub;
}

} // namespace

class InteropMosquittoProperties : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void v5PropertiesUnchanged_data();
    void v5PropertiesUnchanged();
    void v5MessageToV311Subscriber_data();
    void v5MessageToV311Subscriber();
    void willOnAbnormalDisconnect_data();
    void willOnAbnormalDisconnect();
    void noWillOnNormalDisconnect_data();
    void noWillOnNormalDisconnect();

private:
    ServerPool m_servers;
};

void InteropMosquittoProperties::initTestCase()
{
    for (const QString& tool : {u"mosquitto_pub"_s, u"mosquitto_sub"_s, u"stdbuf"_s})
        QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                 qPrintable(tool + u" is not installed"_s));
    QString error;
    QVERIFY2(!selectedServers(&error).isEmpty() && error.isEmpty(), qPrintable(error));
}

void InteropMosquittoProperties::cleanupTestCase()
{
    QString error;
    QVERIFY2(m_servers.stopAll(&error), qPrintable(error));
}

// MQTT 5 §3.3.2.3.2 payload format indicator, §3.3.2.3.3 message expiry interval,
// §3.3.2.3.5 response topic, §3.3.2.3.6 correlation data, §3.3.2.3.7 user properties
// (order kept, [MQTT-3.3.2-18]), §3.3.2.3.9 content type: forwarded unaltered.
void InteropMosquittoProperties::v5PropertiesUnchanged_data()
{
    addServerColumn();
    QTest::addColumn<bool>("retained");
    for (ServerKind kind : selectedServers()) {
        addServerRow(kind, u"/live"_s) << false;
        addServerRow(kind, u"/retained"_s) << true;
    }
}

void InteropMosquittoProperties::v5PropertiesUnchanged()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(bool, retained);
    const QString prefix = uniqueTopicPrefix(u"props"_s);
    const QString topic = prefix + u"/reading"_s;
    const QString responseTopic = prefix + u"/reply"_s;
    MosquittoPub pub = publishWithProperties(*broker, topic, responseTopic);
    MosquittoSub sub = subscriber(*broker, MqttVersion::V5, topic, 1);

    if (retained) {
        pub.retain();
        QVERIFY2(pub.run(), qPrintable(pub.describe()));
        QVERIFY2(sub.start() && sub.waitUntilSubscribed(), qPrintable(sub.describe()));
    } else {
        QVERIFY2(sub.start() && sub.waitUntilSubscribed(), qPrintable(sub.describe()));
        QVERIFY2(pub.run(), qPrintable(pub.describe()));
    }
    QVERIFY2(sub.waitForMessages(1), qPrintable(sub.describe()));
    const ReceivedMessage message = sub.messages().first();
    QCOMPARE(message.topic, topic);
    QCOMPARE(message.payload, "{\"temperature\":21.5}"_ba);
    QCOMPARE(message.retain, retained);
    QCOMPARE(message.userProperties, sentUserProperties());
    QCOMPARE(message.contentType, std::optional(u"application/json"_s));
    QCOMPARE(message.responseTopic, std::optional(responseTopic));
    QCOMPARE(message.correlationData, std::optional("corr-0042"_ba));
    QCOMPARE(message.payloadFormatIndicator, std::optional(1));
    // §3.3.2.3.3: the received value less the time the message waited in the server.
    QVERIFY2(message.messageExpiryInterval.has_value(), "message expiry interval missing");
    QVERIFY2(*message.messageExpiryInterval <= kExpirySeconds &&
                 *message.messageExpiryInterval >= kExpirySeconds - 10,
             qPrintable(u"message expiry interval %1, sent %2"_s.arg(*message.messageExpiryInterval)
                            .arg(kExpirySeconds)));

    if (retained) {
        MosquittoPub clear = publisher(*broker, MqttVersion::V5, topic);
        clear.retain().emptyMessage();
        QVERIFY2(clear.run(), qPrintable(clear.describe()));
    }
}

// MQTT 3.1.1 subscribers get MQTT 5 publishes as plain 3.1.1 PUBLISH packets.
void InteropMosquittoProperties::v5MessageToV311Subscriber_data()
{
    addServerRows();
}

void InteropMosquittoProperties::v5MessageToV311Subscriber()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    const QString prefix = uniqueTopicPrefix(u"v5to311"_s);
    const QString topic = prefix + u"/reading"_s;
    MosquittoSub sub = subscriber(*broker, MqttVersion::V311, topic, 1);
    QVERIFY2(sub.start() && sub.waitUntilSubscribed(), qPrintable(sub.describe()));
    MosquittoPub pub = publishWithProperties(*broker, topic, prefix + u"/reply"_s);
    QVERIFY2(pub.run(), qPrintable(pub.describe()));
    QVERIFY2(sub.waitForMessages(1), qPrintable(sub.describe()));
    const ReceivedMessage message = sub.messages().first();
    QCOMPARE(message.topic, topic);
    QCOMPARE(message.payload, "{\"temperature\":21.5}"_ba);
    QCOMPARE(message.qos, 1);
    QCOMPARE(message.retain, false);
    QVERIFY2(sub.waitForFinished() && sub.process()->succeeded(), qPrintable(sub.describe()));
}

// MQTT 5 §3.1.2.5 will flag, §3.1.3.2 will properties, §3.1.2.7 will retain; MQTT 3.1.1
// §3.1.2.5: the will is published when the network connection closes without DISCONNECT.
void InteropMosquittoProperties::willOnAbnormalDisconnect_data()
{
    bs::interop::addServerVersionColumns();
    for (ServerKind kind : selectedServers()) {
        for (const QString& version : bs::interop::mqttVersionNames())
            addServerRow(kind, u"/"_s + version) << version;
    }
}

void InteropMosquittoProperties::willOnAbnormalDisconnect()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(QString, version);
    const MqttVersion mqtt = mqttVersion(version);
    const QString prefix = uniqueTopicPrefix(u"will"_s);
    const QString willTopic = prefix + u"/status"_s;

    MosquittoSub watcher = subscriber(*broker, mqtt, willTopic, 1);
    QVERIFY2(watcher.start() && watcher.waitUntilSubscribed(), qPrintable(watcher.describe()));

    MosquittoSub victim = subscriber(*broker, mqtt, prefix + u"/unused"_s, 1);
    victim.will(willTopic, "offline", 1, true);
    if (mqtt == MqttVersion::V5) {
        victim.userProperty(u"will"_s, u"reason"_s, u"killed"_s)
            .property(u"will"_s, u"content-type"_s, u"text/plain"_s);
    }
    QVERIFY2(victim.start() && victim.waitUntilSubscribed(), qPrintable(victim.describe()));
    victim.kill(); // SIGKILL: the TCP connection closes with no DISCONNECT packet

    QVERIFY2(watcher.waitForMessages(1), qPrintable(watcher.describe()));
    const ReceivedMessage will = watcher.messages().first();
    QCOMPARE(will.topic, willTopic);
    QCOMPARE(will.payload, "offline"_ba);
    QCOMPARE(will.qos, 1);
    QCOMPARE(will.retain, false); // established subscription
    if (mqtt == MqttVersion::V5) {
        QCOMPARE(will.userProperties, (UserProperties{{u"reason"_s, u"killed"_s}}));
        QCOMPARE(will.contentType, std::optional(u"text/plain"_s));
    }

    // Will retain: a later subscriber gets the will as a retained message.
    MosquittoSub late = subscriber(*broker, mqtt, willTopic, 1);
    QVERIFY2(late.start() && late.waitForMessages(1), qPrintable(late.describe()));
    QCOMPARE(late.messages().first().payload, "offline"_ba);
    QCOMPARE(late.messages().first().retain, true);

    MosquittoPub clear = publisher(*broker, mqtt, willTopic);
    clear.retain().emptyMessage();
    QVERIFY2(clear.run(), qPrintable(clear.describe()));
}

// MQTT 5 §3.1.2.5 / §3.14.4: after DISCONNECT with reason 0x00 the will is deleted, not
// published. (MQTT 3.1.1 §3.14.4 likewise.)
void InteropMosquittoProperties::noWillOnNormalDisconnect_data()
{
    willOnAbnormalDisconnect_data();
}

void InteropMosquittoProperties::noWillOnNormalDisconnect()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(QString, version);
    const MqttVersion mqtt = mqttVersion(version);
    const QString prefix = uniqueTopicPrefix(u"nowill"_s);
    const QString willTopic = prefix + u"/status"_s;
    const QString triggerTopic = prefix + u"/trigger"_s;

    MosquittoSub watcher = subscriber(*broker, mqtt, willTopic, 1);
    QVERIFY2(watcher.start() && watcher.waitUntilSubscribed(), qPrintable(watcher.describe()));

    // -C 1: exits with a normal DISCONNECT after its one message.
    MosquittoSub leaver = subscriber(*broker, mqtt, triggerTopic, 1);
    leaver.will(willTopic, "offline", 1, false);
    QVERIFY2(leaver.start() && leaver.waitUntilSubscribed(), qPrintable(leaver.describe()));
    MosquittoPub trigger = publisher(*broker, mqtt, triggerTopic);
    trigger.message("bye");
    QVERIFY2(trigger.run(), qPrintable(trigger.describe()));
    QVERIFY2(leaver.waitForFinished() && leaver.process()->succeeded(),
             qPrintable(leaver.describe()));

    // Had the will been published at the DISCONNECT, it would come before this marker.
    MosquittoPub marker = publisher(*broker, mqtt, willTopic);
    marker.message("marker");
    QVERIFY2(marker.run(), qPrintable(marker.describe()));
    QVERIFY2(watcher.waitForMessages(1), qPrintable(watcher.describe()));
    QCOMPARE(watcher.messages().first().payload, "marker"_ba);
}

QTEST_GUILESS_MAIN(InteropMosquittoProperties)
#include "tst_interop_mosquitto_properties.moc"
