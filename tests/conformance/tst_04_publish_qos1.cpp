// Conformance 04 — PUBLISH at QoS 1 (§3.3, §3.4, §4.3.2): PUBACK to the publisher, delivery
// with a packet identifier, the subscriber's PUBACK, several messages in flight, and
// re-delivery of unacknowledged messages with DUP set after a reconnect (§4.4).

#include "raw/Expect.h"

#include <QSet>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class PublishQos1 : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-4.3.2-4 / §3.4: PUBACK carries the PUBLISH's packet identifier (v3.1.1: exactly
    // 0x40 0x02 id; v5: reason 0x00 or 0x10 No matching subscribers, §3.4.2.1).
    void pubackToPublisher_data() { addVersionRows(); }
    void pubackToPublisher()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "q1-pub"_ba));
        QVERIFY(publisher.send(publisher.packets().publish(
            {.topic = "q1/nobody"_ba, .payload = "x"_ba, .qos = 1, .packetId = 0xBEEF})));
        Packet puback;
        BS_CALL(expectPacket(publisher, PacketType::Puback, &puback));
        QCOMPARE(puback.packetId, quint16(0xBEEF));
        if (version == kMqtt311)
            QCOMPARE(puback.raw, QByteArray::fromHex("4002beef"));
        else
            QVERIFY2(puback.reasonCode == 0x00 || puback.reasonCode == 0x10, qPrintable(puback.describe()));
    }

    // MQTT-4.3.2-1: the broker's PUBLISH to the subscriber has QoS 1, DUP 0 and an unused
    // packet identifier; the subscriber's PUBACK completes it.
    void deliveredToSubscriber_data() { addVersionRows(); }
    void deliveredToSubscriber()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "q1-sub"_ba));
        BS_CALL(subscribe(subscriber, "q1/t"_ba, subscriptionOptions(1)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "q1-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "q1/t"_ba, .payload = "one"_ba, .qos = 1, .packetId = 1}));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "q1/t"_ba, "one"_ba, 1, &delivered));
        QCOMPARE(delivered.dup, false);
        BS_CALL(acknowledge(subscriber, delivered));
        // The connection carries on normally after the acknowledgement.
        BS_CALL(publish(publisher, {.topic = "q1/t"_ba, .payload = "two"_ba, .qos = 1, .packetId = 2}));
        BS_CALL(expectPublish(subscriber, "q1/t"_ba, "two"_ba, 1, &delivered));
        BS_CALL(acknowledge(subscriber, delivered));
    }

    // MQTT-2.2.1-3 / MQTT-4.3.2-1: messages in flight at the same time use distinct packet
    // identifiers, and are delivered in order (§4.6).
    void manyInFlightDistinctIdentifiers_data() { addVersionRows(); }
    void manyInFlightDistinctIdentifiers()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "many-sub"_ba));
        BS_CALL(subscribe(subscriber, "many/t"_ba, subscriptionOptions(1)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "many-pub"_ba));
        for (int i = 1; i <= 10; ++i)
            BS_CALL(publish(publisher, {.topic = "many/t"_ba, .payload = QByteArray::number(i), .qos = 1,
                                        .packetId = static_cast<quint16>(i)}));
        QSet<quint16> ids;
        QList<Packet> received;
        for (int i = 1; i <= 10; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(subscriber, "many/t"_ba, QByteArray::number(i), 1, &delivered));
            QVERIFY2(!ids.contains(delivered.packetId), "packet identifier reused while in flight");
            ids.insert(delivered.packetId);
            received.append(delivered);
        }
        for (const Packet& delivered : received)
            BS_CALL(acknowledge(subscriber, delivered));
    }

    // §4.3.2: a publisher re-sending with DUP 1 and the same packet identifier gets a
    // PUBACK again (the message may be delivered again: "at least once").
    void duplicateFromPublisherAcknowledged_data() { addVersionRows(); }
    void duplicateFromPublisherAcknowledged()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "dup-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "dup/t"_ba, .payload = "x"_ba, .qos = 1, .packetId = 3}));
        BS_CALL(publish(publisher, {.topic = "dup/t"_ba, .payload = "x"_ba, .qos = 1, .packetId = 3, .dup = true}));
    }

    // MQTT-4.4.0-1 (v5) / MQTT-4.4.0-1 (v3.1.1): on reconnect with a persistent session the
    // broker re-sends unacknowledged QoS 1 PUBLISH packets with DUP 1 (MQTT-3.3.1-1) and
    // the original packet identifier.
    void unacknowledgedResentWithDup_data() { addVersionRows(); }
    void unacknowledgedResentWithDup()
    {
        QFETCH(int, version);
        ConnectOptions options{.clientId = "forgetful"_ba, .cleanStart = false};
        if (version == kMqtt5)
            options.properties.add(prop::SessionExpiryInterval, 300);
        Packet first;
        {
            RawClient subscriber(port(), version);
            BS_CALL(connectClient(subscriber, options));
            BS_CALL(subscribe(subscriber, "resend/t"_ba, subscriptionOptions(1)));
            RawClient publisher(port(), version);
            BS_CALL(connectClient(publisher, "resend-pub"_ba));
            BS_CALL(publish(publisher, {.topic = "resend/t"_ba, .payload = "again"_ba, .qos = 1, .packetId = 1}));
            BS_CALL(expectPublish(subscriber, "resend/t"_ba, "again"_ba, 1, &first));
            QCOMPARE(first.dup, false);
            subscriber.abort(); // no PUBACK
        }
        RawClient subscriber(port(), version);
        Packet connack;
        options.cleanStart = false;
        BS_CALL(connectClient(subscriber, options, &connack));
        QCOMPARE(connack.sessionPresent, true);
        Packet again;
        BS_CALL(expectPublish(subscriber, "resend/t"_ba, "again"_ba, 1, &again));
        QCOMPARE(again.dup, true);
        QCOMPARE(again.packetId, first.packetId);
        BS_CALL(acknowledge(subscriber, again));
        // Acknowledged now: a second reconnect does not get it again.
        QVERIFY(subscriber.send(subscriber.packets().disconnect()));
        QVERIFY(subscriber.waitClosed());
        RawClient third(port(), version);
        BS_CALL(connectClient(third, options));
        QVERIFY(third.send(third.packets().pingreq()));
        BS_CALL(expectPacket(third, PacketType::Pingresp));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(PublishQos1)
#include "tst_04_publish_qos1.moc"
