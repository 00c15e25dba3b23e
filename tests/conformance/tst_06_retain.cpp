// Conformance 06 — retained messages (§3.3.1.3, v5 §3.8.3.1 retain options): storing,
// replacing and clearing, the RETAIN flag on delivery to new subscribers, QoS of retained
// delivery, wildcard matches, Retain As Published and Retain Handling 0/1/2.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class Retain : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-3.3.1-5/6 (v5 -5/-9): the retained message is stored and sent to a new
    // subscriber with RETAIN 1 (MQTT-3.3.1-8).
    void deliveredToNewSubscriber_data() { addVersionRows(); }
    void deliveredToNewSubscriber()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "ret-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "ret/t"_ba, .payload = "kept"_ba, .qos = 1, .packetId = 1, .retain = true}));
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "ret-sub"_ba));
        BS_CALL(subscribe(subscriber, "ret/t"_ba, subscriptionOptions(1)));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "ret/t"_ba, "kept"_ba, 1, &delivered));
        QCOMPARE(delivered.retain, true);
        BS_CALL(acknowledge(subscriber, delivered));
    }

    // MQTT-3.3.1-7 (v5 -5): a new retained message replaces the old one.
    void replaced_data() { addVersionRows(); }
    void replaced()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "rep-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "rep/t"_ba, .payload = "old"_ba, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "rep/t"_ba, .payload = "new"_ba, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "rep/marker"_ba, .payload = "m"_ba, .retain = true}));
        BS_CALL(sync(publisher));
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "rep-sub"_ba));
        BS_CALL(subscribe(subscriber, "rep/t"_ba, subscriptionOptions(0), 1));
        BS_CALL(expectPublish(subscriber, "rep/t"_ba, "new"_ba, 0));
        BS_CALL(subscribe(subscriber, "rep/marker"_ba, subscriptionOptions(0), 2));
        BS_CALL(expectPublish(subscriber, "rep/marker"_ba, "m"_ba, 0)); // "old" never came
    }

    // MQTT-3.3.1-10/11 (v5 -6/-7): an empty retained payload clears the topic; the empty
    // message itself is delivered to current subscribers.
    void clearedByEmptyPayload_data() { addVersionRows(); }
    void clearedByEmptyPayload()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "clr-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "clr/t"_ba, .payload = "soon gone"_ba, .retain = true}));
        RawClient live(port(), version);
        BS_CALL(connectClient(live, "clr-live"_ba));
        BS_CALL(subscribe(live, "clr/t"_ba, subscriptionOptions(0)));
        BS_CALL(expectPublish(live, "clr/t"_ba, "soon gone"_ba, 0));
        BS_CALL(publish(publisher, {.topic = "clr/t"_ba, .payload = {}, .retain = true}));
        BS_CALL(expectPublish(live, "clr/t"_ba, {}, 0));
        BS_CALL(publish(publisher, {.topic = "clr/marker"_ba, .payload = "m"_ba, .retain = true}));
        BS_CALL(sync(publisher));

        RawClient late(port(), version);
        BS_CALL(connectClient(late, "clr-late"_ba));
        BS_CALL(subscribe(late, "clr/#"_ba, subscriptionOptions(0)));
        BS_CALL(expectPublish(late, "clr/marker"_ba, "m"_ba, 0)); // and nothing for clr/t
        QVERIFY(late.send(late.packets().pingreq()));
        BS_CALL(expectPacket(late, PacketType::Pingresp));
    }

    // §3.3.1.3 / MQTT-3.8.4-8: retained messages are delivered at min(stored QoS, granted QoS).
    void retainedQosDowngraded_data() { addVersionRows(); }
    void retainedQosDowngraded()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "rq-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "rq/two"_ba, .payload = "2"_ba, .qos = 2, .packetId = 1, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "rq/zero"_ba, .payload = "0"_ba, .retain = true}));
        BS_CALL(sync(publisher));
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "rq-sub"_ba));
        BS_CALL(subscribe(subscriber, "rq/two"_ba, subscriptionOptions(1), 1));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "rq/two"_ba, "2"_ba, 1, &delivered));
        BS_CALL(acknowledge(subscriber, delivered));
        BS_CALL(subscribe(subscriber, "rq/zero"_ba, subscriptionOptions(2), 2));
        BS_CALL(expectPublish(subscriber, "rq/zero"_ba, "0"_ba, 0, &delivered));
        QCOMPARE(delivered.retain, true);
    }

    // §4.7: a wildcard subscription receives every matching retained message.
    void wildcardGetsAllMatching_data() { addVersionRows(); }
    void wildcardGetsAllMatching()
    {
        QFETCH(int, version);
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "wr-pub"_ba));
        const QList<QByteArray> topics{"wr/a"_ba, "wr/b/c"_ba, "wr/d"_ba};
        for (const QByteArray& topic : topics)
            BS_CALL(publish(publisher, {.topic = topic, .payload = topic, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "other/x"_ba, .payload = "no"_ba, .retain = true}));
        BS_CALL(sync(publisher));
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "wr-sub"_ba));
        BS_CALL(subscribe(subscriber, "wr/#"_ba, subscriptionOptions(0)));
        QList<QByteArray> received;
        for (int i = 0; i < topics.size(); ++i) {
            Packet delivered;
            BS_CALL(expectPacket(subscriber, PacketType::Publish, &delivered));
            QCOMPARE(delivered.retain, true);
            QCOMPARE(delivered.payload, delivered.topic);
            received.append(delivered.topic);
        }
        std::sort(received.begin(), received.end());
        QCOMPARE(received, topics);
    }

    // v5 MQTT-3.3.1-12/13: Retain As Published 1 keeps RETAIN 1 on live delivery of a
    // retained message; 0 clears it.
    void retainAsPublished()
    {
        RawClient keep(port(), kMqtt5);
        BS_CALL(connectClient(keep, "rap-keep"_ba));
        BS_CALL(subscribe(keep, "rap/t"_ba, subscriptionOptions(0, false, true)));
        RawClient clear(port(), kMqtt5);
        BS_CALL(connectClient(clear, "rap-clear"_ba));
        BS_CALL(subscribe(clear, "rap/t"_ba, subscriptionOptions(0, false, false)));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "rap-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "rap/t"_ba, .payload = "r"_ba, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "rap/t"_ba, .payload = "n"_ba, .retain = false}));
        Packet delivered;
        BS_CALL(expectPublish(keep, "rap/t"_ba, "r"_ba, 0, &delivered));
        QCOMPARE(delivered.retain, true);
        BS_CALL(expectPublish(keep, "rap/t"_ba, "n"_ba, 0, &delivered));
        QCOMPARE(delivered.retain, false);
        BS_CALL(expectPublish(clear, "rap/t"_ba, "r"_ba, 0, &delivered));
        QCOMPARE(delivered.retain, false);
    }

    // v5 MQTT-3.3.1-9/10/11: Retain Handling 0 sends retained messages on every subscribe,
    // 1 only when the subscription did not exist, 2 never.
    void retainHandling_data()
    {
        QTest::addColumn<int>("retainHandling");
        QTest::addColumn<bool>("onFirstSubscribe");
        QTest::addColumn<bool>("onResubscribe");
        QTest::newRow("0 always") << 0 << true << true;
        QTest::newRow("1 if new") << 1 << true << false;
        QTest::newRow("2 never") << 2 << false << false;
    }
    void retainHandling()
    {
        QFETCH(int, retainHandling);
        QFETCH(bool, onFirstSubscribe);
        QFETCH(bool, onResubscribe);
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "rh-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "rh/t"_ba, .payload = "stored"_ba, .retain = true}));
        BS_CALL(sync(publisher));
        RawClient subscriber(port(), kMqtt5);
        BS_CALL(connectClient(subscriber, "rh-sub"_ba));
        BS_CALL(subscribe(subscriber, "rh/marker"_ba, subscriptionOptions(0), 100));
        for (bool expected : {onFirstSubscribe, onResubscribe}) {
            BS_CALL(subscribe(subscriber, "rh/t"_ba, subscriptionOptions(0, false, false, retainHandling), 1));
            if (expected) {
                Packet delivered;
                BS_CALL(expectPublish(subscriber, "rh/t"_ba, "stored"_ba, 0, &delivered));
                QCOMPARE(delivered.retain, true);
            }
            BS_CALL(publish(publisher, {.topic = "rh/marker"_ba, .payload = "m"_ba}));
            BS_CALL(expectPublish(subscriber, "rh/marker"_ba, "m"_ba, 0));
        }
    }

    // §3.3.1.3: a retained message survives the publisher's disconnect and is kept with its
    // original topic when matched through a wildcard.
    void survivesPublisherDisconnect_data() { addVersionRows(); }
    void survivesPublisherDisconnect()
    {
        QFETCH(int, version);
        {
            RawClient publisher(port(), version);
            BS_CALL(connectClient(publisher, "gone-pub"_ba));
            BS_CALL(publish(publisher, {.topic = "gone/deep/t"_ba, .payload = "stay"_ba, .qos = 1, .packetId = 5,
                                        .retain = true}));
            QVERIFY(publisher.send(publisher.packets().disconnect()));
            QVERIFY(publisher.waitClosed());
        }
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "gone-sub"_ba));
        BS_CALL(subscribe(subscriber, "gone/+/t"_ba, subscriptionOptions(0)));
        BS_CALL(expectPublish(subscriber, "gone/deep/t"_ba, "stay"_ba, 0));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(Retain)
#include "tst_06_retain.moc"
