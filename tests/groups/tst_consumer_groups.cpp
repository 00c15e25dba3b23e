// Consumer groups in the engine (issue 5), with raw MQTT 5 clients against the engine as
// shipped (with storage): MQTT 5 shared subscriptions $share/<group>/<filter> (§4.8.2)
// where the group's backlog waits in the topic log, a member that disconnects has its
// QoS 1 messages redelivered to another member with DUP, and dead letters — a negative
// PUBACK (rejected), a poison message past the delivery limit (delivery_limit), a message
// that expired while waiting (expired) — land in $DLQ/<group>/<topic> with why.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class ConsumerGroups : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
        if (m_broker->isMosquitto())
            QSKIP("consumer groups with a durable backlog are our engine's");
    }
    void cleanup() { m_broker.reset(); }

    // The backlog of a group with no member connected (its only member is away, within its
    // session expiry) waits in the log, not in a session: the first member to come — even a
    // new one — gets it, oldest first.
    void backlogWaitsForAnyMember()
    {
        BS_CALL(keepGroup("$share/billing/orders/#"_ba)); // a member that is away
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 1; i <= 3; ++i)
            BS_CALL(publish(publisher, {.topic = "orders/eu"_ba, .payload = "o" + QByteArray::number(i), .qos = 1, .packetId = i}));

        RawClient late(port());
        BS_CALL(connectClient(late, "late"_ba));
        BS_CALL(subscribe(late, "$share/billing/orders/#"_ba, subscriptionOptions(1)));
        for (int i = 1; i <= 3; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(late, "orders/eu"_ba, "o" + QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(late, delivered));
        }
    }

    // §4.8.2: a QoS 1 message in flight to a member that goes away is sent to another
    // member, with DUP set; nothing is lost and nothing else is duplicated.
    void inFlightMessageOfADepartedMemberGoesToAnother()
    {
        RawClient crashing(port());
        RawClient steady(port());
        BS_CALL(connectClient(crashing, "crashing"_ba));
        BS_CALL(connectClient(steady, "steady"_ba));
        BS_CALL(subscribe(crashing, "$share/work/jobs"_ba, subscriptionOptions(1)));
        BS_CALL(subscribe(steady, "$share/work/jobs"_ba, subscriptionOptions(1)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "jobs"_ba, .payload = "j1"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "jobs"_ba, .payload = "j2"_ba, .qos = 1, .packetId = 2}));
        // Round robin: one each. The crashing member dies without acknowledging.
        Packet toCrashing;
        BS_CALL(expectPacket(crashing, PacketType::Publish, &toCrashing));
        Packet toSteady;
        BS_CALL(expectPacket(steady, PacketType::Publish, &toSteady));
        QVERIFY(!toSteady.dup);
        BS_CALL(acknowledge(steady, toSteady));
        crashing.abort();
        Packet again;
        BS_CALL(expectPacket(steady, PacketType::Publish, &again));
        QCOMPARE(again.payload, toCrashing.payload);
        QVERIFY(again.dup);
        BS_CALL(acknowledge(steady, again));
        BS_CALL(sync(steady)); // nothing more
    }

    // A member answers PUBACK 0x80 (it cannot process the message): the spec forbids giving
    // it to another subscriber; the group keeps it as a dead letter with the reason code.
    void negativeAcknowledgementIsDeadLettered()
    {
        RawClient dlq(port());
        BS_CALL(connectClient(dlq, "dlq-reader"_ba));
        BS_CALL(subscribe(dlq, "$DLQ/#"_ba, subscriptionOptions(1)));
        RawClient member(port());
        BS_CALL(connectClient(member, "member"_ba));
        BS_CALL(subscribe(member, "$share/pay/payments/+"_ba, subscriptionOptions(1)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "payments/new"_ba, .payload = "{\"order\":7}"_ba, .qos = 1, .packetId = 1}));
        Packet delivered;
        BS_CALL(expectPublish(member, "payments/new"_ba, "{\"order\":7}"_ba, 1, &delivered));
        QVERIFY(member.send(member.packets().puback(delivered.packetId, 0x80)));

        Packet letter;
        BS_CALL(expectPublish(dlq, "$DLQ/pay/payments/new"_ba, "{\"order\":7}"_ba, 1, &letter));
        const auto properties = userPropertyMap(letter);
        QCOMPARE(properties.value("dlq-reason"), "rejected"_ba);
        QCOMPARE(properties.value("dlq-group"), "pay"_ba);
        QCOMPARE(properties.value("dlq-original-topic"), "payments/new"_ba);
        QCOMPARE(properties.value("dlq-member"), "member"_ba);
        QCOMPARE(properties.value("dlq-reason-code"), "0x80"_ba);
        QCOMPARE(properties.value("dlq-delivery-count"), "1"_ba);
        BS_CALL(acknowledge(dlq, letter));
        BS_CALL(sync(member)); // not delivered again
    }

    // A poison message that crashes every consumer taking it: after 5 deliveries (the
    // default max-deliveries) it is dead-lettered, and the group moves on.
    void poisonMessageReachesTheDeadLetterQueue()
    {
        RawClient dlq(port());
        BS_CALL(connectClient(dlq, "dlq-reader"_ba));
        BS_CALL(subscribe(dlq, "$DLQ/#"_ba, subscriptionOptions(1)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(keepGroup("$share/inv/stock"_ba));
        BS_CALL(publish(publisher, {.topic = "stock"_ba, .payload = "poison"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "stock"_ba, .payload = "fine"_ba, .qos = 1, .packetId = 2}));
        // The consumers take one message at a time (Receive Maximum 1), as a worker does.
        for (int attempt = 1; attempt <= 5; ++attempt) {
            RawClient consumer(port());
            ConnectOptions oneAtATime{.clientId = "consumer-" + QByteArray::number(attempt)};
            oneAtATime.properties.add(prop::ReceiveMaximum, 1);
            BS_CALL(connectClient(consumer, oneAtATime));
            BS_CALL(subscribe(consumer, "$share/inv/stock"_ba, subscriptionOptions(1)));
            Packet delivered;
            BS_CALL(expectPublish(consumer, "stock"_ba, "poison"_ba, 1, &delivered));
            QCOMPARE(delivered.dup, attempt > 1);
            consumer.abort(); // crashes while processing it
        }
        RawClient survivor(port());
        BS_CALL(connectClient(survivor, "survivor"_ba));
        BS_CALL(subscribe(survivor, "$share/inv/stock"_ba, subscriptionOptions(1)));
        Packet next;
        BS_CALL(expectPublish(survivor, "stock"_ba, "fine"_ba, 1, &next)); // the poison is gone
        BS_CALL(acknowledge(survivor, next));
        Packet letter;
        BS_CALL(expectPublish(dlq, "$DLQ/inv/stock"_ba, "poison"_ba, 1, &letter));
        QCOMPARE(userPropertyMap(letter).value("dlq-reason"), "delivery_limit"_ba);
        QCOMPARE(userPropertyMap(letter).value("dlq-delivery-count"), "5"_ba);
        BS_CALL(acknowledge(dlq, letter));
    }

    // §3.3.2.3.3: a message whose expiry passed while it waited in the group's backlog is
    // not delivered; the group dead-letters it as expired.
    void expiredWhileWaitingIsDeadLettered()
    {
        RawClient dlq(port());
        BS_CALL(connectClient(dlq, "dlq-reader"_ba));
        BS_CALL(subscribe(dlq, "$DLQ/#"_ba, subscriptionOptions(1)));
        BS_CALL(keepGroup("$share/mail/mail"_ba));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        // An interval of 0 s has passed as soon as the message waits at all: the expiry
        // path without a test that sleeps.
        Properties expiring;
        expiring.add(prop::MessageExpiryInterval, 0);
        BS_CALL(publish(publisher, {.topic = "mail"_ba, .payload = "stale"_ba, .qos = 1, .packetId = 1, .properties = expiring}));
        BS_CALL(publish(publisher, {.topic = "mail"_ba, .payload = "fresh"_ba, .qos = 1, .packetId = 2}));
        RawClient member(port());
        BS_CALL(connectClient(member, "member"_ba));
        BS_CALL(subscribe(member, "$share/mail/mail"_ba, subscriptionOptions(1)));
        Packet delivered;
        BS_CALL(expectPublish(member, "mail"_ba, "fresh"_ba, 1, &delivered));
        BS_CALL(acknowledge(member, delivered));
        Packet letter;
        BS_CALL(expectPublish(dlq, "$DLQ/mail/mail"_ba, "stale"_ba, 1, &letter));
        QCOMPARE(userPropertyMap(letter).value("dlq-reason"), "expired"_ba);
        QVERIFY(!letter.properties.has(prop::MessageExpiryInterval)); // kept until purged
        BS_CALL(acknowledge(dlq, letter));
    }

    // A consumer that cannot send a negative acknowledgement (paho 1.2) dead-letters a
    // message by publishing it to $DLQ/<group>/<original topic>; the broker records who
    // and when, keeps the client's dlq-error, and overrides what the client may not set.
    void explicitDeadLetterIsAnnotated()
    {
        RawClient dlq(port());
        BS_CALL(connectClient(dlq, "dlq-reader"_ba));
        BS_CALL(subscribe(dlq, "$DLQ/#"_ba, subscriptionOptions(1)));
        RawClient consumer(port());
        BS_CALL(connectClient(consumer, "paho-consumer"_ba));
        Properties why;
        why.addUser("dlq-error"_ba, "card declined"_ba);
        why.addUser("dlq-reason"_ba, "made-up"_ba);
        why.add(prop::MessageExpiryInterval, 60);
        BS_CALL(publish(consumer, {.topic = "$DLQ/pay/payments/new"_ba, .payload = "{\"order\":9}"_ba, .qos = 1, .packetId = 1, .properties = why}));
        Packet letter;
        BS_CALL(expectPublish(dlq, "$DLQ/pay/payments/new"_ba, "{\"order\":9}"_ba, 1, &letter));
        const auto properties = userPropertyMap(letter);
        QCOMPARE(properties.value("dlq-reason"), "explicit"_ba);
        QCOMPARE(properties.value("dlq-error"), "card declined"_ba);
        QCOMPARE(properties.value("dlq-group"), "pay"_ba);
        QCOMPARE(properties.value("dlq-original-topic"), "payments/new"_ba);
        QCOMPARE(properties.value("dlq-member"), "paho-consumer"_ba);
        QVERIFY(properties.contains("dlq-first-death"));
        QVERIFY(!letter.properties.has(prop::MessageExpiryInterval));
        BS_CALL(acknowledge(dlq, letter));
    }

    // group_max_lag: a group with no member taking messages keeps at most that many; the
    // oldest waiting ones are dead-lettered as maxlen.
    void backlogOverTheLimitDeadLettersTheOldest()
    {
        bs::broker::BrokerConfig config;
        config.groupMaxLag = 2;
        m_broker = std::make_unique<TargetBroker>(config);
        BS_CALL(startBroker(*m_broker));
        RawClient dlq(port());
        BS_CALL(connectClient(dlq, "dlq-reader"_ba));
        BS_CALL(subscribe(dlq, "$DLQ/#"_ba, subscriptionOptions(1)));
        BS_CALL(keepGroup("$share/capped/events"_ba));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 1; i <= 4; ++i)
            BS_CALL(publish(publisher, {.topic = "events"_ba, .payload = "e" + QByteArray::number(i), .qos = 1, .packetId = i}));
        for (int i = 1; i <= 2; ++i) {
            Packet letter;
            BS_CALL(expectPublish(dlq, "$DLQ/capped/events"_ba, "e" + QByteArray::number(i), 1, &letter));
            QCOMPARE(userPropertyMap(letter).value("dlq-reason"), "maxlen"_ba);
            BS_CALL(acknowledge(dlq, letter));
        }
        RawClient member(port());
        BS_CALL(connectClient(member, "member"_ba));
        BS_CALL(subscribe(member, "$share/capped/events"_ba, subscriptionOptions(1)));
        for (int i = 3; i <= 4; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(member, "events"_ba, "e" + QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(member, delivered));
        }
    }

    // Lag is published under $SYS/brokerscope/groups/<group>/: a consumer that stops
    // acknowledging makes it rise; acknowledging drains it to 0.
    void lagIsPublishedAndDrains()
    {
        bs::broker::BrokerConfig config;
        config.groupStatsIntervalMs = 50;
        m_broker = std::make_unique<TargetBroker>(config);
        BS_CALL(startBroker(*m_broker));
        RawClient watcher(port());
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "$SYS/brokerscope/groups/slow/lag"_ba, subscriptionOptions(0)));
        RawClient member(port());
        ConnectOptions oneAtATime{.clientId = "member"_ba};
        oneAtATime.properties.add(prop::ReceiveMaximum, 1);
        BS_CALL(connectClient(member, oneAtATime));
        BS_CALL(subscribe(member, "$share/slow/feed"_ba, subscriptionOptions(1)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 1; i <= 5; ++i)
            BS_CALL(publish(publisher, {.topic = "feed"_ba, .payload = QByteArray::number(i), .qos = 1, .packetId = i}));
        BS_CALL(waitForLag(watcher, "5"_ba)); // one in flight, four waiting, none acknowledged
        for (int i = 1; i <= 5; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(member, "feed"_ba, QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(member, delivered));
        }
        BS_CALL(waitForLag(watcher, "0"_ba));
    }

private:
    static void waitForLag(RawClient& watcher, const QByteArray& expected)
    {
        QByteArray last;
        const bool seen = watcher.waitUntil([&] {
            while (const auto packet = watcher.readPacket(0)) {
                if (packet->is(PacketType::Publish))
                    last = packet->payload;
            }
            return last == expected;
        }, 5000);
        QVERIFY2(seen, qPrintable(u"lag stayed at "_s + QString::fromLatin1(last)));
    }

    /// A persistent member subscribes and goes away: the group lives on without anyone
    /// connected (issue 5: a group keeps its state while a member's session exists).
    void keepGroup(const QByteArray& filter)
    {
        RawClient keeper(port());
        ConnectOptions options{.clientId = "keeper"_ba, .cleanStart = false};
        options.properties.add(prop::SessionExpiryInterval, 3600);
        BS_CALL(connectClient(keeper, options));
        BS_CALL(subscribe(keeper, filter, subscriptionOptions(1)));
        QVERIFY(keeper.send(keeper.packets().disconnect()));
        QVERIFY(keeper.waitClosed());
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(ConsumerGroups)
#include "tst_consumer_groups.moc"
