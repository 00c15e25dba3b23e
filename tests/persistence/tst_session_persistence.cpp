// Sessions across a restart of the daemon, graceful (SIGTERM) and crashed (SIGKILL): what
// MQTT keeps for a persistent session (§4.1) — subscriptions, QoS 1/2 messages queued
// while it is offline, messages in flight (re-sent with DUP and the same packet id,
// §4.4), QoS 2 state on both sides (§4.3.3) — and retained messages (§3.3.1.3) must be
// there after the broker comes back. Sessions with expiry 0 and ended sessions must not.
// A torn journal tail is cut off with a log line, and the rest is kept. Wills pending at a
// crash are published after the restart (§3.1.2.5), once.

#include "peers/BrokerProcess.h"
#include "raw/AdminCall.h"
#include "raw/Expect.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace bs::raw;
using namespace bs::peers;
using namespace Qt::StringLiterals;

class SessionPersistence : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_dataDir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dataDir->isValid());
        BS_CALL(startDaemon(0));
    }
    void cleanup()
    {
        if (m_daemon)
            m_daemon->stop();
        m_daemon.reset();
        m_dataDir.reset();
    }

private:
    static void restartRows()
    {
        QTest::addColumn<bool>("crash");
        QTest::newRow("SIGTERM") << false;
        QTest::newRow("SIGKILL") << true;
    }

private slots:
    // §4.1: the session and its subscriptions outlive the broker; QoS 1/2 messages that
    // arrived while it was offline are delivered after the restart, in order (§4.6).
    void queuedMessagesSurvive_data() { restartRows(); }
    void queuedMessagesSurvive()
    {
        QFETCH(bool, crash);
        BS_CALL(subscribeAndLeave("offline"_ba, "q/#"_ba, 2));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 1; i <= 20; ++i)
            BS_CALL(publish(publisher, {.topic = "q/" + QByteArray::number(i % 3), .payload = "m" + QByteArray::number(i), .qos = 1 + i % 2, .packetId = i}));
        publisher.abort();
        BS_CALL(restart(crash));

        RawClient subscriber(port());
        Packet connack;
        BS_CALL(connectClient(subscriber, persistent("offline"_ba), &connack));
        QVERIFY(connack.sessionPresent);
        // Acknowledge as they come; PUBRELs for the QoS 2 ones interleave with PUBLISHes.
        QByteArrayList payloads;
        int pubrels = 0;
        while (payloads.size() < 20 || pubrels < 10) {
            const std::optional<Packet> packet = subscriber.readPacket();
            QVERIFY2(packet, "a queued message is missing");
            if (packet->is(PacketType::Pubrel)) {
                QVERIFY(subscriber.send(subscriber.packets().pubcomp(packet->packetId)));
                ++pubrels;
                continue;
            }
            QVERIFY2(packet->is(PacketType::Publish), qPrintable(packet->describe()));
            const quint16 i = quint16(payloads.size() + 1);
            QCOMPARE(packet->topic, "q/" + QByteArray::number(i % 3));
            QCOMPARE(packet->qos, 1 + i % 2);
            payloads.append(packet->payload);
            QVERIFY(subscriber.send(packet->qos == 1 ? subscriber.packets().puback(packet->packetId)
                                                     : subscriber.packets().pubrec(packet->packetId)));
        }
        for (int i = 0; i < 20; ++i)
            QCOMPARE(payloads[i], "m" + QByteArray::number(i + 1)); // in order (§4.6)
        // The subscription itself survived: a new message is routed to the session.
        RawClient late(port());
        BS_CALL(connectClient(late, "late"_ba));
        BS_CALL(publish(late, {.topic = "q/x"_ba, .payload = "after"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(expectPublish(subscriber, "q/x"_ba, "after"_ba, 1));
        QVERIFY(m_daemon->log().contains(u"restored 1 sessions"_s));
    }

    // §4.4: a PUBLISH that was sent but not acknowledged is re-sent with DUP=1 and the
    // same packet id when the session resumes, even though the broker crashed meanwhile.
    void inflightResentWithDupAfterCrash()
    {
        BS_CALL(subscribeAndLeave("inflight"_ba, "f/#"_ba, 1));
        RawClient subscriber(port());
        BS_CALL(connectClient(subscriber, persistent("inflight"_ba)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "f/1"_ba, .payload = "unacked"_ba, .qos = 1, .packetId = 7}));
        Packet first;
        BS_CALL(expectPublish(subscriber, "f/1"_ba, "unacked"_ba, 1, &first)); // not acknowledged
        QVERIFY(!first.dup);
        BS_CALL(restart(true));

        RawClient again(port());
        BS_CALL(connectClient(again, persistent("inflight"_ba)));
        Packet resent;
        BS_CALL(expectPublish(again, "f/1"_ba, "unacked"_ba, 1, &resent));
        QVERIFY(resent.dup);
        QCOMPARE(resent.packetId, first.packetId);
        QVERIFY(again.send(again.packets().puback(resent.packetId)));
        BS_CALL(sync(again));
        // Acknowledged now: after one more crash it is not delivered again.
        again.abort();
        BS_CALL(restart(true));
        RawClient third(port());
        BS_CALL(connectClient(third, persistent("inflight"_ba)));
        BS_CALL(sync(third));
        QCOMPARE(third.readPacket(300).has_value(), false);
    }

    // §4.3.3: after PUBREC the broker owes PUBREL; a crash does not forget it, and the
    // message is not sent again.
    void qos2ReleaseSurvivesCrash()
    {
        BS_CALL(subscribeAndLeave("q2"_ba, "r/#"_ba, 2));
        RawClient subscriber(port());
        BS_CALL(connectClient(subscriber, persistent("q2"_ba)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "r/1"_ba, .payload = "two"_ba, .qos = 2, .packetId = 3}));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "r/1"_ba, "two"_ba, 2, &delivered));
        QVERIFY(subscriber.send(subscriber.packets().pubrec(delivered.packetId)));
        BS_CALL(expectPacket(subscriber, PacketType::Pubrel));
        BS_CALL(restart(true));

        RawClient again(port());
        BS_CALL(connectClient(again, persistent("q2"_ba)));
        Packet pubrel;
        BS_CALL(expectPacket(again, PacketType::Pubrel, &pubrel));
        QCOMPARE(pubrel.packetId, delivered.packetId);
        QVERIFY(again.send(again.packets().pubcomp(pubrel.packetId)));
        BS_CALL(sync(again)); // and no PUBLISH of "two" again
    }

    // §4.3.3 (method B): an inbound QoS 2 message is routed once. If the broker crashes
    // after PUBREC, the publisher's re-sent PUBLISH (DUP) is acknowledged but not routed
    // again, and its PUBREL completes with Success.
    void inboundQos2NotRoutedTwice()
    {
        BS_CALL(subscribeAndLeave("watcher"_ba, "in/#"_ba, 2));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, persistent("qos2-pub"_ba)));
        QVERIFY(publisher.send(publisher.packets().publish({.topic = "in/1"_ba, .payload = "once"_ba, .qos = 2, .packetId = 9})));
        BS_CALL(expectPacket(publisher, PacketType::Pubrec));
        BS_CALL(restart(true));

        RawClient again(port());
        BS_CALL(connectClient(again, persistent("qos2-pub"_ba)));
        QVERIFY(again.send(again.packets().publish({.topic = "in/1"_ba, .payload = "once"_ba, .qos = 2, .packetId = 9, .dup = true})));
        BS_CALL(expectPacket(again, PacketType::Pubrec));
        QVERIFY(again.send(again.packets().pubrel(9)));
        Packet pubcomp;
        BS_CALL(expectPacket(again, PacketType::Pubcomp, &pubcomp));
        QCOMPARE(pubcomp.reasonCode, quint8(0));

        RawClient watcher(port());
        BS_CALL(connectClient(watcher, persistent("watcher"_ba)));
        Packet delivered;
        BS_CALL(expectPublish(watcher, "in/1"_ba, "once"_ba, 2, &delivered));
        BS_CALL(acknowledge(watcher, delivered));
        BS_CALL(sync(watcher)); // exactly one copy
    }

    // §3.3.1.3: retained messages survive; a cleared one stays cleared.
    void retainedSurvive_data() { restartRows(); }
    void retainedSurvive()
    {
        QFETCH(bool, crash);
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "ret/kept"_ba, .payload = "v1"_ba, .qos = 1, .packetId = 1, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "ret/kept"_ba, .payload = "v2"_ba, .qos = 1, .packetId = 2, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "ret/cleared"_ba, .payload = "x"_ba, .qos = 1, .packetId = 3, .retain = true}));
        BS_CALL(publish(publisher, {.topic = "ret/cleared"_ba, .payload = {}, .qos = 1, .packetId = 4, .retain = true}));
        BS_CALL(restart(crash));

        RawClient subscriber(port());
        BS_CALL(connectClient(subscriber, "reader"_ba));
        BS_CALL(subscribe(subscriber, "ret/#"_ba, subscriptionOptions(1)));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "ret/kept"_ba, "v2"_ba, 1, &delivered));
        QVERIFY(delivered.retain);
        BS_CALL(acknowledge(subscriber, delivered));
        BS_CALL(sync(subscriber)); // nothing for ret/cleared
    }

    // §3.1.2.11.2: a session with expiry 0 ends with its connection, and a session ended
    // by clean start is gone; neither comes back after a restart.
    void endedSessionsStayEnded()
    {
        {
            RawClient shortLived(port());
            ConnectOptions options{.clientId = "short"_ba, .cleanStart = false};
            BS_CALL(connectClient(shortLived, options));
            BS_CALL(subscribe(shortLived, "s/#"_ba, subscriptionOptions(1)));
        }
        BS_CALL(subscribeAndLeave("cleaned"_ba, "c/#"_ba, 1));
        {
            RawClient cleaner(port());
            ConnectOptions options{.clientId = "cleaned"_ba, .cleanStart = true};
            BS_CALL(connectClient(cleaner, options));
            QVERIFY(cleaner.send(cleaner.packets().disconnect()));
            QVERIFY(cleaner.waitClosed());
        }
        BS_CALL(restart(true));
        QVERIFY2(m_daemon->log().contains(u"restored 0 sessions"_s), qPrintable(m_daemon->log()));
        RawClient back(port());
        Packet connack;
        BS_CALL(connectClient(back, persistent("cleaned"_ba), &connack));
        QVERIFY(!connack.sessionPresent);
    }

    // Issue 5: a consumer group's committed offset survives a crash. What the group
    // acknowledged is not handed out again; what it had not is (at least once), then the
    // backlog, in order.
    void groupOffsetsSurviveCrash()
    {
        BS_CALL(subscribeAndLeave("worker"_ba, "$share/jobs/work/#"_ba, 1));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 1; i <= 5; ++i)
            BS_CALL(publish(publisher, {.topic = "work/a"_ba, .payload = "job" + QByteArray::number(i), .qos = 1, .packetId = i}));
        {
            ConnectOptions oneAtATime = persistent("worker"_ba);
            oneAtATime.properties.add(prop::ReceiveMaximum, 1);
            RawClient worker(port());
            BS_CALL(connectClient(worker, oneAtATime));
            for (int i = 1; i <= 2; ++i) {
                Packet delivered;
                BS_CALL(expectPublish(worker, "work/a"_ba, "job" + QByteArray::number(i), 1, &delivered));
                BS_CALL(acknowledge(worker, delivered));
            }
            Packet third;
            BS_CALL(expectPublish(worker, "work/a"_ba, "job3"_ba, 1, &third)); // in flight at the crash
            BS_CALL(sync(publisher)); // the acknowledgements above were handled
        }
        BS_CALL(restart(true));
        RawClient worker(port());
        BS_CALL(connectClient(worker, persistent("worker"_ba)));
        for (int i = 3; i <= 5; ++i) {
            Packet delivered;
            BS_CALL(expectPublish(worker, "work/a"_ba, "job" + QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(worker, delivered));
        }
        BS_CALL(sync(worker)); // job1 and job2 were committed: not again
    }

    // Issue 5: dead letters are durable — after a crash the admin API still reads the
    // letter, with why it died, from $DLQ/<group>/<topic>.
    void deadLettersSurviveCrash()
    {
        RawClient member(port());
        BS_CALL(connectClient(member, "member"_ba));
        BS_CALL(subscribe(member, "$share/pay/payments"_ba, subscriptionOptions(1)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "payments"_ba, .payload = "refused"_ba, .qos = 1, .packetId = 1}));
        Packet delivered;
        BS_CALL(expectPublish(member, "payments"_ba, "refused"_ba, 1, &delivered));
        QVERIFY(member.send(member.packets().puback(delivered.packetId, 0x83))); // implementation specific error
        BS_CALL(sync(member));
        BS_CALL(sync(publisher));
        BS_CALL(restart(true));

        RawClient admin(port());
        BS_CALL(connectClient(admin, "admin"_ba));
        BS_CALL(subscribe(admin, "replies"_ba, subscriptionOptions(1)));
        Properties properties;
        properties.add(prop::ResponseTopic, "replies"_ba);
        BS_CALL(publish(admin, {.topic = "$CONTROL/brokerscope/v1"_ba,
                                .payload = R"({"command":"browseTopic","topic":"$DLQ/pay/payments"})"_ba,
                                .qos = 1, .packetId = 1, .properties = properties}));
        Packet reply;
        BS_CALL(expectPacket(admin, PacketType::Publish, &reply));
        QVERIFY2(reply.payload.contains(R"("payload":"refused")"), reply.payload.constData());
        QVERIFY2(reply.payload.contains(R"({"name":"dlq-reason","value":"rejected"})"), reply.payload.constData());
        QVERIFY2(reply.payload.contains(R"({"name":"dlq-reason-code","value":"0x83"})"), reply.payload.constData());
    }

    // Issue 5: a durable group made through the admin API, its limits, and what happened to
    // dead letters (replayed, purged) survive a crash; the group keeps accumulating after it.
    void durableGroupsAndLetterMarksSurviveCrash()
    {
        {
            RawClient adminClient(port());
            BS_CALL(connectClient(adminClient, "admin"_ba));
            BS_CALL(subscribe(adminClient, kAdminReplies, subscriptionOptions(1)));
            AdminCaller admin(adminClient);
            QJsonObject result;
            BS_CALL(admin.result(R"({"command":"createGroup","group":"ledger","filter":"pay/#","maxDeliveries":3})", &result));
            RawClient publisher(port());
            BS_CALL(connectClient(publisher, "pub"_ba));
            for (quint16 i = 1; i <= 3; ++i)
                BS_CALL(publish(publisher, {.topic = "$DLQ/ledger/pay/in"_ba, .payload = "bad" + QByteArray::number(i), .qos = 1, .packetId = i}));
            BS_CALL(publish(publisher, {.topic = "pay/in"_ba, .payload = "p1"_ba, .qos = 1, .packetId = 9}));
            BS_CALL(admin.result(R"({"command":"replayDeadLetters","requestId":"before-crash","ids":["$DLQ/ledger/pay/in#0"]})", &result));
            QCOMPARE(result.value(u"replayed"_s).toInt(), 1);
            BS_CALL(admin.result(R"({"command":"purgeDeadLetters","ids":["$DLQ/ledger/pay/in#1"]})", &result));
            QCOMPARE(result.value(u"purged"_s).toInt(), 1);
        }
        BS_CALL(restart(true));
        RawClient adminClient(port());
        BS_CALL(connectClient(adminClient, "admin"_ba));
        BS_CALL(subscribe(adminClient, kAdminReplies, subscriptionOptions(1)));
        AdminCaller admin(adminClient);
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "pay/in"_ba, .payload = "p2"_ba, .qos = 1, .packetId = 1}));
        QJsonObject result;
        BS_CALL(admin.result(R"({"command":"listGroups","sessions":false})", &result));
        const QJsonObject group = result.value(u"groups"_s).toArray()[0].toObject();
        QCOMPARE(group.value(u"group"_s).toString(), u"ledger"_s);
        QCOMPARE(group.value(u"kind"_s).toString(), u"durable"_s);
        QCOMPARE(group.value(u"maxDeliveries"_s).toInt(), 3);
        QCOMPARE(group.value(u"lag"_s).toInt(), 3); // p1, the replayed letter, p2

        BS_CALL(admin.result(R"({"command":"listDeadLetters"})", &result));
        QCOMPARE(result.value(u"total"_s).toInt(), 2); // #1 was purged
        const QJsonArray letters = result.value(u"letters"_s).toArray();
        QCOMPARE(letters[0].toObject().value(u"replayed"_s).toBool(), true);
        QCOMPARE(letters[1].toObject().value(u"replayed"_s).toBool(), false);
        // The request id is remembered too: a retry after the crash replays nothing.
        BS_CALL(admin.result(R"({"command":"replayDeadLetters","requestId":"before-crash","ids":["$DLQ/ledger/pay/in#0"]})", &result));
        QCOMPARE(result.value(u"skippedAlreadyReplayed"_s).toInt(), 1);
    }

    // A SUBACK to a persistent session is a promise: it is sent only once the subscription
    // is journaled, so a crash right after it cannot lose the subscription (nor an UNSUBACK
    // bring a dropped subscription back).
    void subackMeansJournaled()
    {
        {
            RawClient client(port());
            BS_CALL(connectClient(client, persistent("promised"_ba)));
            BS_CALL(subscribe(client, "kept/#"_ba, subscriptionOptions(1)));
            BS_CALL(subscribe(client, "dropped/#"_ba, subscriptionOptions(1), 2));
            QVERIFY(client.send(client.packets().unsubscribe(3, {"dropped/#"_ba})));
            BS_CALL(expectPacket(client, PacketType::Unsuback));
            BS_CALL(restart(true)); // SIGKILL right after the UNSUBACK
        }
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        BS_CALL(publish(publisher, {.topic = "kept/a"_ba, .payload = "yes"_ba, .qos = 1, .packetId = 1}));
        BS_CALL(publish(publisher, {.topic = "dropped/a"_ba, .payload = "no"_ba, .qos = 1, .packetId = 2}));
        RawClient client(port());
        BS_CALL(connectClient(client, persistent("promised"_ba)));
        BS_CALL(expectPublish(client, "kept/a"_ba, "yes"_ba, 1));
        BS_CALL(expectAlive(client, "after-promised"_ba)); // and nothing from dropped/#
    }

    // §3.1.2.5: a will is published once its connection closes without a normal
    // DISCONNECT — and a crash closes every connection. After the restart: the will of a
    // client whose session ended with the crash goes out at once; a persistent session's
    // delayed will goes out after its delay unless the client is back first. A will that
    // DISCONNECT discarded, or that was already published before the crash, is not sent.
    void willsPendingAtACrashArePublishedAfterRestart()
    {
        BS_CALL(subscribeAndLeave("watcher"_ba, "status/#"_ba, 1));
        RawClient probe(port());
        BS_CALL(connectClient(probe, "probe"_ba));
        BS_CALL(subscribe(probe, "status/earlier"_ba, subscriptionOptions(0)));

        RawClient sensor(port()); // session ends with its connection
        BS_CALL(connectClient(sensor, {.clientId = "sensor"_ba,
                                       .will = Will{.topic = "status/sensor"_ba, .payload = "offline"_ba, .qos = 1}}));
        RawClient gateway(port()); // persistent, will delay 1 s, does not come back
        ConnectOptions gatewayOptions = persistent("gateway"_ba);
        gatewayOptions.will = Will{.topic = "status/gateway"_ba, .payload = "gone"_ba, .qos = 1};
        gatewayOptions.will->properties.add(prop::WillDelayInterval, 1);
        BS_CALL(connectClient(gateway, gatewayOptions));
        RawClient phone(port()); // persistent, will delay 60 s, comes back in time
        ConnectOptions phoneOptions = persistent("phone"_ba);
        phoneOptions.will = Will{.topic = "status/phone"_ba, .payload = "lost"_ba, .qos = 1};
        phoneOptions.will->properties.add(prop::WillDelayInterval, 60);
        BS_CALL(connectClient(phone, phoneOptions));
        {
            RawClient polite(port()); // its will is discarded by DISCONNECT
            BS_CALL(connectClient(polite, {.clientId = "polite"_ba,
                                           .will = Will{.topic = "status/polite"_ba, .payload = "x"_ba, .qos = 1}}));
            QVERIFY(polite.send(polite.packets().disconnect(0x00)));
            QVERIFY(polite.waitClosed());
        }
        RawClient earlier(port()); // vanishes before the crash: its will goes out then, once
        BS_CALL(connectClient(earlier, {.clientId = "earlier"_ba,
                                        .will = Will{.topic = "status/earlier"_ba, .payload = "bye"_ba, .qos = 1}}));
        earlier.abort();
        BS_CALL(expectPublish(probe, "status/earlier"_ba, "bye"_ba, 0));

        BS_CALL(restart(true));
        QVERIFY2(m_daemon->log().contains(
                     u"3 wills of clients connected when the broker stopped: 1 published, 2 waiting"_s),
                 qPrintable(m_daemon->log()));
        RawClient phoneBack(port());
        BS_CALL(connectClient(phoneBack, persistent("phone"_ba)));
        RawClient watcher(port());
        BS_CALL(connectClient(watcher, persistent("watcher"_ba)));
        Packet delivered;
        BS_CALL(expectPublish(watcher, "status/earlier"_ba, "bye"_ba, 1, &delivered)); // queued before
        BS_CALL(acknowledge(watcher, delivered));
        BS_CALL(expectPublish(watcher, "status/sensor"_ba, "offline"_ba, 1, &delivered));
        BS_CALL(acknowledge(watcher, delivered));
        BS_CALL(expectPublish(watcher, "status/gateway"_ba, "gone"_ba, 1, &delivered)); // after 1 s
        BS_CALL(acknowledge(watcher, delivered));
        BS_CALL(sync(watcher)); // neither the phone's, the polite client's, nor a second "earlier"

        // Published wills are journaled as gone: another crash sends none of them again.
        BS_CALL(restart(true));
        QVERIFY2(!m_daemon->log().contains(u"wills of clients connected"_s), qPrintable(m_daemon->log()));
    }

    // A crash in the middle of a journal write leaves a torn record at its end: it is cut
    // off (with a log line naming the file) and everything before it is restored.
    void tornJournalTailIsCutOff()
    {
        BS_CALL(subscribeAndLeave("torn"_ba, "t/#"_ba, 1));
        QVERIFY2(m_daemon->stop(), "the daemon did not stop cleanly");
        QFile journal(QDir(m_dataDir->path()).filePath(u"state/sessions.journal"_s));
        QVERIFY(journal.open(QIODevice::Append));
        journal.write(QByteArray::fromHex("0000004000112233445566")); // announces 64 bytes, has 3
        journal.close();
        BS_CALL(startDaemon(m_port));
        QTRY_VERIFY_WITH_TIMEOUT(m_daemon->log().contains(u"sessions.journal: truncated 11 bytes"_s), 5000);
        RawClient back(port());
        Packet connack;
        BS_CALL(connectClient(back, persistent("torn"_ba), &connack));
        QVERIFY(connack.sessionPresent);
    }

    // The journal is compacted at start: thousands of deliveries that were acknowledged
    // leave a snapshot of the live state only.
    void journalIsCompacted()
    {
        BS_CALL(subscribeAndLeave("busy"_ba, "b/#"_ba, 1));
        RawClient subscriber(port());
        BS_CALL(connectClient(subscriber, persistent("busy"_ba)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (int i = 0; i < 2000; ++i) {
            BS_CALL(publish(publisher, {.topic = "b/1"_ba, .payload = QByteArray(100, 'x'), .qos = 1, .packetId = quint16(i % 60000 + 1)}));
            Packet delivered;
            BS_CALL(expectPublish(subscriber, "b/1"_ba, QByteArray(100, 'x'), 1, &delivered));
            BS_CALL(acknowledge(subscriber, delivered));
        }
        BS_CALL(sync(subscriber));
        const QString path = QDir(m_dataDir->path()).filePath(u"state/sessions.journal"_s);
        QVERIFY(QFileInfo(path).size() > 20'000); // a record or two per delivery
        BS_CALL(restart(true));
        QVERIFY2(QFileInfo(path).size() < 1'000, qPrintable(QString::number(QFileInfo(path).size())));
    }

private:
    static ConnectOptions persistent(const QByteArray& clientId)
    {
        ConnectOptions options{.clientId = clientId, .cleanStart = false};
        options.properties.add(prop::SessionExpiryInterval, 3600);
        return options;
    }

    /// A persistent session subscribes to filter, then disconnects normally.
    void subscribeAndLeave(const QByteArray& clientId, const QByteArray& filter, int qos)
    {
        RawClient client(port());
        BS_CALL(connectClient(client, persistent(clientId)));
        BS_CALL(subscribe(client, filter, subscriptionOptions(qos)));
        QVERIFY(client.send(client.packets().disconnect()));
        QVERIFY(client.waitClosed());
    }

    void startDaemon(quint16 fixedPort)
    {
        BrokerOptions options;
        options.dataDirectory = m_dataDir->path();
        options.port = fixedPort;
        m_daemon = BrokerProcess::create(ServerKind::Brokerscope, options);
        QVERIFY2(m_daemon->start(), qPrintable(m_daemon->errorString()));
        m_port = m_daemon->port();
    }

    /// Stops the daemon (SIGKILL when crash) and starts it again on the same data
    /// directory and port.
    void restart(bool crash)
    {
        if (crash)
            m_daemon->stopWithSignal(SIGKILL);
        else
            QVERIFY(m_daemon->stop());
        BS_CALL(startDaemon(m_port));
    }

    quint16 port() const { return m_port; }

    std::unique_ptr<QTemporaryDir> m_dataDir;
    std::unique_ptr<BrokerProcess> m_daemon;
    quint16 m_port = 0;
};

QTEST_GUILESS_MAIN(SessionPersistence)
#include "tst_session_persistence.moc"
