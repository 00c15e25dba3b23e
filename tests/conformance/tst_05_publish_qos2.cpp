// Conformance 05 — PUBLISH at QoS 2 (§3.3, §3.5-3.7, §4.3.3): the publisher's flow
// (PUBLISH → PUBREC, PUBREL → PUBCOMP), exactly-once delivery of a re-sent PUBLISH, the
// broker→subscriber flow (PUBLISH, PUBREC, PUBREL with flags 0x2, PUBCOMP), and PUBREL
// re-sent after a reconnect (§4.4).

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class PublishQos2 : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-4.3.3-8/11 (v5) / MQTT-4.3.3-2 (v3.1.1): PUBREC then PUBCOMP with the packet
    // identifier; the v3.1.1 bytes are exactly 0x50 0x02 id and 0x70 0x02 id.
    void publisherFlow_data() { addVersionRows(); }
    void publisherFlow()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "q2-pub"_ba));
        QVERIFY(publisher.send(publisher.packets().publish(
            {.topic = "q2/nobody"_ba, .payload = "x"_ba, .qos = 2, .packetId = 0x0102})));
        Packet pubrec;
        BS_CALL(expectPacket(publisher, PacketType::Pubrec, &pubrec));
        QCOMPARE(pubrec.packetId, quint16(0x0102));
        if (version == kMqtt311)
            QCOMPARE(pubrec.raw, QByteArray::fromHex("50020102"));
        else
            QVERIFY2(pubrec.reasonCode == 0x00 || pubrec.reasonCode == 0x10, qPrintable(pubrec.describe()));
        QVERIFY(publisher.send(publisher.packets().pubrel(0x0102)));
        Packet pubcomp;
        BS_CALL(expectPacket(publisher, PacketType::Pubcomp, &pubcomp));
        QCOMPARE(pubcomp.packetId, quint16(0x0102));
        if (version == kMqtt311)
            QCOMPARE(pubcomp.raw, QByteArray::fromHex("70020102"));
        else
            QCOMPARE(pubcomp.reasonCode, quint8(0x00));
    }

    // MQTT-4.3.3-10 / §4.3.3 method: a PUBLISH re-sent with DUP 1 before PUBREL is
    // acknowledged with PUBREC again but delivered only once.
    void duplicateDeliveredOnce_data() { addVersionRows(); }
    void duplicateDeliveredOnce()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "once-sub"_ba));
        BS_CALL(subscribe(subscriber, "once/#"_ba, subscriptionOptions(2)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "once-pub"_ba));
        const PublishOptions message{.topic = "once/t"_ba, .payload = "exactly"_ba, .qos = 2, .packetId = 77};
        QVERIFY(publisher.send(publisher.packets().publish(message)));
        BS_CALL(expectPacket(publisher, PacketType::Pubrec));
        PublishOptions duplicate = message;
        duplicate.dup = true;
        QVERIFY(publisher.send(publisher.packets().publish(duplicate)));
        Packet pubrec;
        BS_CALL(expectPacket(publisher, PacketType::Pubrec, &pubrec));
        QCOMPARE(pubrec.packetId, quint16(77));
        QVERIFY(publisher.send(publisher.packets().pubrel(77)));
        BS_CALL(expectPacket(publisher, PacketType::Pubcomp));
        BS_CALL(publish(publisher, {.topic = "once/marker"_ba, .payload = "end"_ba}));

        Packet delivered;
        BS_CALL(expectPublish(subscriber, "once/t"_ba, "exactly"_ba, 2, &delivered));
        BS_CALL(expectPublish(subscriber, "once/marker"_ba, "end"_ba, 0)); // no second copy
        BS_CALL(acknowledge(subscriber, delivered));
    }

    // §4.3.3 (sender side, MQTT-4.3.3-1..5): broker → subscriber PUBLISH QoS 2, PUBREC from
    // the client, PUBREL (fixed-header flags 0x2, MQTT-3.6.1-1) with the same identifier,
    // PUBCOMP from the client.
    void brokerToSubscriberFlow_data() { addVersionRows(); }
    void brokerToSubscriberFlow()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "q2-sub"_ba));
        BS_CALL(subscribe(subscriber, "q2/t"_ba, subscriptionOptions(2)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "q2-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "q2/t"_ba, .payload = "two"_ba, .qos = 2, .packetId = 1}));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "q2/t"_ba, "two"_ba, 2, &delivered));
        QCOMPARE(delivered.dup, false);
        QVERIFY(subscriber.send(subscriber.packets().pubrec(delivered.packetId)));
        Packet pubrel;
        BS_CALL(expectPacket(subscriber, PacketType::Pubrel, &pubrel));
        QCOMPARE(pubrel.flags, quint8(0x2));
        QCOMPARE(pubrel.packetId, delivered.packetId);
        QVERIFY(subscriber.send(subscriber.packets().pubcomp(delivered.packetId)));
        // The identifier is free again and the flow repeats.
        BS_CALL(publish(publisher, {.topic = "q2/t"_ba, .payload = "three"_ba, .qos = 2, .packetId = 2}));
        BS_CALL(expectPublish(subscriber, "q2/t"_ba, "three"_ba, 2, &delivered));
        BS_CALL(acknowledge(subscriber, delivered));
    }

    // MQTT-4.3.3-11 / §3.7: PUBREL for an unknown packet identifier is still answered by
    // PUBCOMP with that identifier. v5 §3.7.2.1 offers 0x92 Packet Identifier not found;
    // Mosquitto 2 answers 0x00, and the spec does not require 0x92, so both pass.
    void pubrelUnknownIdentifier_data() { addVersionRows(); }
    void pubrelUnknownIdentifier()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, "stray"_ba));
        QVERIFY(client.send(client.packets().pubrel(4242)));
        Packet pubcomp;
        BS_CALL(expectPacket(client, PacketType::Pubcomp, &pubcomp));
        QCOMPARE(pubcomp.packetId, quint16(4242));
        if (version == kMqtt5)
            QVERIFY2(pubcomp.reasonCode == 0x92 || pubcomp.reasonCode == 0x00, qPrintable(pubcomp.describe()));
        BS_CALL(expectAlive(client, "stray"_ba));
    }

    // MQTT-4.4.0-1: after a reconnect the broker re-sends an unacknowledged QoS 2 PUBLISH
    // with DUP 1, and once the client sent PUBREC, re-sends the PUBREL (not the PUBLISH).
    void resendAfterReconnect_data() { addVersionRows(); }
    void resendAfterReconnect()
    {
        QFETCH(int, version);
        ConnectOptions options{.clientId = "q2-persist"_ba, .cleanStart = false};
        if (version == kMqtt5)
            options.properties.add(prop::SessionExpiryInterval, 300);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "q2-persist-pub"_ba));
        quint16 packetId = 0;
        {
            RawClient subscriber(port(), version);
            BS_CALL(connectClient(subscriber, options));
            BS_CALL(subscribe(subscriber, "q2p/t"_ba, subscriptionOptions(2)));
            BS_CALL(publish(publisher, {.topic = "q2p/t"_ba, .payload = "p"_ba, .qos = 2, .packetId = 1}));
            Packet delivered;
            BS_CALL(expectPublish(subscriber, "q2p/t"_ba, "p"_ba, 2, &delivered));
            packetId = delivered.packetId;
            subscriber.abort(); // neither PUBREC nor PUBCOMP
        }
        {
            RawClient subscriber(port(), version);
            BS_CALL(connectClient(subscriber, options));
            Packet again;
            BS_CALL(expectPublish(subscriber, "q2p/t"_ba, "p"_ba, 2, &again));
            QCOMPARE(again.dup, true);
            QCOMPARE(again.packetId, packetId);
            QVERIFY(subscriber.send(subscriber.packets().pubrec(packetId)));
            Packet pubrel;
            BS_CALL(expectPacket(subscriber, PacketType::Pubrel, &pubrel));
            QCOMPARE(pubrel.packetId, packetId);
            subscriber.abort(); // no PUBCOMP
        }
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, options));
        Packet pubrel;
        BS_CALL(expectPacket(subscriber, PacketType::Pubrel, &pubrel));
        QCOMPARE(pubrel.packetId, packetId);
        QCOMPARE(pubrel.flags, quint8(0x2));
        QVERIFY(subscriber.send(subscriber.packets().pubcomp(packetId)));
        // Complete now: the next message flows normally and the old one is not repeated.
        BS_CALL(publish(publisher, {.topic = "q2p/t"_ba, .payload = "next"_ba, .qos = 2, .packetId = 2}));
        Packet next;
        BS_CALL(expectPublish(subscriber, "q2p/t"_ba, "next"_ba, 2, &next));
        BS_CALL(acknowledge(subscriber, next));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(PublishQos2)
#include "tst_05_publish_qos2.moc"
