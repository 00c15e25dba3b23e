// Conformance 08 — persistent sessions (§4.1, v5 §3.1.2.11.2 session expiry): QoS 1/2
// messages queued for a disconnected session and delivered in order on reconnect, QoS 0
// not queued, the queue limit, session expiry, clean session discarding subscriptions,
// and in-flight messages re-sent with DUP to the connection that takes the session over.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class Sessions : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // §4.1 / MQTT-3.1.2-5 (v3.1.1), v5 §3.1.2.11.2: QoS 1 and 2 messages that match the
    // session's subscriptions while it is disconnected are delivered on reconnect, in
    // order (§4.6); QoS 0 messages are not stored (Mosquitto 2 default, §4.1 "MAY").
    void queuedWhileOffline_data() { addVersionRows(); }
    void queuedWhileOffline()
    {
        QFETCH(int, version);
        const ConnectOptions options = persistent(version, "offline"_ba);
        {
            RawClient subscriber(port(), version);
            BS_CALL(connectClient(subscriber, options));
            BS_CALL(subscribe(subscriber, "off/q1"_ba, subscriptionOptions(1), 1));
            BS_CALL(subscribe(subscriber, "off/q2"_ba, subscriptionOptions(2), 2));
            BS_CALL(subscribe(subscriber, "off/marker"_ba, subscriptionOptions(0), 3));
            QVERIFY(subscriber.send(subscriber.packets().disconnect()));
            QVERIFY(subscriber.waitClosed());
        }
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "offline-pub"_ba));
        quint16 id = 1;
        for (int i = 0; i < 3; ++i) {
            BS_CALL(publish(publisher, {.topic = "off/q1"_ba, .payload = "a" + QByteArray::number(i), .qos = 1, .packetId = id++}));
            BS_CALL(publish(publisher, {.topic = "off/q2"_ba, .payload = "b" + QByteArray::number(i), .qos = 2, .packetId = id++}));
            BS_CALL(publish(publisher, {.topic = "off/q1"_ba, .payload = "zero"_ba, .qos = 0}));
        }
        BS_CALL(sync(publisher));

        RawClient subscriber(port(), version);
        Packet connack;
        BS_CALL(connectClient(subscriber, options, &connack));
        QCOMPARE(connack.sessionPresent, true);
        QList<Packet> received;
        for (int i = 0; i < 3; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(subscriber, "off/q1"_ba, "a" + QByteArray::number(i), 1, &delivered));
            received.append(delivered);
            BS_CALL(expectPublish(subscriber, "off/q2"_ba, "b" + QByteArray::number(i), 2, &delivered));
            received.append(delivered);
        }
        for (const Packet& delivered : received)
            QVERIFY(subscriber.send(delivered.qos == 1 ? subscriber.packets().puback(delivered.packetId)
                                                       : subscriber.packets().pubrec(delivered.packetId)));
        for (int i = 0; i < 3; ++i) {
            Packet pubrel;
            BS_CALL(expectPacket(subscriber, PacketType::Pubrel, &pubrel));
            QVERIFY(subscriber.send(subscriber.packets().pubcomp(pubrel.packetId)));
        }
        BS_CALL(publish(publisher, {.topic = "off/marker"_ba, .payload = "m"_ba}));
        BS_CALL(expectPublish(subscriber, "off/marker"_ba, "m"_ba, 0)); // no QoS 0 "zero"
    }

    // maxQueuedMessages (Mosquitto's max_queued_messages): at most that many messages are
    // kept for a disconnected session; the oldest are delivered, the rest dropped.
    void queueLimit()
    {
        bs::broker::BrokerConfig config;
        config.maxQueuedMessages = 3;
        TargetBroker broker(config);
        BS_CALL(startBroker(broker));
        const ConnectOptions options = persistent(kMqtt5, "limited"_ba);
        {
            RawClient subscriber(broker.port(), kMqtt5);
            BS_CALL(connectClient(subscriber, options));
            BS_CALL(subscribe(subscriber, "lim/#"_ba, subscriptionOptions(1)));
            QVERIFY(subscriber.send(subscriber.packets().disconnect()));
            QVERIFY(subscriber.waitClosed());
        }
        RawClient publisher(broker.port(), kMqtt5);
        BS_CALL(connectClient(publisher, "limited-pub"_ba));
        for (quint16 i = 1; i <= 6; ++i)
            BS_CALL(publish(publisher, {.topic = "lim/t"_ba, .payload = QByteArray::number(i), .qos = 1, .packetId = i}));

        RawClient subscriber(broker.port(), kMqtt5);
        BS_CALL(connectClient(subscriber, options));
        for (int i = 1; i <= 3; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(subscriber, "lim/t"_ba, QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(subscriber, delivered));
        }
        BS_CALL(publish(publisher, {.topic = "lim/marker"_ba, .payload = "m"_ba}));
        BS_CALL(expectPublish(subscriber, "lim/marker"_ba, "m"_ba, 0));
    }

    // v5 §3.1.2.11.2: when the Session Expiry Interval has passed the session is gone:
    // Session Present 0, no subscriptions, nothing queued. The session's will (delay longer
    // than the expiry) is published when the session ends and tells the test when.
    void sessionExpires()
    {
        ConnectOptions options = persistent(kMqtt5, "ephemeral"_ba);
        options.properties = Properties().add(prop::SessionExpiryInterval, 1);
        Will will{.topic = "exp/ended"_ba, .payload = "session over"_ba};
        will.properties.add(prop::WillDelayInterval, 30);
        options.will = will;
        RawClient watcher(port(), kMqtt5);
        BS_CALL(connectClient(watcher, "exp-watcher"_ba));
        BS_CALL(subscribe(watcher, "exp/ended"_ba, subscriptionOptions(0)));
        {
            RawClient subscriber(port(), kMqtt5);
            BS_CALL(connectClient(subscriber, options));
            BS_CALL(subscribe(subscriber, "exp/t"_ba, subscriptionOptions(1)));
            subscriber.abort();
        }
        BS_CALL(publish(watcher, {.topic = "exp/t"_ba, .payload = "lost"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(expectPublish(watcher, "exp/ended"_ba, "session over"_ba, 0));

        RawClient subscriber(port(), kMqtt5);
        options.will.reset();
        Packet connack;
        BS_CALL(connectClient(subscriber, options, &connack));
        QCOMPARE(connack.sessionPresent, false);
        BS_CALL(publish(watcher, {.topic = "exp/t"_ba, .payload = "unheard"_ba, .qos = 1, .packetId = 2}));
        BS_CALL(sync(subscriber)); // PINGRESP first: neither "lost" nor "unheard"
    }

    // v3.1.1 §3.1.2.4: Clean Session 1 discards the previous session's subscriptions.
    void cleanSessionDiscardsSubscriptions_data() { addVersionRows(); }
    void cleanSessionDiscardsSubscriptions()
    {
        QFETCH(int, version);
        {
            RawClient subscriber(port(), version);
            BS_CALL(connectClient(subscriber, persistent(version, "cleaned"_ba)));
            BS_CALL(subscribe(subscriber, "cln/t"_ba, subscriptionOptions(1)));
            QVERIFY(subscriber.send(subscriber.packets().disconnect()));
            QVERIFY(subscriber.waitClosed());
        }
        RawClient subscriber(port(), version);
        Packet connack;
        BS_CALL(connectClient(subscriber, "cleaned"_ba, &connack));
        QCOMPARE(connack.sessionPresent, false);
        BS_CALL(subscribe(subscriber, "cln/marker"_ba, subscriptionOptions(0)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "cleaned-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "cln/t"_ba, .payload = "old sub"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "cln/marker"_ba, .payload = "m"_ba}));
        BS_CALL(expectPublish(subscriber, "cln/marker"_ba, "m"_ba, 0));
    }

    // MQTT-4.4.0-1 / §4.13: messages in flight to the old connection are re-sent, DUP 1,
    // to the connection that takes the session over; queued ones follow in order.
    void takeoverResendsInFlight_data() { addVersionRows(); }
    void takeoverResendsInFlight()
    {
        QFETCH(int, version);
        const ConnectOptions options = persistent(version, "handover"_ba);
        RawClient first(port(), version);
        BS_CALL(connectClient(first, options));
        BS_CALL(subscribe(first, "ho/t"_ba, subscriptionOptions(1)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "handover-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "ho/t"_ba, .payload = "1"_ba, .qos = 1, .packetId = 1}));
        Packet unacked;
        BS_CALL(expectPublish(first, "ho/t"_ba, "1"_ba, 1, &unacked));

        RawClient second(port(), version);
        Packet connack;
        BS_CALL(connectClient(second, options, &connack));
        QCOMPARE(connack.sessionPresent, true);
        Packet again;
        BS_CALL(expectPublish(second, "ho/t"_ba, "1"_ba, 1, &again));
        QCOMPARE(again.dup, true);
        QCOMPARE(again.packetId, unacked.packetId);
        BS_CALL(acknowledge(second, again));
        BS_CALL(publish(publisher, {.topic = "ho/t"_ba, .payload = "2"_ba, .qos = 1, .packetId = 2}));
        Packet next;
        BS_CALL(expectPublish(second, "ho/t"_ba, "2"_ba, 1, &next));
        QCOMPARE(next.dup, false);
        BS_CALL(acknowledge(second, next));
    }

private:
    static ConnectOptions persistent(int version, const QByteArray& clientId)
    {
        ConnectOptions options{.clientId = clientId, .cleanStart = false};
        if (version == kMqtt5)
            options.properties.add(prop::SessionExpiryInterval, 300);
        return options;
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(Sessions)
#include "tst_08_session.moc"
