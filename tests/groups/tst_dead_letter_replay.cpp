// Dead letters through the admin API (issue 5): listDeadLetters (filters, counts, paging),
// replayDeadLetters (back to the failed group only, to the original topic, to another
// topic with an edit; request ids; the loop guard), purgeDeadLetters. Two groups read
// "orders": payment, whose member refuses what it is given (PUBACK 0x83), and audit,
// which takes everything — so we can see that a replay to the group reaches payment only.

#include "raw/AdminCall.h"
#include "raw/Expect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class DeadLetterReplay : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        bs::broker::BrokerConfig config;
        config.deadLetterMaxReplays = 2;
        m_broker = std::make_unique<TargetBroker>(config);
        BS_CALL(startBroker(*m_broker));
        if (m_broker->isMosquitto())
            QSKIP("dead letters are our engine's");
        m_adminClient = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_adminClient, "admin"_ba));
        BS_CALL(subscribe(*m_adminClient, kAdminReplies, subscriptionOptions(1)));
        m_admin = std::make_unique<AdminCaller>(*m_adminClient);
        m_payment = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_payment, "payment-1"_ba));
        BS_CALL(subscribe(*m_payment, "$share/payment/orders/#"_ba, subscriptionOptions(1)));
        m_audit = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_audit, "audit-1"_ba));
        BS_CALL(subscribe(*m_audit, "$share/audit/orders/#"_ba, subscriptionOptions(1)));
        m_publisher = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_publisher, "shop"_ba));
    }
    void cleanup()
    {
        m_admin.reset();
        m_publisher.reset();
        m_audit.reset();
        m_payment.reset();
        m_adminClient.reset();
        m_broker.reset();
    }

    void listingFiltersCountsAndPages()
    {
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "order-1"_ba));
        BS_CALL(orderRefusedByPayment("orders/us"_ba, "order-2"_ba));
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "order-3 blue"_ba));

        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 3);
        QCOMPARE(result.value(u"byReason"_s).toObject().value(u"rejected"_s).toInt(), 3);
        QCOMPARE(result.value(u"byGroup"_s).toObject().value(u"payment"_s).toInt(), 3);
        QCOMPARE(result.value(u"byTopic"_s).toObject().value(u"orders/eu"_s).toInt(), 2);
        const QJsonArray letters = result.value(u"letters"_s).toArray();
        QCOMPARE(letters.size(), 3);
        const QJsonObject first = letters[0].toObject();
        QCOMPARE(first.value(u"id"_s).toString(), u"$DLQ/payment/orders/eu#0"_s);
        QCOMPARE(first.value(u"group"_s).toString(), u"payment"_s);
        QCOMPARE(first.value(u"originalTopic"_s).toString(), u"orders/eu"_s);
        QCOMPARE(first.value(u"reason"_s).toString(), u"rejected"_s);
        QCOMPARE(first.value(u"reasonCode"_s).toString(), u"0x83"_s);
        QCOMPARE(first.value(u"member"_s).toString(), u"payment-1"_s);
        QCOMPARE(first.value(u"deliveryCount"_s).toInt(), 1);
        QCOMPARE(first.value(u"replayCount"_s).toInt(), 0);
        QCOMPARE(first.value(u"replayed"_s).toBool(), false);
        QCOMPARE(first.value(u"preview"_s).toString(), u"order-1"_s);
        QVERIFY(!first.value(u"firstDeath"_s).toString().isEmpty());

        // Filters: original topic (an MQTT filter), text, reason.
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","topic":"orders/us"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 1);
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","text":"blue"})", &result));
        QCOMPARE(result.value(u"letters"_s).toArray()[0].toObject().value(u"preview"_s).toString(), u"order-3 blue"_s);
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","reason":"expired"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 0);
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","group":"audit"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 0);

        // Pages: limit 2, then from 'next'.
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","limit":2})", &result));
        QCOMPARE(result.value(u"letters"_s).toArray().size(), 2);
        const QString next = result.value(u"next"_s).toString();
        QVERIFY(!next.isEmpty());
        BS_CALL(m_admin->result(QJsonDocument(QJsonObject{{u"command"_s, u"listDeadLetters"_s}, {u"after"_s, next}})
                                    .toJson(QJsonDocument::Compact), &result));
        QCOMPARE(result.value(u"letters"_s).toArray().size(), 1);
        QVERIFY(!result.contains(u"next"_s));

        // The full payload on request.
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","ids":["$DLQ/payment/orders/us#0"],"payload":"full"})", &result));
        QCOMPARE(result.value(u"letters"_s).toArray()[0].toObject().value(u"payload"_s).toString(), u"order-2"_s);
    }

    // Default target: back to the failed group's backlog only — audit sees no duplicate.
    void replayGoesBackToTheFailedGroupOnly()
    {
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "order-7"_ba));
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"replayDeadLetters","requestId":"r1","ids":["$DLQ/payment/orders/eu#0"]})", &result));
        QCOMPARE(result.value(u"replayed"_s).toInt(), 1);
        QCOMPARE(result.value(u"target"_s).toString(), u"group"_s);

        Packet again;
        BS_CALL(expectPublish(*m_payment, "orders/eu"_ba, "order-7"_ba, 1, &again));
        QCOMPARE(userPropertyMap(again).value("dlq-replay-count"), "1"_ba);
        QCOMPARE(userPropertyMap(again).value("dlq-replayed-from"), "$DLQ/payment/orders/eu#0"_ba);
        BS_CALL(acknowledge(*m_payment, again));
        BS_CALL(sync(*m_payment));
        BS_CALL(sync(*m_audit)); // nothing for audit

        // Marked, not deleted.
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters"})", &result));
        const QJsonObject letter = result.value(u"letters"_s).toArray()[0].toObject();
        QCOMPARE(letter.value(u"replayed"_s).toBool(), true);
        QCOMPARE(letter.value(u"replays"_s).toInt(), 1);
        QCOMPARE(letter.value(u"lastReplayTarget"_s).toString(), u"group"_s);

        // The same request again (a retry) replays nothing.
        BS_CALL(m_admin->result(R"({"command":"replayDeadLetters","requestId":"r1","ids":["$DLQ/payment/orders/eu#0"]})", &result));
        QCOMPARE(result.value(u"replayed"_s).toInt(), 0);
        QCOMPARE(result.value(u"skippedAlreadyReplayed"_s).toInt(), 1);
        BS_CALL(sync(*m_payment));

        // The group's lag is back to 0 (the replay log is one of its topics).
        BS_CALL(m_admin->result(R"({"command":"listGroups","sessions":false})", &result));
        for (const QJsonValue& group : result.value(u"groups"_s).toArray())
            QCOMPARE(group.toObject().value(u"lag"_s).toInt(), 0);
    }

    // Republish to the original topic: every subscriber sees it again.
    void republishReachesEverySubscriber()
    {
        RawClient watcher(port());
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "orders/#"_ba, subscriptionOptions(1)));
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "order-8"_ba));
        BS_CALL(expectPublish(watcher, "orders/eu"_ba, "order-8"_ba, 1));
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"replayDeadLetters","requestId":"r2","group":"payment","target":"original"})", &result));
        QCOMPARE(result.value(u"replayed"_s).toInt(), 1);
        BS_CALL(expectPublish(watcher, "orders/eu"_ba, "order-8"_ba, 1));
        Packet audit;
        BS_CALL(expectPublish(*m_audit, "orders/eu"_ba, "order-8"_ba, 1, &audit));
        BS_CALL(acknowledge(*m_audit, audit));
        Packet payment;
        BS_CALL(expectPublish(*m_payment, "orders/eu"_ba, "order-8"_ba, 1, &payment));
        BS_CALL(acknowledge(*m_payment, payment));
    }

    // Another topic, with the payload and properties edited (one message).
    void replayToAnotherTopicWithAnEdit()
    {
        RawClient repair(port());
        BS_CALL(connectClient(repair, "repair"_ba));
        BS_CALL(subscribe(repair, "repair/orders"_ba, subscriptionOptions(1)));
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "{\"amount\":-1}"_ba));
        QJsonObject result;
        const QJsonObject edit{{u"payload"_s, u"{\"amount\":1}"_s},
                               {u"userProperties"_s, QJsonArray{QJsonObject{{u"name"_s, u"fixed-by"_s}, {u"value"_s, u"ops"_s}}}}};
        const QJsonObject request{{u"command"_s, u"replayDeadLetters"_s}, {u"requestId"_s, u"r3"_s},
                                  {u"ids"_s, QJsonArray{u"$DLQ/payment/orders/eu#0"_s}}, {u"target"_s, u"topic"_s},
                                  {u"toTopic"_s, u"repair/orders"_s}, {u"edit"_s, edit}};
        BS_CALL(m_admin->result(QJsonDocument(request).toJson(QJsonDocument::Compact), &result));
        QCOMPARE(result.value(u"replayed"_s).toInt(), 1);
        Packet fixed;
        BS_CALL(expectPublish(repair, "repair/orders"_ba, "{\"amount\":1}"_ba, 1, &fixed));
        QCOMPARE(userPropertyMap(fixed).value("fixed-by"), "ops"_ba);
        QCOMPARE(userPropertyMap(fixed).value("dlq-replay-count"), "1"_ba);
        BS_CALL(sync(*m_payment));
    }

    // A message that dies again keeps its history; after dlq_max_replays (2 here) replays
    // a replay needs "force".
    void loopGuardStopsEndlessReplays()
    {
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "poison"_ba));
        QString id = u"$DLQ/payment/orders/eu#0"_s;
        for (int round = 1; round <= 2; ++round) {
            QJsonObject result;
            BS_CALL(m_admin->result(QJsonDocument(QJsonObject{{u"command"_s, u"replayDeadLetters"_s},
                                                              {u"requestId"_s, u"loop-%1"_s.arg(round)},
                                                              {u"ids"_s, QJsonArray{id}}}).toJson(QJsonDocument::Compact),
                                    &result));
            QCOMPARE(result.value(u"replayed"_s).toInt(), 1);
            Packet again;
            BS_CALL(expectPublish(*m_payment, "orders/eu"_ba, "poison"_ba, 1, &again));
            QVERIFY(m_payment->send(m_payment->packets().puback(again.packetId, 0x83)));
            id = u"$DLQ/payment/orders/eu#%1"_s.arg(round); // it died again: a new letter
        }
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","state":"pending"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 1);
        const QJsonObject latest = result.value(u"letters"_s).toArray()[0].toObject();
        QCOMPARE(latest.value(u"id"_s).toString(), id);
        QCOMPARE(latest.value(u"replayCount"_s).toInt(), 2);

        BS_CALL(m_admin->result(R"({"command":"replayDeadLetters","requestId":"loop-3","group":"payment"})", &result));
        QCOMPARE(result.value(u"replayed"_s).toInt(), 0);
        QCOMPARE(result.value(u"skippedLoopGuard"_s).toInt(), 1);
        BS_CALL(sync(*m_payment));
        BS_CALL(m_admin->result(R"({"command":"replayDeadLetters","requestId":"loop-4","group":"payment","force":true})", &result));
        QCOMPARE(result.value(u"replayed"_s).toInt(), 1);
        Packet forced;
        BS_CALL(expectPublish(*m_payment, "orders/eu"_ba, "poison"_ba, 1, &forced));
        QCOMPARE(userPropertyMap(forced).value("dlq-replay-count"), "3"_ba);
        BS_CALL(acknowledge(*m_payment, forced));
    }

    void dryRunChangesNothing()
    {
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "a"_ba));
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "b"_ba));
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"replayDeadLetters","requestId":"dry","group":"payment","dryRun":true})", &result));
        QCOMPARE(result.value(u"dryRun"_s).toBool(), true);
        QCOMPARE(result.value(u"replayed"_s).toInt(), 2);
        BS_CALL(sync(*m_payment));
        BS_CALL(m_admin->result(R"({"command":"purgeDeadLetters","group":"payment","dryRun":true})", &result));
        QCOMPARE(result.value(u"purged"_s).toInt(), 2);
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","state":"pending"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 2);
    }

    // Purge deletes; when a whole $DLQ log is purged it is emptied, and its offsets go on
    // (an id never names two letters).
    void purgeDeletes()
    {
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "x"_ba));
        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "y"_ba));
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"purgeDeadLetters","ids":["$DLQ/payment/orders/eu#0"]})", &result));
        QCOMPARE(result.value(u"purged"_s).toInt(), 1);
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 1);
        QCOMPARE(result.value(u"letters"_s).toArray()[0].toObject().value(u"preview"_s).toString(), u"y"_s);

        BS_CALL(m_admin->result(R"({"command":"purgeDeadLetters","group":"payment"})", &result));
        QCOMPARE(result.value(u"purged"_s).toInt(), 1);
        BS_CALL(m_admin->result(R"({"command":"browseTopic","topic":"$DLQ/payment/orders/eu"})", &result));
        QCOMPARE(result.value(u"messages"_s).toArray().size(), 0);
        QCOMPARE(result.value(u"endOffset"_s).toInt(), 2);

        BS_CALL(orderRefusedByPayment("orders/eu"_ba, "z"_ba));
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters"})", &result));
        QCOMPARE(result.value(u"letters"_s).toArray()[0].toObject().value(u"id"_s).toString(), u"$DLQ/payment/orders/eu#2"_s);
    }

    void malformedRequestsGetErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::newRow("replay without request id") << R"({"command":"replayDeadLetters","group":"payment"})"_ba;
        QTest::newRow("not an id") << R"({"command":"replayDeadLetters","requestId":"x","ids":["orders#1"]})"_ba;
        QTest::newRow("ids not an array") << R"({"command":"listDeadLetters","ids":"$DLQ/a/b#1"})"_ba;
        QTest::newRow("bad target") << R"({"command":"replayDeadLetters","requestId":"x","target":"moon"})"_ba;
        QTest::newRow("topic target without topic") << R"({"command":"replayDeadLetters","requestId":"x","target":"topic"})"_ba;
        QTest::newRow("edit of many") << R"({"command":"replayDeadLetters","requestId":"x","group":"payment","edit":{"payload":"p"}})"_ba;
        QTest::newRow("bad topic filter") << R"({"command":"listDeadLetters","topic":"a/#/b"})"_ba;
        QTest::newRow("bad state") << R"({"command":"listDeadLetters","state":"zombie"})"_ba;
        QTest::newRow("purge without selection") << R"({"command":"purgeDeadLetters"})"_ba;
        QTest::newRow("bad after") << R"({"command":"listDeadLetters","after":"nope"})"_ba;
    }
    void malformedRequestsGetErrors()
    {
        QFETCH(QByteArray, request);
        BS_CALL(m_admin->error(request, u"bad-request"_s));
        BS_CALL(expectAlive(*m_adminClient, "after-bad-dlq-request"_ba));
    }

private:
    /// Publishes an order; audit acknowledges it; payment answers PUBACK 0x83 (dead letter).
    void orderRefusedByPayment(const QByteArray& topic, const QByteArray& payload)
    {
        BS_CALL(publish(*m_publisher, {.topic = topic, .payload = payload, .qos = 1, .packetId = m_nextId++}));
        Packet audit;
        BS_CALL(expectPublish(*m_audit, topic, payload, 1, &audit));
        BS_CALL(acknowledge(*m_audit, audit));
        Packet payment;
        BS_CALL(expectPublish(*m_payment, topic, payload, 1, &payment));
        QVERIFY(m_payment->send(m_payment->packets().puback(payment.packetId, 0x83)));
        BS_CALL(sync(*m_payment));
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
    std::unique_ptr<RawClient> m_adminClient;
    std::unique_ptr<AdminCaller> m_admin;
    std::unique_ptr<RawClient> m_payment;
    std::unique_ptr<RawClient> m_audit;
    std::unique_ptr<RawClient> m_publisher;
    quint16 m_nextId = 1;
};

QTEST_GUILESS_MAIN(DeadLetterReplay)
#include "tst_dead_letter_replay.moc"
