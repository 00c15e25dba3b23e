// Conformance 09 — shared subscriptions $share/<group>/<filter> (v5 §4.8.2): each message to
// one member of a group, round robin among members with room in their receive window,
// every group and every plain subscription gets its own copy, no retained messages on a
// shared subscribe, unsubscribing a member, and invalid share names.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class SharedSubscriptions : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // §4.8.2: a message goes to exactly one member of the group; with two idle members the
    // messages alternate (round robin).
    void roundRobinAmongMembers()
    {
        RawClient a(port(), kMqtt5);
        RawClient b(port(), kMqtt5);
        BS_CALL(connectClient(a, "member-a"_ba));
        BS_CALL(connectClient(b, "member-b"_ba));
        BS_CALL(subscribe(a, "$share/grp/sh/t"_ba, subscriptionOptions(1)));
        BS_CALL(subscribe(b, "$share/grp/sh/t"_ba, subscriptionOptions(1)));
        BS_CALL(subscribe(a, "sh/marker"_ba, subscriptionOptions(0), 2));
        BS_CALL(subscribe(b, "sh/marker"_ba, subscriptionOptions(0), 2));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "sh-pub"_ba));
        for (quint16 i = 1; i <= 6; ++i)
            BS_CALL(publish(publisher, {.topic = "sh/t"_ba, .payload = QByteArray::number(i), .qos = 1, .packetId = i}));
        BS_CALL(publish(publisher, {.topic = "sh/marker"_ba, .payload = "m"_ba}));

        QList<QByteArray> gotA;
        QList<QByteArray> gotB;
        BS_CALL(collectUntilMarker(a, &gotA));
        BS_CALL(collectUntilMarker(b, &gotB));
        QCOMPARE(gotA.size() + gotB.size(), 6);
        QCOMPARE(gotA.size(), 3);
        QCOMPARE(gotB.size(), 3);
        QList<QByteArray> all = gotA + gotB;
        std::sort(all.begin(), all.end());
        QCOMPARE(all, (QList<QByteArray>{"1"_ba, "2"_ba, "3"_ba, "4"_ba, "5"_ba, "6"_ba}));
        for (int i = 1; i < gotA.size(); ++i) // alternating: A's messages are two apart
            QCOMPARE(gotA[i].toInt() - gotA[i - 1].toInt(), 2);
    }

    // §4.8.2: each group gets a copy, and so does a plain subscription on the same topic.
    void everyGroupGetsACopy()
    {
        RawClient g1(port(), kMqtt5);
        RawClient g2(port(), kMqtt5);
        RawClient plain(port(), kMqtt5);
        BS_CALL(connectClient(g1, "g1"_ba));
        BS_CALL(connectClient(g2, "g2"_ba));
        BS_CALL(connectClient(plain, "plain"_ba));
        BS_CALL(subscribe(g1, "$share/one/grp/+"_ba, subscriptionOptions(0)));
        BS_CALL(subscribe(g2, "$share/two/grp/#"_ba, subscriptionOptions(0)));
        BS_CALL(subscribe(plain, "grp/x"_ba, subscriptionOptions(0)));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "grp-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "grp/x"_ba, .payload = "copy"_ba}));
        BS_CALL(expectPublish(g1, "grp/x"_ba, "copy"_ba, 0));
        BS_CALL(expectPublish(g2, "grp/x"_ba, "copy"_ba, 0));
        BS_CALL(expectPublish(plain, "grp/x"_ba, "copy"_ba, 0));
    }

    // v5 §4.8.2 / §3.8.4: retained messages are not sent when a shared subscription is made.
    void noRetainedOnSharedSubscribe()
    {
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "shr-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "shr/t"_ba, .payload = "stored"_ba, .retain = true}));
        BS_CALL(sync(publisher));
        RawClient member(port(), kMqtt5);
        BS_CALL(connectClient(member, "shr-member"_ba));
        BS_CALL(subscribe(member, "$share/g/shr/t"_ba, subscriptionOptions(0)));
        if (m_broker->isMosquitto()) {
            // Mosquitto 2.0.11 does send the retained message on a shared subscribe.
            BS_CALL(expectPublish(member, "shr/t"_ba, "stored"_ba, 0));
        }
        BS_CALL(sync(member)); // PINGRESP, not the retained message
        BS_CALL(publish(publisher, {.topic = "shr/t"_ba, .payload = "live"_ba}));
        BS_CALL(expectPublish(member, "shr/t"_ba, "live"_ba, 0));
    }

    // §4.8.2 / §4.9: a member whose receive window is full is skipped; the message goes to a
    // member with room. Mosquitto 2.0.11 queues to the next member in turn instead.
    void memberWithFullWindowSkipped()
    {
        if (m_broker->isMosquitto())
            QSKIP("Mosquitto 2.0.11 queues to the member whose turn it is, even with a full window");
        ConnectOptions narrow{.clientId = "narrow"_ba};
        narrow.properties.add(prop::ReceiveMaximum, 1);
        RawClient first(port(), kMqtt5);
        RawClient second(port(), kMqtt5);
        BS_CALL(connectClient(first, narrow));
        narrow.clientId = "narrow2"_ba;
        BS_CALL(connectClient(second, narrow));
        BS_CALL(subscribe(first, "$share/win/win/t"_ba, subscriptionOptions(1)));
        BS_CALL(subscribe(second, "$share/win/win/t"_ba, subscriptionOptions(1)));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "win-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "win/t"_ba, .payload = "1"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "win/t"_ba, .payload = "2"_ba, .qos = 1, .packetId = 2}));
        // Each member now holds one unacknowledged message; who got which does not matter.
        Packet p1;
        Packet p2;
        BS_CALL(expectPacket(first, PacketType::Publish, &p1));
        BS_CALL(expectPacket(second, PacketType::Publish, &p2));
        QVERIFY(p1.payload != p2.payload);
        // The first member acknowledges; the next message must go to it (the only one with
        // room), whatever the round-robin turn says.
        QVERIFY(first.send(first.packets().puback(p1.packetId)));
        BS_CALL(sync(first));
        BS_CALL(publish(publisher, {.topic = "win/t"_ba, .payload = "3"_ba, .qos = 1, .packetId = 3}));
        const auto next = first.readPacket();
        QVERIFY2(next && next->is(PacketType::Publish) && next->payload == "3",
                 qPrintable(next ? next->describe() : u"nothing"_s));
        QVERIFY(first.send(first.packets().puback(next->packetId)));
        BS_CALL(sync(first));
        // Again: the first member has room and the second still has none.
        BS_CALL(publish(publisher, {.topic = "win/t"_ba, .payload = "4"_ba, .qos = 1, .packetId = 4}));
        Packet p4;
        BS_CALL(expectPublish(first, "win/t"_ba, "4"_ba, 1, &p4));
        BS_CALL(acknowledge(first, p4));
        BS_CALL(acknowledge(second, p2));
    }

    // §3.10.4 / §4.8.2: a member that unsubscribes leaves the group; the others get
    // every message.
    void unsubscribedMemberLeaves()
    {
        RawClient a(port(), kMqtt5);
        RawClient b(port(), kMqtt5);
        BS_CALL(connectClient(a, "leave-a"_ba));
        BS_CALL(connectClient(b, "leave-b"_ba));
        BS_CALL(subscribe(a, "$share/lv/lv/t"_ba, subscriptionOptions(0)));
        BS_CALL(subscribe(b, "$share/lv/lv/t"_ba, subscriptionOptions(0)));
        QVERIFY(a.send(a.packets().unsubscribe(5, {"$share/lv/lv/t"_ba})));
        Packet unsuback;
        BS_CALL(expectPacket(a, PacketType::Unsuback, &unsuback));
        QCOMPARE(unsuback.reasonCodes, QList<quint8>{0x00});
        BS_CALL(subscribe(a, "lv/marker"_ba, subscriptionOptions(0), 6));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "lv-pub"_ba));
        for (int i = 0; i < 4; ++i)
            BS_CALL(publish(publisher, {.topic = "lv/t"_ba, .payload = QByteArray::number(i)}));
        BS_CALL(publish(publisher, {.topic = "lv/marker"_ba, .payload = "m"_ba}));
        for (int i = 0; i < 4; ++i)
            BS_CALL(expectPublish(b, "lv/t"_ba, QByteArray::number(i), 0));
        BS_CALL(expectPublish(a, "lv/marker"_ba, "m"_ba, 0));
    }

    // MQTT-4.8.2-1/2: a share name must be present, must not contain '/', '+' or '#', and a
    // filter must follow: SUBACK 0x8F Topic Filter invalid, no disconnect.
    void invalidShareNames_data()
    {
        QTest::addColumn<QByteArray>("filter");
        QTest::newRow("no filter") << "$share/grp"_ba;
        QTest::newRow("empty filter") << "$share/grp/"_ba;
        QTest::newRow("empty share name") << "$share//t"_ba;
        QTest::newRow("wildcard share name") << "$share/g+/t"_ba;
    }
    void invalidShareNames()
    {
        QFETCH(QByteArray, filter);
        RawClient client(port(), kMqtt5);
        BS_CALL(connectClient(client, "bad-share"_ba));
        QVERIFY(client.send(client.packets().subscribe(3, filter, 0)));
        const auto reply = client.readPacket();
        if (m_broker->isMosquitto()) {
            // Mosquitto 2.0.11 grants "$share/grp", "$share/grp/" and "$share//t" (0x00) and
            // answers "$share/g+/t" with DISCONNECT 0x81.
            QVERIFY(reply && (reply->is(PacketType::Suback) || reply->is(PacketType::Disconnect)));
            return;
        }
        QVERIFY2(reply && reply->is(PacketType::Suback), qPrintable(reply ? reply->describe() : u"nothing"_s));
        QCOMPARE(reply->reasonCodes, QList<quint8>{0x8F});
        BS_CALL(expectAlive(client, "bad-share"_ba));
    }

private:
    // Reads PUBLISH packets (acknowledging them) until the "m" marker; returns the payloads.
    static void collectUntilMarker(RawClient& client, QList<QByteArray>* payloads)
    {
        for (;;) {
            Packet packet;
            BS_CALL(expectPacket(client, PacketType::Publish, &packet));
            if (packet.topic.endsWith("/marker"))
                return;
            payloads->append(packet.payload);
            BS_CALL(acknowledge(client, packet));
        }
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(SharedSubscriptions)
#include "tst_09_shared.moc"
