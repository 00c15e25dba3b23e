// Interop with paho-mqtt-cpp 1.2 (mqtt::async_client, MQTT 5) against our daemon and a real
// Mosquitto with the same expectations:
//  - shared subscription $share/g1/...: 20 messages split between two consumers, each
//    delivered once, while a plain subscriber still gets all 20;
//  - user properties arrive in order, with repeated names and non-ASCII values;
//  - request/response: response topic and binary correlation data carried both ways;
//  - persistent session (Clean Start 0, Session Expiry 300): QoS 1 messages published while
//    the client is away are delivered in order on reconnect, with Session Present 1;
//  - QoS 2 in both directions, each message exactly once.

#include "PahoTestClient.h"

#include "peers/ServerMatrix.h"

#include <QSet>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::peers;
using bs::interop::PahoTestClient;

namespace {

std::string prefixFor(const QString& purpose)
{
    return uniqueTopicPrefix(purpose).toStdString();
}

QString clientId(const QString& purpose)
{
    return uniqueClientId(purpose);
}

mqtt::message_ptr message(const std::string& topic, const std::string& payload, int qos,
                          const mqtt::properties& properties = {})
{
    return mqtt::message::create(topic, payload, qos, false, properties);
}

QStringList payloadsOf(const std::vector<mqtt::const_message_ptr>& messages)
{
    QStringList payloads;
    for (const auto& m : messages)
        payloads << QString::fromStdString(m->get_payload_str());
    return payloads;
}

} // namespace

class InteropPaho : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase();

    void sharedSubscription_data() { addServerRows(); }
    void sharedSubscription();
    void userPropertiesInOrder_data() { addServerRows(); }
    void userPropertiesInOrder();
    void requestResponse_data() { addServerRows(); }
    void requestResponse();
    void persistentSession_data() { addServerRows(); }
    void persistentSession();
    void qos2BothWays_data() { addServerRows(); }
    void qos2BothWays();

private:
    ServerPool m_servers;
};

void InteropPaho::initTestCase()
{
    QString error;
    QVERIFY2(!selectedServers(&error).isEmpty() && error.isEmpty(), qPrintable(error));
}

void InteropPaho::cleanupTestCase()
{
    QString error;
    QVERIFY2(m_servers.stopAll(&error), qPrintable(error));
}

// MQTT 5 §4.8.2 shared subscriptions: each message goes to one session of the group.
void InteropPaho::sharedSubscription()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    const std::string prefix = prefixFor(u"shared"_s);
    PahoTestClient first(*broker, clientId(u"consumer1"_s));
    PahoTestClient second(*broker, clientId(u"consumer2"_s));
    PahoTestClient observer(*broker, clientId(u"observer"_s));
    PahoTestClient producer(*broker, clientId(u"producer"_s));
    QString problem = PahoTestClient::connectAll({&first, &second, &observer, &producer});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    const std::string shared = "$share/g1/" + prefix + "/jobs/#";
    for (PahoTestClient* consumer : {&first, &second}) {
        problem = consumer->subscribe(shared, 1);
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    problem = observer.subscribe(prefix + "/jobs/#", 1);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    constexpr int kJobs = 20;
    for (int i = 0; i < kJobs; ++i) {
        problem = producer.publish(
            message(prefix + "/jobs/" + std::to_string(i), "job-" + std::to_string(i), 1));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QVERIFY2(observer.waitForMessages(kJobs),
             qPrintable(u"observer got %1 of %2"_s.arg(observer.messageCount()).arg(kJobs)));
    QVERIFY2(
        bs::peers::waitUntil([&] { return first.messageCount() + second.messageCount() >= kJobs; },
                             bs::interop::kPahoTimeout),
        qPrintable(u"consumers got %1 + %2 of %3"_s.arg(first.messageCount())
                       .arg(second.messageCount())
                       .arg(kJobs)));
    // A marker through the observer's plain subscription: by the time it arrives, any
    // duplicate of the 20 would have been sent to the consumers too.
    problem = producer.publish(message(prefix + "/jobs/end", "end", 1));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(observer.waitForMessages(kJobs + 1));
    QVERIFY(bs::peers::waitUntil(
        [&] { return first.messageCount() + second.messageCount() >= kJobs + 1; },
        bs::interop::kPahoTimeout));

    const QStringList firstGot = payloadsOf(first.messages());
    const QStringList secondGot = payloadsOf(second.messages());
    QVERIFY2(!firstGot.isEmpty() && !secondGot.isEmpty(),
             qPrintable(u"not split: consumer1 got %1, consumer2 got %2"_s.arg(firstGot.size())
                            .arg(secondGot.size())));
    QStringList all = firstGot + secondGot;
    QCOMPARE(all.size(), kJobs + 1);
    QCOMPARE(QSet<QString>(all.begin(), all.end()).size(), kJobs + 1); // no duplicates
    for (int i = 0; i < kJobs; ++i)
        QVERIFY(all.contains(u"job-%1"_s.arg(i)));
}

// MQTT 5 §3.3.2.3.7: user properties forwarded unaltered, order kept [MQTT-3.3.2-18];
// the same name may appear more than once.
void InteropPaho::userPropertiesInOrder()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    const std::string topic = prefixFor(u"userprops"_s) + "/t";
    PahoTestClient subscriber(*broker, clientId(u"sub"_s));
    PahoTestClient publisher(*broker, clientId(u"pub"_s));
    QString problem = PahoTestClient::connectAll({&subscriber, &publisher});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    problem = subscriber.subscribe(topic, 1);
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    const std::vector<std::pair<std::string, std::string>> sent{
        {"a", "1"}, {"b", "2"}, {"a", "3"}, {"with space", "ünïcödé ✓"}, {"empty", ""}, {"a", "4"}};
    mqtt::properties properties;
    for (const auto& [name, value] : sent)
        properties.add(mqtt::property(mqtt::property::USER_PROPERTY, name, value));
    problem = publisher.publish(message(topic, "payload", 1, properties));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QVERIFY(subscriber.waitForMessages(1));
    const auto received = subscriber.messages().front();
    QCOMPARE(received->get_payload_str(), std::string("payload"));
    QVERIFY(bs::interop::userProperties(received->get_properties()) == sent);
}

// MQTT 5 §4.10 request/response, §3.3.2.3.5 response topic, §3.3.2.3.6 correlation data.
void InteropPaho::requestResponse()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    const std::string prefix = prefixFor(u"rpc"_s);
    const std::string requestTopic = prefix + "/requests";
    const std::string responseTopic = prefix + "/responses/" + clientId(u"req"_s).toStdString();
    const std::string correlation("\x00\x01corr\xff\xfe", 8); // binary data

    PahoTestClient requester(*broker, clientId(u"requester"_s));
    PahoTestClient responder(*broker, clientId(u"responder"_s));
    QString problem = PahoTestClient::connectAll({&requester, &responder});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2((problem = requester.subscribe(responseTopic, 1)).isEmpty(), qPrintable(problem));
    QVERIFY2((problem = responder.subscribe(requestTopic, 1)).isEmpty(), qPrintable(problem));

    problem =
        requester.publish(message(requestTopic, "what time is it?", 1,
                                  {mqtt::property(mqtt::property::RESPONSE_TOPIC, responseTopic),
                                   mqtt::property(mqtt::property::CORRELATION_DATA, correlation)}));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));

    QVERIFY(responder.waitForMessages(1));
    const auto request = responder.messages().front();
    const auto gotResponseTopic =
        bs::interop::stringProperty(request->get_properties(), mqtt::property::RESPONSE_TOPIC);
    const auto gotCorrelation =
        bs::interop::stringProperty(request->get_properties(), mqtt::property::CORRELATION_DATA);
    QVERIFY(gotResponseTopic == responseTopic);
    QVERIFY(gotCorrelation == correlation);

    problem = responder.publish(
        message(*gotResponseTopic, "noon", 1,
                {mqtt::property(mqtt::property::CORRELATION_DATA, *gotCorrelation)}));
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(requester.waitForMessages(1));
    const auto response = requester.messages().front();
    QCOMPARE(response->get_topic(), responseTopic);
    QCOMPARE(response->get_payload_str(), std::string("noon"));
    QVERIFY(bs::interop::stringProperty(response->get_properties(),
                                        mqtt::property::CORRELATION_DATA) == correlation);
}

// MQTT 5 §3.1.2.4 Clean Start, §3.1.2.11.2 Session Expiry Interval, §3.2.2.1.1 Session
// Present, §4.1 session state (QoS 1 messages kept for a disconnected client), §4.6 order.
void InteropPaho::persistentSession()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    const std::string prefix = prefixFor(u"session"_s);
    const std::string topic = prefix + "/queue";
    PahoTestClient away(*broker, clientId(u"away"_s));
    PahoTestClient producer(*broker, clientId(u"producer"_s));
    QString problem = PahoTestClient::connectAll({&away, &producer});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2((problem = away.disconnect()).isEmpty(), qPrintable(problem));

    // A fresh session that outlives the connection by 300 s.
    problem = away.connectNudging(PahoTestClient::options(true, 300), producer, prefix + "/nudge");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY(!away.sessionPresent());
    QVERIFY2((problem = away.subscribe(topic, 1)).isEmpty(), qPrintable(problem));
    QVERIFY2((problem = away.disconnect()).isEmpty(), qPrintable(problem));

    for (int i = 0; i < 10; ++i) {
        problem = producer.publish(message(topic, "queued-" + std::to_string(i), 1));
        QVERIFY2(problem.isEmpty(), qPrintable(problem));
    }
    QCOMPARE(away.messageCount(), std::size_t(0));

    problem = away.connectNudging(PahoTestClient::options(false, 300), producer, prefix + "/nudge");
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2(away.sessionPresent(),
             "reconnect with Clean Start 0 within the expiry: Session Present must be 1");
    QVERIFY2(away.waitForMessages(10),
             qPrintable(u"got %1 of 10 queued messages"_s.arg(away.messageCount())));
    QStringList expected;
    for (int i = 0; i < 10; ++i)
        expected << u"queued-%1"_s.arg(i);
    QCOMPARE(payloadsOf(away.messages()), expected);
    for (const auto& m : away.messages())
        QCOMPARE(m->get_qos(), 1);

    // End the session so that it does not linger in the server.
    QVERIFY2((problem = away.disconnectEndingSession()).isEmpty(), qPrintable(problem));
}

// MQTT 5 §4.3.3: QoS 2 from client to server and from server to client, exactly once.
void InteropPaho::qos2BothWays()
{
    BS_PEERS_FETCH_SERVER(m_servers, broker);
    const std::string prefix = prefixFor(u"qos2"_s);
    const std::string toA = prefix + "/to-a";
    const std::string toB = prefix + "/to-b";
    PahoTestClient a(*broker, clientId(u"a"_s));
    PahoTestClient b(*broker, clientId(u"b"_s));
    QString problem = PahoTestClient::connectAll({&a, &b});
    QVERIFY2(problem.isEmpty(), qPrintable(problem));
    QVERIFY2((problem = a.subscribe(toA, 2)).isEmpty(), qPrintable(problem));
    QVERIFY2((problem = b.subscribe(toB, 2)).isEmpty(), qPrintable(problem));

    QVERIFY2((problem = a.publish(message(toB, "from-a", 2))).isEmpty(), qPrintable(problem));
    QVERIFY2((problem = b.publish(message(toA, "from-b", 2))).isEmpty(), qPrintable(problem));
    // Markers after each: a duplicate of the QoS 2 message would show up before them.
    QVERIFY2((problem = a.publish(message(toB, "marker", 1))).isEmpty(), qPrintable(problem));
    QVERIFY2((problem = b.publish(message(toA, "marker", 1))).isEmpty(), qPrintable(problem));
    QVERIFY(a.waitForMessages(2));
    QVERIFY(b.waitForMessages(2));

    for (PahoTestClient* receiver : {&a, &b}) {
        const auto received = receiver->messages();
        QCOMPARE(received.size(), std::size_t(2));
        const QString expected = receiver == &a ? u"from-b"_s : u"from-a"_s;
        QCOMPARE(payloadsOf(received).count(expected), 1);
        QCOMPARE(payloadsOf(received).count(u"marker"_s), 1);
        for (const auto& m : received) {
            if (m->get_payload_str() != "marker")
                QCOMPARE(m->get_qos(), 2);
        }
    }
}

QTEST_GUILESS_MAIN(InteropPaho)
#include "tst_interop_paho.moc"
