// Interop with mosquitto_pub and mosquitto_sub, MQTT 3.1.1 and 5.0, against our daemon and
// a real Mosquitto with the same expectations:
//  - delivery at QoS 0, 1 and 2, downgraded to the subscription's QoS, exactly once;
//  - '+' and '#' wildcards (empty levels, parent level of '#', case sensitivity);
//  - topics starting with '$' are not matched by filters starting with a wildcard;
//  - retained messages: set, replace, clear with an empty payload, and the retain flag on
//    new (1) versus established (0) subscriptions.

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

MosquittoSub subscriber(const BrokerProcess& broker, MqttVersion version, const QString& filter,
                        int qos, int count)
{
    MosquittoSub sub(broker.host(), broker.port(), version);
    sub.clientId(uniqueClientId(u"sub"_s))
        .topic(filter)
        .qos(qos)
        .count(count)
        .timeoutSeconds(kSubscriberSafetySeconds);
    return sub;
}

MosquittoPub publisher(const BrokerProcess& broker, MqttVersion version, const QString& topic)
{
    MosquittoPub pub(broker.host(), broker.port(), version);
    pub.clientId(uniqueClientId(u"pub"_s)).topic(topic);
    return pub;
}

QStringList topicsOf(const QList<ReceivedMessage>& messages)
{
    QStringList topics;
    for (const ReceivedMessage& message : messages)
        topics << message.topic;
    return topics;
}

QStringList withPrefix(const QString& prefix, const QStringList& topics)
{
    QStringList result;
    for (const QString& topic : topics)
        result << QString(topic).replace(u"P"_s, prefix);
    return result;
}

} // namespace

class InteropMosquittoDelivery : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void qosDelivery_data();
    void qosDelivery();
    void wildcards_data();
    void wildcards();
    void dollarTopics_data();
    void dollarTopics();
    void retainedMessages_data();
    void retainedMessages();

private:
    ServerPool m_servers;
};

void InteropMosquittoDelivery::initTestCase()
{
    for (const QString& tool : {u"mosquitto_pub"_s, u"mosquitto_sub"_s, u"stdbuf"_s})
        QVERIFY2(!QStandardPaths::findExecutable(tool).isEmpty(),
                 qPrintable(tool + u" is not installed"_s));
    QString error;
    QVERIFY2(!selectedServers(&error).isEmpty() && error.isEmpty(), qPrintable(error));
}

void InteropMosquittoDelivery::cleanupTestCase()
{
    QString error;
    QVERIFY2(m_servers.stopAll(&error), qPrintable(error));
}

// MQTT 5 §4.3 (QoS 0/1/2 flows) and §3.8.4: delivered at min(published QoS, granted QoS);
// §4.3.3: QoS 2 exactly once.
void InteropMosquittoDelivery::qosDelivery_data()
{
    bs::interop::addServerVersionColumns();
    QTest::addColumn<int>("publishQos");
    QTest::addColumn<int>("subscribeQos");
    const QList<std::pair<int, int>> cases{{0, 2}, {1, 2}, {2, 2}, {2, 1}, {2, 0}, {1, 0}};
    for (ServerKind kind : selectedServers()) {
        for (const QString& version : bs::interop::mqttVersionNames()) {
            for (const auto& [publishQos, subscribeQos] : cases) {
                addServerRow(kind,
                             u"/%1/pub%2-sub%3"_s.arg(version).arg(publishQos).arg(subscribeQos))
                    << version << publishQos << subscribeQos;
            }
        }
    }
}

void InteropMosquittoDelivery::qosDelivery()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(QString, version);
    QFETCH(int, publishQos);
    QFETCH(int, subscribeQos);
    const MqttVersion mqtt = mqttVersion(version);
    const QString topic = uniqueTopicPrefix(u"qos"_s) + u"/t"_s;
    const QByteArray payload = "qos-payload-" + QByteArray::number(publishQos);

    MosquittoSub sub = subscriber(*broker, mqtt, topic, subscribeQos, 2);
    QVERIFY2(sub.start() && sub.waitUntilSubscribed(), qPrintable(sub.describe()));
    QCOMPARE(sub.subscribeResults(), QList<int>{subscribeQos});

    MosquittoPub pub = publisher(*broker, mqtt, topic);
    pub.message(payload).qos(publishQos);
    QVERIFY2(pub.run(), qPrintable(pub.describe()));
    // A second message on the same topic after the first: had the first been delivered
    // twice, the second record would be its duplicate instead.
    MosquittoPub marker = publisher(*broker, mqtt, topic);
    marker.message("end").qos(1);
    QVERIFY2(marker.run(), qPrintable(marker.describe()));

    QVERIFY2(sub.waitForMessages(2), qPrintable(sub.describe()));
    // Either order: mosquitto_sub hands a QoS 2 message over at PUBREL, which may come after
    // the marker's PUBLISH. Each exactly once.
    const QList<ReceivedMessage> messages = sub.messages();
    QCOMPARE(messages.size(), 2);
    const qsizetype index = messages[0].payload == payload ? 0 : 1;
    const ReceivedMessage& message = messages[index];
    QCOMPARE(message.topic, topic);
    QCOMPARE(message.payload, payload);
    QCOMPARE(message.qos, std::min(publishQos, subscribeQos));
    QCOMPARE(message.retain, false);
    QCOMPARE(messages[1 - index].payload, "end"_ba);
    QVERIFY2(sub.waitForFinished() && sub.process()->succeeded(), qPrintable(sub.describe()));
}

// MQTT 5 §4.7.1.2 ('#', including the parent level), §4.7.1.3 ('+', including empty
// levels), §4.7.3 (case sensitive). "P" stands for a unique prefix.
void InteropMosquittoDelivery::wildcards_data()
{
    bs::interop::addServerVersionColumns();
    QTest::addColumn<QString>("filter");
    QTest::addColumn<QStringList>("published");
    QTest::addColumn<QStringList>("expected");
    struct Case
    {
        const char* name;
        QString filter;
        QStringList published;
        QStringList expected;
    };
    const QList<Case> cases{
        {"plus",
         u"P/+/temp"_s,
         {u"P/a/temp"_s, u"P/a/b/temp"_s, u"P/temp"_s, u"P/b/temp/x"_s, u"P//temp"_s,
          u"P/c/temp"_s},
         {u"P/a/temp"_s, u"P//temp"_s, u"P/c/temp"_s}},
        {"plus-last-level", u"P/+"_s, {u"P"_s, u"P/a/b"_s, u"P/"_s, u"P/a"_s}, {u"P/"_s, u"P/a"_s}},
        {"hash",
         u"P/#"_s,
         {u"P"_s, u"Px/a"_s, u"P/a"_s, u"P/a/b/c"_s},
         {u"P"_s, u"P/a"_s, u"P/a/b/c"_s}},
        {"plus-hash",
         u"P/+/#"_s,
         {u"P"_s, u"P/a"_s, u"Px/a/b"_s, u"P/a/b"_s},
         {u"P/a"_s, u"P/a/b"_s}},
        {"exact-case-sensitive",
         u"P/a/b"_s,
         {u"P/a"_s, u"P/a/b/c"_s, u"P/A/b"_s, u"P/a/b"_s},
         {u"P/a/b"_s}},
    };
    for (ServerKind kind : selectedServers()) {
        for (const QString& version : bs::interop::mqttVersionNames()) {
            for (const Case& c : cases) {
                addServerRow(kind, u"/%1/%2"_s.arg(version, QLatin1StringView(c.name)))
                    << version << c.filter << c.published << c.expected;
            }
        }
    }
}

void InteropMosquittoDelivery::wildcards()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(QString, version);
    QFETCH(QString, filter);
    QFETCH(QStringList, published);
    QFETCH(QStringList, expected);
    const MqttVersion mqtt = mqttVersion(version);
    const QString prefix = uniqueTopicPrefix(u"wild"_s);
    published = withPrefix(prefix, published);
    expected = withPrefix(prefix, expected);

    MosquittoSub sub = subscriber(*broker, mqtt, QString(filter).replace(u"P"_s, prefix), 1,
                                  static_cast<int>(expected.size()));
    QVERIFY2(sub.start() && sub.waitUntilSubscribed(), qPrintable(sub.describe()));
    // One after the other at QoS 1, so the server has handled each before the next.
    for (const QString& topic : std::as_const(published)) {
        MosquittoPub pub = publisher(*broker, mqtt, topic);
        pub.message(topic.toUtf8()).qos(1);
        QVERIFY2(pub.run(), qPrintable(pub.describe()));
    }
    QVERIFY2(sub.waitForMessages(static_cast<int>(expected.size())), qPrintable(sub.describe()));
    // The last published topic always matches, so a wrongly delivered topic shows up here.
    QCOMPARE(topicsOf(sub.messages()), expected);
}

// MQTT 5 §4.7.2: filters starting with '#' or '+' do not match topic names starting with
// '$'; a filter naming the '$' level does. (Mosquitto refuses client publishes to $SYS,
// so the test uses its own '$' topic.)
void InteropMosquittoDelivery::dollarTopics_data()
{
    bs::interop::addServerVersionColumns();
    QTest::addColumn<QString>("filter");
    QTest::addColumn<bool>("matchesDollarTopic");
    for (ServerKind kind : selectedServers()) {
        for (const QString& version : bs::interop::mqttVersionNames()) {
            addServerRow(kind, u"/%1/hash"_s.arg(version)) << version << u"#"_s << false;
            addServerRow(kind, u"/%1/plus"_s.arg(version)) << version << u"+/x"_s << false;
            addServerRow(kind, u"/%1/dollar-level"_s.arg(version)) << version << u"$D/#"_s << true;
        }
    }
}

void InteropMosquittoDelivery::dollarTopics()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(QString, version);
    QFETCH(QString, filter);
    QFETCH(bool, matchesDollarTopic);
    const MqttVersion mqtt = mqttVersion(version);
    const QString dollarLevel = u"$"_s + uniqueClientId(u"dollar"_s);
    const QString dollarTopic = dollarLevel + u"/x"_s;
    const QString plainTopic = uniqueClientId(u"plain"_s) + u"/x"_s;
    filter.replace(u"$D"_s, dollarLevel);
    const QString lastTopic = matchesDollarTopic ? dollarLevel + u"/y"_s : plainTopic;

    // -R: retained messages left by earlier tests are not what this test is about.
    MosquittoSub sub = subscriber(*broker, mqtt, filter, 1, 1);
    sub.skipRetained();
    QVERIFY2(sub.start() && sub.waitUntilSubscribed(), qPrintable(sub.describe()));
    for (const QString& topic : {dollarTopic, lastTopic}) {
        MosquittoPub pub = publisher(*broker, mqtt, topic);
        pub.message(topic.toUtf8()).qos(1);
        QVERIFY2(pub.run(), qPrintable(pub.describe()));
    }
    QVERIFY2(sub.waitForMessages(1), qPrintable(sub.describe()));
    QCOMPARE(sub.messages().first().topic, matchesDollarTopic ? dollarTopic : plainTopic);
}

// MQTT 5 §3.3.1.3 (RETAIN): a retained message is stored and sent to new subscriptions
// with RETAIN 1; a new one replaces it; an empty retained payload removes it and is still
// delivered to existing subscribers; established subscriptions get RETAIN 0.
void InteropMosquittoDelivery::retainedMessages_data()
{
    bs::interop::addServerVersionColumns();
    for (ServerKind kind : selectedServers()) {
        for (const QString& version : bs::interop::mqttVersionNames())
            addServerRow(kind, u"/"_s + version) << version;
    }
}

void InteropMosquittoDelivery::retainedMessages()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QFETCH(QString, version);
    const MqttVersion mqtt = mqttVersion(version);
    const QString topic = uniqueTopicPrefix(u"retained"_s) + u"/state"_s;
    auto publishRetained = [&](const QByteArray& payload) {
        MosquittoPub pub = publisher(*broker, mqtt, topic);
        pub.qos(1).retain();
        payload.isEmpty() ? pub.emptyMessage() : pub.message(payload);
        return pub;
    };
    auto newSubscriberGets = [&](const QByteArray& expected) {
        MosquittoSub sub = subscriber(*broker, mqtt, topic, 1, 1);
        if (!sub.start() || !sub.waitUntilSubscribed() || !sub.waitForMessages(1))
            return sub.describe();
        const ReceivedMessage message = sub.messages().first();
        if (message.payload != expected || !message.retain || message.qos != 1)
            return u"expected retained \"%1\" (retain 1, QoS 1), got \"%2\" retain %3 QoS %4"_s
                .arg(QString::fromUtf8(expected), QString::fromUtf8(message.payload))
                .arg(message.retain)
                .arg(message.qos);
        return QString();
    };

    // Established subscription: sees every publish with RETAIN 0, the clearing one too.
    MosquittoSub live = subscriber(*broker, mqtt, topic, 1, 4);
    QVERIFY2(live.start() && live.waitUntilSubscribed(), qPrintable(live.describe()));

    MosquittoPub first = publishRetained("first");
    QVERIFY2(first.run(), qPrintable(first.describe()));
    QString problem = newSubscriberGets("first");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    MosquittoPub second = publishRetained("second");
    QVERIFY2(second.run(), qPrintable(second.describe()));
    problem = newSubscriberGets("second");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    MosquittoPub clear = publishRetained({});
    QVERIFY2(clear.run(), qPrintable(clear.describe()));

    // Cleared: a new subscriber's first message is a live one published after its SUBACK.
    MosquittoSub late = subscriber(*broker, mqtt, topic, 1, 1);
    QVERIFY2(late.start() && late.waitUntilSubscribed(), qPrintable(late.describe()));
    MosquittoPub marker = publisher(*broker, mqtt, topic);
    marker.message("live").qos(1);
    QVERIFY2(marker.run(), qPrintable(marker.describe()));
    QVERIFY2(late.waitForMessages(1), qPrintable(late.describe()));
    QCOMPARE(late.messages().first().payload, "live"_ba);
    QCOMPARE(late.messages().first().retain, false);

    QVERIFY2(live.waitForMessages(4), qPrintable(live.describe()));
    const QList<ReceivedMessage> seen = live.messages();
    const QList<QByteArray> expectedPayloads{"first", "second", "", "live"};
    for (qsizetype i = 0; i < seen.size(); ++i) {
        QCOMPARE(seen[i].payload, expectedPayloads[i]);
        QVERIFY2(!seen[i].retain, "an established subscription must get RETAIN 0");
    }
}

QTEST_GUILESS_MAIN(InteropMosquittoDelivery)
#include "tst_interop_mosquitto_delivery.moc"
