// Interop with mqtt.js (npm "mqtt" 5.x, MQTT 5) for what mosquitto_pub/sub and paho do not
// reach, against our daemon and a real Mosquitto with the same expectations: topic aliases,
// subscription identifiers, No Local, Retain As Published, Retain Handling 0/1/2, and the
// message expiry interval counting down (and expired messages not sent). The scenarios are
// in node/scenarios.mjs; each prints what it observed as JSON and the checks are made here.

#include "peers/NodeScripts.h"
#include "peers/ServerMatrix.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::peers;

namespace {

/// One PUBLISH as a scenario recorded it.
struct JsMessage
{
    QString topic;    ///< After mqtt.js resolved a topic alias.
    QString rawTopic; ///< As sent by the server (empty when it used an alias).
    QString payload;
    int qos = 0;
    bool retain = false;
    QJsonObject properties;

    QList<int> subscriptionIds() const
    {
        QList<int> ids;
        for (const QJsonValue& id : properties.value(u"subscriptionIdentifier"_s).toArray())
            ids << id.toInt();
        return ids;
    }
};

QList<JsMessage> messagesOf(const QJsonValue& value)
{
    QList<JsMessage> messages;
    for (const QJsonValue& item : value.toArray()) {
        const QJsonObject o = item.toObject();
        messages.append({o.value(u"topic"_s).toString(), o.value(u"rawTopic"_s).toString(),
                         o.value(u"payload"_s).toString(), o.value(u"qos"_s).toInt(),
                         o.value(u"retain"_s).toBool(), o.value(u"properties"_s).toObject()});
    }
    return messages;
}

QList<JsMessage> withPayload(const QList<JsMessage>& messages, const QString& payload)
{
    QList<JsMessage> result;
    for (const JsMessage& message : messages) {
        if (message.payload == payload)
            result << message;
    }
    return result;
}

QStringList payloadsOf(const QList<JsMessage>& messages)
{
    QStringList payloads;
    for (const JsMessage& message : messages)
        payloads << message.payload;
    return payloads;
}

} // namespace

class InteropMqttJs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void topicAlias_data() { addServerRows(); }
    void topicAlias();
    void subscriptionIdentifiers_data() { addServerRows(); }
    void subscriptionIdentifiers();
    void noLocal_data() { addServerRows(); }
    void noLocal();
    void retainAsPublished_data() { addServerRows(); }
    void retainAsPublished();
    void retainHandling_data() { addServerRows(); }
    void retainHandling();
    void messageExpiry_data() { addServerRows(); }
    void messageExpiry();

private:
    /// Runs a scenario against the row's server; fails the test if it did not complete.
    void runScenario(const QString& scenario, const BrokerProcess& broker, QJsonObject* observed);

    ServerPool m_servers;
    NodeScripts m_scripts{QStringLiteral(BS_INTEROP_NODE_DIR)};
};

void InteropMqttJs::initTestCase()
{
    const QString problem = m_scripts.setupProblem({u"mqtt"_s});
    if (!problem.isEmpty())
        QFAIL(qPrintable(problem +
                         u" (from the repository root: npm ci --prefix tests/interop/node)"_s));
    QString error;
    QVERIFY2(!selectedServers(&error).isEmpty() && error.isEmpty(), qPrintable(error));
}

void InteropMqttJs::cleanupTestCase()
{
    QString error;
    QVERIFY2(m_servers.stopAll(&error), qPrintable(error));
}

void InteropMqttJs::runScenario(const QString& scenario, const BrokerProcess& broker,
                                QJsonObject* observed)
{
    const NodeScriptResult result = m_scripts.run(
        u"scenarios.mjs"_s, {scenario, broker.mqttUrl(), uniqueTopicPrefix(scenario)});
    QVERIFY2(result.ok,
             qPrintable(result.output.value(u"error"_s).toString() + u"\n"_s + result.details));
    *observed = result.output;
}

// MQTT 5 §3.3.2.3.4 Topic Alias; §3.2.2.3.8 Topic Alias Maximum in CONNACK.
void InteropMqttJs::topicAlias()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QJsonObject observed;
    runScenario(u"topic-alias"_s, *broker, &observed);
    if (QTest::currentTestFailed())
        return;
    QVERIFY2(observed.value(u"serverTopicAliasMaximum"_s).toInt() > 0,
             "the server's CONNACK allows no topic aliases, so this cannot be tested");
    for (const QJsonValue& code : observed.value(u"pubacks"_s).toArray())
        QCOMPARE(code.toInt(), 0);

    // Sent: one+alias 1, ""+alias 1, two+alias 1 (remapped), ""+alias 1, one without alias.
    const QList<JsMessage> received = messagesOf(observed.value(u"received"_s));
    QCOMPARE(payloadsOf(received), (QStringList{u"a1"_s, u"a2"_s, u"a3"_s, u"a4"_s, u"a5"_s}));
    QStringList levels;
    for (const JsMessage& message : received) {
        levels << message.topic.section(u'/', -1);
        // The server may use its own aliases towards the subscriber; an empty topic must
        // then come with one.
        if (message.rawTopic.isEmpty())
            QVERIFY(message.properties.contains(u"topicAlias"_s));
    }
    QCOMPARE(levels, (QStringList{u"one"_s, u"one"_s, u"two"_s, u"two"_s, u"one"_s}));
}

// MQTT 5 §3.8.2.1.2 Subscription Identifier, §3.3.4 [MQTT-3.3.4-3..5] (overlapping
// subscriptions: one copy with every identifier, or one copy per subscription with its
// own), §3.8.4 [MQTT-3.8.4-3] (an identical filter replaces the subscription).
void InteropMqttJs::subscriptionIdentifiers()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QJsonObject observed;
    runScenario(u"subscription-identifiers"_s, *broker, &observed);
    if (QTest::currentTestFailed())
        return;
    const QList<JsMessage> received = messagesOf(observed.value(u"received"_s));

    const QList<JsMessage> one = withPayload(received, u"one"_s);
    QCOMPARE(one.size(), 1);
    QCOMPARE(one.first().subscriptionIds(), QList<int>{1});

    const QList<JsMessage> two = withPayload(received, u"two"_s);
    QVERIFY2(two.size() == 1 || two.size() == 2, "one copy, or one per matching subscription");
    QSet<int> twoIds;
    for (const JsMessage& copy : two) {
        QVERIFY2(!copy.subscriptionIds().isEmpty(), "every copy names its subscription(s)");
        if (two.size() == 2)
            QCOMPARE(copy.subscriptionIds().size(), 1);
        for (int id : copy.subscriptionIds())
            twoIds.insert(id);
    }
    QCOMPARE(twoIds, (QSet<int>{2, 3}));

    const QList<JsMessage> none = withPayload(received, u"none"_s);
    QCOMPARE(none.size(), 1);
    QVERIFY2(!none.first().properties.contains(u"subscriptionIdentifier"_s),
             "a subscription made without an identifier must not get one");

    const QList<JsMessage> updated = withPayload(received, u"upd"_s);
    QCOMPARE(updated.size(), 1);
    QCOMPARE(updated.first().subscriptionIds(), QList<int>{268435455});
}

// MQTT 5 §3.8.3.1 No Local [MQTT-3.8.3-3].
void InteropMqttJs::noLocal()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QJsonObject observed;
    runScenario(u"no-local"_s, *broker, &observed);
    if (QTest::currentTestFailed())
        return;
    // a published "from-a" to a topic it subscribed to with No Local, then "done".
    QCOMPARE(payloadsOf(messagesOf(observed.value(u"a"_s))), QStringList{u"done"_s});
    QCOMPARE(payloadsOf(messagesOf(observed.value(u"b"_s))), QStringList{u"from-a"_s});
}

// MQTT 5 §3.8.3.1 Retain As Published, §3.3.1.3 [MQTT-3.3.1-12, -13].
void InteropMqttJs::retainAsPublished()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QJsonObject observed;
    runScenario(u"retain-as-published"_s, *broker, &observed);
    if (QTest::currentTestFailed())
        return;
    auto retainFlag = [&](const QString& who, const QString& payload) {
        const QList<JsMessage> copies = withPayload(messagesOf(observed.value(who)), payload);
        return copies.size() == 1 ? int(copies.first().retain) : -1; // -1: not exactly one copy
    };
    QCOMPARE(retainFlag(u"rapTrue"_s, u"retained"_s), 1);
    QCOMPARE(retainFlag(u"rapTrue"_s, u"plain"_s), 0);
    QCOMPARE(retainFlag(u"rapFalse"_s, u"retained"_s), 0);
    QCOMPARE(retainFlag(u"rapFalse"_s, u"plain"_s), 0);
    // Sent because of a new subscription: RETAIN 1 whatever Retain As Published says.
    QCOMPARE(retainFlag(u"late"_s, u"retained"_s), 1);
}

// MQTT 5 §3.8.3.1 Retain Handling [MQTT-3.3.1-9, -10, -11].
void InteropMqttJs::retainHandling()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QJsonObject observed;
    runScenario(u"retain-handling"_s, *broker, &observed);
    if (QTest::currentTestFailed())
        return;
    struct Expectation
    {
        QString key;
        QStringList onNew;
        QStringList onRepeated;
    };
    const QList<Expectation> expectations{
        {u"rh0"_s, {u"retained"_s}, {u"retained"_s}}, // send on every subscribe
        {u"rh1"_s, {u"retained"_s}, {}},              // only if the subscription is new
        {u"rh2"_s, {}, {}},                           // never
    };
    for (const Expectation& e : expectations) {
        const QJsonObject result = observed.value(e.key).toObject();
        const QList<JsMessage> onNew = messagesOf(result.value(u"onNewSubscription"_s));
        const QList<JsMessage> onRepeated = messagesOf(result.value(u"onRepeatedSubscription"_s));
        QVERIFY2(payloadsOf(onNew) == e.onNew, qPrintable(u"%1, new subscription: got [%2]"_s.arg(
                                                   e.key, payloadsOf(onNew).join(u", "_s))));
        QVERIFY2(payloadsOf(onRepeated) == e.onRepeated,
                 qPrintable(u"%1, repeated subscription: got [%2]"_s.arg(
                     e.key, payloadsOf(onRepeated).join(u", "_s))));
        for (const JsMessage& message : onNew + onRepeated)
            QVERIFY2(message.retain, "a retained message sent on subscribe has RETAIN 1");
    }
}

// MQTT 5 §3.3.2.3.3 Message Expiry Interval [MQTT-3.3.2-5, -6].
void InteropMqttJs::messageExpiry()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    QJsonObject observed;
    runScenario(u"message-expiry"_s, *broker, &observed);
    if (QTest::currentTestFailed())
        return;
    const QList<JsMessage> received = messagesOf(observed.value(u"received"_s));
    const int waitedSeconds = observed.value(u"waitedMs"_s).toInt() / 1000; // 2

    // Retained with 60 s, read after 2.5 s: the remaining time, so below 60.
    const QList<JsMessage> longLived = withPayload(received, u"long"_s);
    QCOMPARE(longLived.size(), 1);
    QVERIFY(longLived.first().retain);
    const int remaining = longLived.first().properties.value(u"messageExpiryInterval"_s).toInt(-1);
    QVERIFY2(remaining > 0 && remaining <= 60 - waitedSeconds,
             qPrintable(u"sent 60 s, waited %1 ms, received %2 s (absent: -1)"_s
                            .arg(observed.value(u"waitedMs"_s).toInt())
                            .arg(remaining)));

    // Retained with 1 s: expired before the subscription, so not sent.
    QVERIFY2(withPayload(received, u"short"_s).isEmpty(), "an expired retained message was sent");

    // Retained without expiry: sent, without the property.
    const QList<JsMessage> permanent = withPayload(received, u"forever"_s);
    QCOMPARE(permanent.size(), 1);
    QVERIFY(!permanent.first().properties.contains(u"messageExpiryInterval"_s));

    // Live with 30 s: forwarded at once, so 30 or just below.
    const QList<JsMessage> live = withPayload(received, u"live"_s);
    QCOMPARE(live.size(), 1);
    const int liveRemaining = live.first().properties.value(u"messageExpiryInterval"_s).toInt(-1);
    QVERIFY2(liveRemaining >= 28 && liveRemaining <= 30,
             qPrintable(u"sent 30 s, received %1 s (absent: -1)"_s.arg(liveRemaining)));
}

QTEST_GUILESS_MAIN(InteropMqttJs)
#include "tst_interop_mqttjs.moc"
