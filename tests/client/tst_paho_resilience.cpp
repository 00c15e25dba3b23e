// PahoMqttClient when things go wrong or get heavy, against our engine in-process and a
// real Mosquitto:
//  - a lost broker: Reconnecting with a readable reason ("connection refused by
//    127.0.0.1:<port>"), then Connected again when a broker is back on the same port, and
//    the old subscription delivers again without a new subscribe();
//  - a flood of 100,000 QoS 0 messages arrives complete and in order, in far fewer batches
//    than messages;
//  - a persistent session (clean start off, session expiry from the CONNECT properties)
//    keeps QoS 1 messages while the console is away;
//  - a session taken over by another client: our engine sends DISCONNECT 0x8E, and the
//    client goes Disconnected with the reason, no reconnect; Mosquitto 2.0 just closes the
//    socket, and the loss's detail suggests another client with the same id.
// (States are compared by name: QTest's toString() clashes with bs::client::toString.)

#include "ClientTestData.h"

#include "client/PahoMqttClient.h"
#include "client/paho/PahoRuntime.h"

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

class TestPahoResilience : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void cleanupTestCase() { m_brokers.clear(); }

    void reconnectsAndRestoresSubscriptions_data() { addServerRows(); }
    void reconnectsAndRestoresSubscriptions();
    void floodArrivesCompleteInFewBatches_data() { addServerRows(); }
    void floodArrivesCompleteInFewBatches();
    void persistentSessionKeepsMessages_data() { addServerRows(); }
    void persistentSessionKeepsMessages();
    void sessionTakeoverStopsReconnecting_data() { addServerRows(); }
    void sessionTakeoverStopsReconnecting();

private:
    BrokerPool m_brokers;
};

void TestPahoResilience::initTestCase()
{
    QString error;
    QVERIFY2(startBrokerPool(m_brokers, &error), qPrintable(error));
}

void TestPahoResilience::reconnectsAndRestoresSubscriptions()
{
    QFETCH(BrokerKind, server);
    // A broker of its own: this test stops it.
    auto broker = ClientTestBroker::create(server);
    QVERIFY2(broker->start(), qPrintable(broker->errorString()));
    const QString topic = topicPrefix(u"restore"_s) + u"/t"_s;

    PahoMqttClient client;
    ClientRecorder recorder(client);
    QVERIFY(connectAndWait(client, recorder, broker->profile(MqttVersion::V5, u"restore"_s)));
    const quint64 subscription = client.subscribe(topic, 1);
    QVERIFY(recorder.waitForSubscribed(subscription));

    broker->stop();
    QVERIFY2(recorder.waitForState(ConnectionState::Reconnecting),
             qPrintable(recorder.describeStates()));
    const QString refused = u"connection refused by 127.0.0.1:%1"_s.arg(broker->port());
    QVERIFY2(QTest::qWaitFor([&] { return recorder.lastDetail() == refused; }, kWaitMs),
             qPrintable(recorder.describeStates()));
    QCOMPARE(toString(client.state()), u"Reconnecting"_s);

    QVERIFY2(broker->start(), qPrintable(broker->errorString())); // same port
    QVERIFY2(recorder.waitForState(ConnectionState::Connected),
             qPrintable(recorder.describeStates()));
    QVERIFY(recorder.waitForSubscribed(subscription, 2)); // sent again, same request id
    QCOMPARE(recorder.subscribed[subscription].reasonCodes, QList<int>{1});

    PahoMqttClient publisher;
    ClientRecorder pub(publisher);
    QVERIFY(connectAndWait(publisher, pub, broker->profile(MqttVersion::V5, u"pub"_s)));
    QVERIFY(pub.waitForPublished(publisher.publish(textMessage(topic, "after restart", 1))));
    QVERIFY(recorder.waitForMessages(1));
    QCOMPARE(recorder.messages.last()->payload, "after restart"_ba);

    QStringList seen;
    for (const auto& [state, detail] : recorder.states)
        if (seen.isEmpty() || seen.last() != toString(state))
            seen.append(toString(state));
    QCOMPARE(seen,
             (QStringList{u"Connecting"_s, u"Connected"_s, u"Reconnecting"_s, u"Connected"_s}));
}

void TestPahoResilience::floodArrivesCompleteInFewBatches()
{
    QFETCH(BrokerKind, server);
    constexpr int kMessages = 100'000;
    constexpr int kChunk = 10'000;
    const QString topic = topicPrefix(u"flood"_s);
    PahoMqttClient subscriber;
    ClientRecorder sub(subscriber);
    QVERIFY(connectAndWait(subscriber, sub,
                           m_brokers.at(server)->profile(MqttVersion::V5, u"flood-sub"_s)));
    QVERIFY(sub.waitForSubscribed(subscriber.subscribe(topic, 0)));

    PahoMqttClient publisher;
    ClientRecorder pub(publisher);
    QVERIFY(connectAndWait(publisher, pub,
                           m_brokers.at(server)->profile(MqttVersion::V5, u"flood-pub"_s)));
    for (int first = 0; first < kMessages; first += kChunk) {
        quint64 last = 0;
        for (int i = first; i < first + kChunk; ++i)
            last = publisher.publish(textMessage(topic, QByteArray::number(i)));
        QVERIFY(pub.waitForPublished(last, 60'000));
    }
    for (auto it = pub.published.cbegin(); it != pub.published.cend(); ++it)
        QVERIFY2(it->error.isEmpty(), qPrintable(it->error));
    QVERIFY2(sub.waitForMessages(kMessages, 120'000),
             qPrintable(u"%1 of %2 arrived"_s.arg(sub.messages.size()).arg(kMessages)));
    QCOMPARE(sub.messages.size(), kMessages);
    for (int i = 0; i < kMessages; ++i)
        QCOMPARE(sub.messages[i]->payload, QByteArray::number(i));
    QCOMPARE(subscriber.droppedMessages(), quint64(0));
    qInfo("%d messages arrived in %d batches", kMessages, sub.batches);
    QVERIFY2(sub.batches < kMessages / 20, qPrintable(QString::number(sub.batches)));
}

void TestPahoResilience::persistentSessionKeepsMessages()
{
    QFETCH(BrokerKind, server);
    const QString topic = topicPrefix(u"session"_s);
    ConnectionProfile profile = m_brokers.at(server)->profile(MqttVersion::V5, u"session"_s);
    profile.cleanStart = false;
    profile.sessionExpirySeconds = 300;

    PahoMqttClient client;
    ClientRecorder recorder(client);
    QVERIFY(connectAndWait(client, recorder, profile));
    QVERIFY(recorder.waitForSubscribed(client.subscribe(topic, 1)));
    client.disconnectFromBroker();
    QCOMPARE(toString(client.state()), u"Disconnected"_s);
    // The DISCONNECT is sent in the background; wait until it went out.
    QVERIFY(QTest::qWaitFor(
        [] { return bs::client::paho::PahoRuntime::instance().retiringCount() == 0; }, kWaitMs));

    PahoMqttClient publisher;
    ClientRecorder pub(publisher);
    QVERIFY(connectAndWait(publisher, pub,
                           m_brokers.at(server)->profile(MqttVersion::V5, u"session-pub"_s)));
    QVERIFY(pub.waitForPublished(publisher.publish(textMessage(topic, "kept for you", 1))));
    QVERIFY(recorder.messages.isEmpty());

    // Session Expiry Interval travels in the CONNECT properties: without it the session
    // would have ended at the disconnect and the message would be lost.
    client.connectToBroker(profile);
    QVERIFY(recorder.waitForMessages(1));
    QCOMPARE(recorder.messages.first()->payload, "kept for you"_ba);
}

void TestPahoResilience::sessionTakeoverStopsReconnecting()
{
    QFETCH(BrokerKind, server);
    const ConnectionProfile profile = m_brokers.at(server)->profile(MqttVersion::V5, u"twin"_s);
    PahoMqttClient first;
    ClientRecorder firstRecorder(first);
    QVERIFY(connectAndWait(first, firstRecorder, profile));

    // Another console with the same client id takes the session over. Reconnecting would
    // take it back and start a tug of war, so the first one stops and says why.
    PahoMqttClient second;
    ClientRecorder secondRecorder(second);
    QVERIFY(connectAndWait(second, secondRecorder, profile));
    if (server == BrokerKind::Mosquitto) {
        // Mosquitto 2.0 closes the old socket without DISCONNECT 0x8E: a plain loss, and
        // the reconnects fight. The detail names the likely cause; the backoff grows.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return firstRecorder.lastDetail().contains(
                             u"(another client using the id \"%1\"?)"_s.arg(profile.clientId));
                     },
                     kWaitMs),
                 qPrintable(firstRecorder.describeStates()));
        return;
    }
    QVERIFY2(firstRecorder.waitForState(ConnectionState::Disconnected),
             qPrintable(firstRecorder.describeStates()));
    QCOMPARE(firstRecorder.lastDetail(),
             u"Disconnected by the broker: Session taken over (0x8E)"_s);
    QCOMPARE(toString(second.state()), u"Connected"_s);
    const quint64 late = first.publish(textMessage(u"a"_s, "x"));
    QVERIFY(firstRecorder.waitForPublished(late));
    QVERIFY(firstRecorder.published[late].error.contains(u"not connected"_s));
}

QTEST_GUILESS_MAIN(TestPahoResilience)
#include "tst_paho_resilience.moc"
