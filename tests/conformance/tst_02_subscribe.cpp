// Conformance 02 — SUBSCRIBE / SUBACK / UNSUBSCRIBE / UNSUBACK (§3.8-3.11) and topic matching
// (§4.7): granted QoS, several filters in one packet, + and # wildcards, $-topics,
// re-subscription, overlapping subscriptions, subscription identifiers and No Local.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class Subscribe : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-3.8.4-1/2: SUBACK with the same packet identifier; MQTT-3.8.4-5 / 3.9.3-1: one
    // return code per filter, in order; MQTT-3.8.4-6: granted QoS = requested (we support 2).
    void subackGrantsRequestedQos_data() { addVersionRows(); }
    void subackGrantsRequestedQos()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, "subber"_ba));
        QVERIFY(client.send(client.packets().subscribe(0x1234, {{"q/0"_ba, subscriptionOptions(0)},
                                                                {"q/1"_ba, subscriptionOptions(1)},
                                                                {"q/2"_ba, subscriptionOptions(2)}})));
        Packet suback;
        BS_CALL(expectPacket(client, PacketType::Suback, &suback));
        QCOMPARE(suback.packetId, quint16(0x1234));
        QCOMPARE(suback.reasonCodes, (QList<quint8>{0, 1, 2}));
        if (version == kMqtt311)
            QCOMPARE(suback.raw, QByteArray::fromHex("90051234000102"));
    }

    // §4.7.1.2 / §4.7.1.3: '#' matches the parent and any number of levels, '+' exactly one
    // level (including an empty one). Only matching topics are delivered.
    void wildcardMatching_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("filter");
        QTest::addColumn<QList<QByteArray>>("matching");
        QTest::addColumn<QList<QByteArray>>("notMatching");
        const QList<QPair<const char*, int>> versions{{"v3.1.1", kMqtt311}, {"v5", kMqtt5}};
        for (const auto& [name, version] : versions) {
            QTest::addRow("%s hash", name) << version << "sport/tennis/#"_ba
                                           << QList<QByteArray>{"sport/tennis"_ba, "sport/tennis/p1"_ba,
                                                                "sport/tennis/p1/ranking"_ba}
                                           << QList<QByteArray>{"sport"_ba, "sport/tennisx"_ba};
            QTest::addRow("%s plus", name) << version << "sport/+/player1"_ba
                                           << QList<QByteArray>{"sport/tennis/player1"_ba, "sport//player1"_ba}
                                           << QList<QByteArray>{"sport/tennis/x/player1"_ba, "sport/player1"_ba};
            QTest::addRow("%s plus alone", name) << version << "+"_ba << QList<QByteArray>{"finance"_ba}
                                                 << QList<QByteArray>{"finance/x"_ba, "/finance"_ba};
            QTest::addRow("%s plus leading", name) << version << "+/+"_ba
                                                   << QList<QByteArray>{"/finance"_ba, "a/b"_ba}
                                                   << QList<QByteArray>{"a"_ba, "a/b/c"_ba};
            QTest::addRow("%s hash alone", name) << version << "#"_ba
                                                 << QList<QByteArray>{"a"_ba, "a/b/c"_ba, "/x"_ba}
                                                 << QList<QByteArray>{};
            QTest::addRow("%s exact", name) << version << "a/b"_ba << QList<QByteArray>{"a/b"_ba}
                                            << QList<QByteArray>{"a/b/"_ba, "A/b"_ba, "a/b/c"_ba};
        }
    }
    void wildcardMatching()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, filter);
        QFETCH(QList<QByteArray>, matching);
        QFETCH(QList<QByteArray>, notMatching);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "matcher"_ba));
        BS_CALL(subscribe(subscriber, filter, subscriptionOptions(0), 1));
        BS_CALL(subscribe(subscriber, "marker/end"_ba, subscriptionOptions(0), 2));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "matcher-pub"_ba));
        // Non-matching first, matching next, marker last: everything must arrive in order,
        // and nothing non-matching may show up.
        for (const QByteArray& topic : notMatching)
            BS_CALL(publish(publisher, {.topic = topic, .payload = "no"_ba}));
        for (const QByteArray& topic : matching)
            BS_CALL(publish(publisher, {.topic = topic, .payload = "yes"_ba}));
        BS_CALL(publish(publisher, {.topic = "marker/end"_ba, .payload = "end"_ba}));
        for (const QByteArray& topic : matching)
            BS_CALL(expectPublish(subscriber, topic, "yes"_ba, 0));
        BS_CALL(expectPublish(subscriber, "marker/end"_ba, "end"_ba, 0));
    }

    // MQTT-4.7.2-1: '#' and '+' at the first level do not match topics starting with '$';
    // a filter that starts with '$' matches them.
    void dollarTopicsNotMatchedByWildcards_data() { addVersionRows(); }
    void dollarTopicsNotMatchedByWildcards()
    {
        QFETCH(int, version);
        RawClient all(port(), version);
        BS_CALL(connectClient(all, "wild"_ba));
        BS_CALL(subscribe(all, "#"_ba, subscriptionOptions(0), 1));
        BS_CALL(subscribe(all, "+/x"_ba, subscriptionOptions(0), 2));
        RawClient dollar(port(), version);
        BS_CALL(connectClient(dollar, "dollar"_ba));
        BS_CALL(subscribe(dollar, "$bs/#"_ba, subscriptionOptions(0), 1));

        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "dollar-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "$bs/x"_ba, .payload = "dollar"_ba}));
        BS_CALL(publish(publisher, {.topic = "plain"_ba, .payload = "marker"_ba}));
        BS_CALL(expectPublish(dollar, "$bs/x"_ba, "dollar"_ba, 0));
        BS_CALL(expectPublish(all, "plain"_ba, "marker"_ba, 0)); // and not $bs/x before it
    }

    // MQTT-3.8.4-3: a SUBSCRIBE with an existing filter replaces the subscription (new QoS,
    // one copy of each message).
    void resubscribeReplaces_data() { addVersionRows(); }
    void resubscribeReplaces()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "resub"_ba));
        BS_CALL(subscribe(subscriber, "re/sub"_ba, subscriptionOptions(0), 1));
        BS_CALL(subscribe(subscriber, "re/sub"_ba, subscriptionOptions(1), 2));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "resub-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "re/sub"_ba, .payload = "one"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "re/sub"_ba, .payload = "two"_ba}));
        Packet first;
        BS_CALL(expectPublish(subscriber, "re/sub"_ba, "one"_ba, 1, &first));
        BS_CALL(acknowledge(subscriber, first));
        BS_CALL(expectPublish(subscriber, "re/sub"_ba, "two"_ba, 0)); // not a second "one"
    }

    // Overlapping subscriptions (§4.7 / v5 §3.3.4 MQTT-3.3.4-2..5 allow one copy per
    // subscription). We follow Mosquitto 2: one copy per matching subscription, each with
    // that subscription's QoS and, v5, its Subscription Identifier (MQTT-3.3.4-3).
    void overlappingSubscriptions()
    {
        RawClient subscriber(port(), kMqtt5);
        BS_CALL(connectClient(subscriber, "overlap"_ba));
        BS_CALL(subscribe(subscriber, "ov/#"_ba, subscriptionOptions(1), 1,
                          Properties().add(prop::SubscriptionIdentifier, 11)));
        BS_CALL(subscribe(subscriber, "ov/+"_ba, subscriptionOptions(0), 2,
                          Properties().add(prop::SubscriptionIdentifier, 22)));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "overlap-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "ov/x"_ba, .payload = "both"_ba, .qos = 2, .packetId = 5}));

        QMap<quint32, int> qosById;
        for (int i = 0; i < 2; ++i) {
            Packet delivered;
            BS_CALL(expectPacket(subscriber, PacketType::Publish, &delivered));
            QCOMPARE(delivered.topic, "ov/x"_ba);
            const QList<quint32> ids = delivered.properties.numbers(prop::SubscriptionIdentifier);
            QVERIFY2(ids.size() == 1, qPrintable(delivered.describe()));
            qosById.insert(ids.first(), delivered.qos);
            BS_CALL(acknowledge(subscriber, delivered));
        }
        QCOMPARE(qosById, (QMap<quint32, int>{{11, 1}, {22, 0}}));
    }

    // MQTT-3.3.4-3/4: the Subscription Identifier is sent with matching messages; a
    // subscription without one gets none.
    void subscriptionIdentifier()
    {
        RawClient subscriber(port(), kMqtt5);
        BS_CALL(connectClient(subscriber, "subid"_ba));
        BS_CALL(subscribe(subscriber, "id/with"_ba, subscriptionOptions(0), 1,
                          Properties().add(prop::SubscriptionIdentifier, 268435455)));
        BS_CALL(subscribe(subscriber, "id/without"_ba, subscriptionOptions(0), 2));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "subid-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "id/with"_ba, .payload = "1"_ba}));
        BS_CALL(publish(publisher, {.topic = "id/without"_ba, .payload = "2"_ba}));
        Packet with;
        BS_CALL(expectPublish(subscriber, "id/with"_ba, "1"_ba, 0, &with));
        QCOMPARE(with.properties.numbers(prop::SubscriptionIdentifier), QList<quint32>{268435455});
        Packet without;
        BS_CALL(expectPublish(subscriber, "id/without"_ba, "2"_ba, 0, &without));
        QVERIFY2(!without.properties.has(prop::SubscriptionIdentifier), qPrintable(without.describe()));
    }

    // MQTT-3.8.3-3: No Local — the client's own messages are not sent back to it; other
    // subscribers still get them.
    void noLocal()
    {
        RawClient self(port(), kMqtt5);
        BS_CALL(connectClient(self, "narcissus"_ba));
        BS_CALL(subscribe(self, "nl/#"_ba, subscriptionOptions(0, true), 1));
        RawClient other(port(), kMqtt5);
        BS_CALL(connectClient(other, "echo"_ba));
        BS_CALL(subscribe(other, "nl/#"_ba, subscriptionOptions(0), 1));

        BS_CALL(publish(self, {.topic = "nl/a"_ba, .payload = "mine"_ba}));
        BS_CALL(expectPublish(other, "nl/a"_ba, "mine"_ba, 0));
        BS_CALL(publish(other, {.topic = "nl/b"_ba, .payload = "theirs"_ba}));
        // "mine" must not come before the marker from the other client.
        BS_CALL(expectPublish(self, "nl/b"_ba, "theirs"_ba, 0));
    }

    // MQTT-3.10.4-1..6, §3.11: UNSUBSCRIBE removes the subscription and is answered by
    // UNSUBACK with the same packet identifier; v5 reason codes 0x00 Success and
    // 0x11 No subscription existed (§3.11.3).
    void unsubscribe_data() { addVersionRows(); }
    void unsubscribe()
    {
        QFETCH(int, version);
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "unsub"_ba));
        BS_CALL(subscribe(subscriber, "un/a"_ba, subscriptionOptions(1), 1));
        BS_CALL(subscribe(subscriber, "un/b"_ba, subscriptionOptions(0), 2));
        QVERIFY(subscriber.send(subscriber.packets().unsubscribe(0x0BCD, {"un/a"_ba, "un/never"_ba})));
        Packet unsuback;
        BS_CALL(expectPacket(subscriber, PacketType::Unsuback, &unsuback));
        QCOMPARE(unsuback.packetId, quint16(0x0BCD));
        if (version == kMqtt5)
            QCOMPARE(unsuback.reasonCodes, (QList<quint8>{0x00, 0x11}));
        else
            QCOMPARE(unsuback.raw, QByteArray::fromHex("b0020bcd"));

        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "unsub-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "un/a"_ba, .payload = "gone"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "un/b"_ba, .payload = "marker"_ba}));
        BS_CALL(expectPublish(subscriber, "un/b"_ba, "marker"_ba, 0));
    }

    // §4.7.3: topic names and filters are case sensitive and may contain spaces and any
    // UTF-8 character.
    void utf8AndSpacesInTopics_data() { addVersionRows(); }
    void utf8AndSpacesInTopics()
    {
        QFETCH(int, version);
        const QByteArray topic = QStringLiteral(u"caf\u00e9 / \u6771\u4eac/\U0001F600").toUtf8();
        RawClient subscriber(port(), version);
        BS_CALL(connectClient(subscriber, "utf8"_ba));
        BS_CALL(subscribe(subscriber, topic.left(topic.indexOf('/')) + "/#", subscriptionOptions(0), 1));
        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "utf8-pub"_ba));
        BS_CALL(publish(publisher, {.topic = topic, .payload = "hi"_ba}));
        BS_CALL(expectPublish(subscriber, topic, "hi"_ba, 0));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(Subscribe)
#include "tst_02_subscribe.moc"
