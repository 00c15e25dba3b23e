// Conformance 03 — PUBLISH at QoS 0 (§3.3, §4.3.1): delivery to subscribers, QoS downgrade to
// the granted QoS (§3.8.4), payloads (empty, binary, large), message order (§4.6) and the
// RETAIN flag on live delivery.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class PublishQos0 : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // §4.3.1 / MQTT-4.3.1-1: QoS 0 is delivered with QoS 0, no packet identifier, DUP 0
    // (MQTT-3.3.1-2), and nothing is acknowledged.
    void deliveredAtMostOnce_data() { addVersionRows(); }
    void deliveredAtMostOnce()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "q0-sub"_ba));
        BS_CALL(subscribe(subscriber, "q0/t"_ba, subscriptionOptions(2)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "q0-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "q0/t"_ba, .payload = "hello"_ba}));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "q0/t"_ba, "hello"_ba, 0, &delivered));
        QCOMPARE(delivered.dup, false);
        QCOMPARE(delivered.retain, false);
        if (version == kMqtt311)
            QCOMPARE(delivered.raw, QByteArray::fromHex("300b0004") + "q0/thello");
        // The publisher receives nothing back: its own PINGREQ is answered next.
        QVERIFY(publisher.send(publisher.packets().pingreq()));
        BS_CALL(expectPacket(publisher, PacketType::Pingresp));
    }

    // MQTT-3.8.4-8 (v3.1.1 MQTT-3.8.4-6): messages are delivered at the lower of the
    // published QoS and the granted QoS.
    void downgradedToGrantedQos_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<int>("publishedQos");
        QTest::addColumn<int>("grantedQos");
        QTest::addColumn<int>("deliveredQos");
        for (int version : {kMqtt311, kMqtt5}) {
            for (int published = 0; published <= 2; ++published) {
                for (int granted = 0; granted <= 2; ++granted) {
                    QTest::addRow("v%d pub%d sub%d", version, published, granted)
                        << version << published << granted << std::min(published, granted);
                }
            }
        }
    }
    void downgradedToGrantedQos()
    {
        QFETCH(int, version);
        QFETCH(int, publishedQos);
        QFETCH(int, grantedQos);
        QFETCH(int, deliveredQos);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "dg-sub"_ba));
        BS_CALL(subscribe(subscriber, "dg/t"_ba, subscriptionOptions(grantedQos)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "dg-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "dg/t"_ba, .payload = "x"_ba, .qos = publishedQos, .packetId = 9}));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "dg/t"_ba, "x"_ba, deliveredQos, &delivered));
        BS_CALL(acknowledge(subscriber, delivered));
    }

    // §3.3.3: the payload is passed unchanged — empty, binary with NUL bytes, and 256 KiB.
    void payloadsUnchanged_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("payload");
        QByteArray binary;
        for (int i = 0; i < 256; ++i)
            binary.append(static_cast<char>(i));
        QByteArray large(256 * 1024, '\0');
        for (qsizetype i = 0; i < large.size(); ++i)
            large[i] = static_cast<char>((i * 31) % 251);
        for (int version : {kMqtt311, kMqtt5}) {
            QTest::addRow("v%d empty", version) << version << QByteArray();
            QTest::addRow("v%d binary", version) << version << binary;
            QTest::addRow("v%d 256KiB", version) << version << large;
        }
    }
    void payloadsUnchanged()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, payload);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "pl-sub"_ba));
        BS_CALL(subscribe(subscriber, "pl/t"_ba, subscriptionOptions(0)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "pl-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "pl/t"_ba, .payload = payload}));
        Packet delivered;
        BS_CALL(expectPacket(subscriber, PacketType::Publish, &delivered, 10000));
        QCOMPARE(delivered.topic, "pl/t"_ba);
        QCOMPARE(delivered.payload.size(), payload.size());
        QVERIFY(delivered.payload == payload);
    }

    // §4.6: messages from one publisher to one topic arrive in the order they were sent.
    void orderPreserved_data() { addVersionRows(); }
    void orderPreserved()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "order-sub"_ba));
        BS_CALL(subscribe(subscriber, "order/#"_ba, subscriptionOptions(0)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "order-pub"_ba));
        QByteArray burst;
        for (int i = 0; i < 200; ++i)
            burst += publisher.packets().publish({.topic = "order/t"_ba, .payload = QByteArray::number(i)});
        QVERIFY(publisher.send(burst)); // all in one TCP write
        for (int i = 0; i < 200; ++i)
            BS_CALL(expectPublish(subscriber, "order/t"_ba, QByteArray::number(i), 0));
    }

    // MQTT-3.3.1-9 (v3.1.1) / MQTT-3.3.1-12 (v5, Retain As Published 0): a retained
    // message sent to a live subscription has RETAIN 0.
    void retainFlagClearedOnLiveDelivery_data() { addVersionRows(); }
    void retainFlagClearedOnLiveDelivery()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "live-sub"_ba));
        BS_CALL(subscribe(subscriber, "live/t"_ba, subscriptionOptions(0)));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "live-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "live/t"_ba, .payload = "r"_ba, .retain = true}));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "live/t"_ba, "r"_ba, 0, &delivered));
        QCOMPARE(delivered.retain, false);
    }

    // A client may subscribe to a topic and publish to it itself: it receives its own
    // message (No Local 0, §3.8.3.1).
    void ownMessagesReturned_data() { addVersionRows(); }
    void ownMessagesReturned()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, "self"_ba));
        BS_CALL(subscribe(client, "self/t"_ba, subscriptionOptions(0)));
        BS_CALL(publish(client, {.topic = "self/t"_ba, .payload = "me"_ba}));
        BS_CALL(expectPublish(client, "self/t"_ba, "me"_ba, 0));
    }

    // Fan-out: every subscriber receives one copy.
    void fanOut_data() { addVersionRows(); }
    void fanOut()
    {
        QFETCH(int, version);
        std::vector<std::unique_ptr<RawClient>> subscribers;
        for (int i = 0; i < 5; ++i) {
            subscribers.push_back(std::make_unique<RawClient>(port(), version));
            BS_CALL(connectClient(*subscribers.back(), "fan-" + QByteArray::number(i)));
            BS_CALL(subscribe(*subscribers.back(), "fan/t"_ba, subscriptionOptions(0)));
        }
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "fan-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "fan/t"_ba, .payload = "all"_ba}));
        for (auto& subscriber : subscribers)
            BS_CALL(expectPublish(*subscriber, "fan/t"_ba, "all"_ba, 0));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(PublishQos0)
#include "tst_03_publish_qos0.moc"
