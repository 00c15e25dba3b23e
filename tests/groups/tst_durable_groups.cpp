// Groups through the admin API (issue 5): a durable group created without members keeps
// accumulating its filters' messages (the producer and the consumer need not be up at the
// same time); a new group starts at the log end or, when asked, at the earliest kept
// offset; per-group limits; delete; a group made by members ends with their sessions;
// persistent sessions' plain subscriptions are shown as a group of one.

#include "raw/AdminCall.h"
#include "raw/Expect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class DurableGroups : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
        if (m_broker->isMosquitto())
            QSKIP("durable groups are our engine's");
        m_adminClient = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_adminClient, "admin"_ba));
        BS_CALL(subscribe(*m_adminClient, kAdminReplies, subscriptionOptions(1)));
        m_admin = std::make_unique<AdminCaller>(*m_adminClient);
        m_publisher = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_publisher, "shop"_ba));
    }
    void cleanup()
    {
        m_admin.reset();
        m_publisher.reset();
        m_adminClient.reset();
        m_broker.reset();
    }

    void durableGroupAccumulatesWithoutMembers()
    {
        BS_CALL(publishOrders("orders/eu"_ba, {"before"_ba})); // before the group: not owed
        QJsonObject group;
        BS_CALL(m_admin->result(R"({"command":"createGroup","group":"warehouse","filter":"orders/#"})", &group));
        QCOMPARE(group.value(u"kind"_s).toString(), u"durable"_s);
        QCOMPARE(group.value(u"lag"_s).toInt(), 0);
        BS_CALL(publishOrders("orders/eu"_ba, {"o1"_ba, "o2"_ba}));
        BS_CALL(publishOrders("orders/us"_ba, {"o3"_ba}));
        BS_CALL(groupNamed("warehouse", &group));
        QCOMPARE(group.value(u"lag"_s).toInt(), 3);
        QVERIFY(group.value(u"lagSeconds"_s).toDouble() >= 0.0);
        QCOMPARE(group.value(u"members"_s).toArray().size(), 0);

        // A member comes later and gets the backlog.
        RawClient worker(port());
        BS_CALL(connectClient(worker, "worker"_ba));
        BS_CALL(subscribe(worker, "$share/warehouse/orders/#"_ba, subscriptionOptions(1)));
        QSet<QByteArray> received;
        for (int i = 0; i < 3; ++i) {
            Packet packet;
            BS_CALL(expectPacket(worker, PacketType::Publish, &packet));
            received.insert(packet.payload);
            BS_CALL(acknowledge(worker, packet));
        }
        QCOMPARE(received, (QSet<QByteArray>{"o1"_ba, "o2"_ba, "o3"_ba}));
        BS_CALL(sync(worker));
        BS_CALL(groupNamed("warehouse", &group));
        QCOMPARE(group.value(u"lag"_s).toInt(), 0);
        const QJsonObject member = group.value(u"members"_s).toArray()[0].toObject();
        QCOMPARE(member.value(u"clientId"_s).toString(), u"worker"_s);
        QCOMPARE(member.value(u"delivered"_s).toInt(), 3);
        QCOMPARE(member.value(u"acknowledged"_s).toInt(), 3);
        QCOMPARE(member.value(u"inflight"_s).toInt(), 0);
        // Per topic: offsets, lag and counters (rates come with the live stats' ticks).
        for (const QJsonValue& value : group.value(u"topics"_s).toArray()) {
            const QJsonObject topic = value.toObject();
            const int expected = topic.value(u"topic"_s).toString() == u"orders/eu"_s ? 2 : 1;
            QCOMPARE(topic.value(u"delivered"_s).toInt(), expected);
            QCOMPARE(topic.value(u"acknowledged"_s).toInt(), expected);
            QCOMPARE(topic.value(u"lag"_s).toInt(), 0);
            QCOMPARE(topic.value(u"lagSeconds"_s).toDouble(), 0.0);
            QVERIFY(topic.contains(u"acknowledgedPerSecond"_s));
        }

        // Durable: the member leaving does not end it.
        worker.abort();
        BS_CALL(publishOrders("orders/eu"_ba, {"o4"_ba}));
        BS_CALL(groupNamed("warehouse", &group));
        QCOMPARE(group.value(u"lag"_s).toInt(), 1);
    }

    void earliestStartsAtTheOldestKeptMessage()
    {
        BS_CALL(publishOrders("orders/eu"_ba, {"h1"_ba, "h2"_ba}));
        QJsonObject group;
        BS_CALL(m_admin->result(R"({"command":"createGroup","group":"replayer","filters":["orders/#"],"start":"earliest"})", &group));
        QCOMPARE(group.value(u"lag"_s).toInt(), 2);
        QCOMPARE(group.value(u"topics"_s).toArray()[0].toObject().value(u"committed"_s).toInt(), 0);
    }

    void perGroupLimits()
    {
        QJsonObject group;
        BS_CALL(m_admin->result(R"({"command":"createGroup","group":"bounded","filter":"orders/#","maxLag":2})", &group));
        QCOMPARE(group.value(u"maxLag"_s).toInt(), 2);
        BS_CALL(publishOrders("orders/eu"_ba, {"a"_ba, "b"_ba, "c"_ba}));
        BS_CALL(groupNamed("bounded", &group));
        QCOMPARE(group.value(u"lag"_s).toInt(), 2);
        QCOMPARE(group.value(u"deadLetters"_s).toInt(), 1); // the oldest, as maxlen
        QJsonObject letters;
        BS_CALL(m_admin->result(R"({"command":"listDeadLetters","group":"bounded"})", &letters));
        QCOMPARE(letters.value(u"letters"_s).toArray()[0].toObject().value(u"reason"_s).toString(), u"maxlen"_s);
        QCOMPARE(letters.value(u"letters"_s).toArray()[0].toObject().value(u"preview"_s).toString(), u"a"_s);

        BS_CALL(m_admin->result(R"({"command":"configureGroup","group":"bounded","maxLag":0,"maxDeliveries":2})", &group));
        QCOMPARE(group.value(u"maxDeliveries"_s).toInt(), 2);
        BS_CALL(publishOrders("orders/eu"_ba, {"d"_ba}));
        BS_CALL(groupNamed("bounded", &group));
        QCOMPARE(group.value(u"lag"_s).toInt(), 3); // no limit any more
    }

    void deleteGroup()
    {
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"createGroup","group":"temp","filter":"orders/#"})", &result));
        RawClient member(port());
        BS_CALL(connectClient(member, "member"_ba));
        BS_CALL(subscribe(member, "$share/temp/orders/#"_ba, subscriptionOptions(1)));
        BS_CALL(m_admin->error(R"({"command":"deleteGroup","group":"temp"})", u"conflict"_s));
        member.abort();
        BS_CALL(sync(*m_publisher)); // the disconnect has been handled (a connection's own order)
        QTRY_VERIFY_WITH_TIMEOUT(memberDisconnected("temp"), 5000);
        BS_CALL(m_admin->result(R"({"command":"deleteGroup","group":"temp"})", &result));
        QCOMPARE(result.value(u"deleted"_s).toBool(), true);
        BS_CALL(m_admin->error(R"({"command":"deleteGroup","group":"temp"})", u"not-found"_s));
        BS_CALL(publishOrders("orders/eu"_ba, {"after"_ba}));
        QJsonObject group;
        BS_CALL(groupNamed("temp", &group));
        QVERIFY(group.isEmpty()); // no filter of its own any more; its member's session ended
    }

    // A group made by members lives while one of their sessions does.
    void memberGroupEndsWithItsLastSession()
    {
        RawClient member(port());
        BS_CALL(connectClient(member, "short-lived"_ba));
        BS_CALL(subscribe(member, "$share/adhoc/orders/#"_ba, subscriptionOptions(1)));
        BS_CALL(publishOrders("orders/eu"_ba, {"x"_ba}));
        QJsonObject group;
        BS_CALL(groupNamed("adhoc", &group));
        QCOMPARE(group.value(u"kind"_s).toString(), u"shared"_s);
        QCOMPARE(group.value(u"filters"_s).toArray()[0].toString(), u"orders/#"_s);
        member.abort(); // session expiry 0: the session ends with the connection
        QTRY_VERIFY_WITH_TIMEOUT(groupGone("adhoc"), 5000);
    }

    // Issue 5: a persistent session's plain subscriptions, as a group of one.
    void persistentSessionIsAGroupOfOne()
    {
        ConnectOptions options{.clientId = "dashboard"_ba, .cleanStart = true};
        options.properties.add(prop::SessionExpiryInterval, 600);
        {
            RawClient dashboard(port());
            BS_CALL(connectClient(dashboard, options));
            BS_CALL(subscribe(dashboard, "orders/#"_ba, subscriptionOptions(1)));
            BS_CALL(sync(dashboard));
        }
        BS_CALL(publishOrders("orders/eu"_ba, {"q1"_ba, "q2"_ba}));
        QJsonObject group;
        QTRY_VERIFY_WITH_TIMEOUT((groupNamed("dashboard", &group), group.value(u"lag"_s).toInt() == 2), 5000);
        QCOMPARE(group.value(u"kind"_s).toString(), u"session"_s);
        QCOMPARE(group.value(u"filters"_s).toArray()[0].toString(), u"orders/#"_s);
        QCOMPARE(group.value(u"members"_s).toArray()[0].toObject().value(u"connected"_s).toBool(), false);
    }

    void malformedRequestsGetErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("code");
        QTest::newRow("no group") << R"({"command":"createGroup","filter":"a"})"_ba << u"bad-request"_s;
        QTest::newRow("slash in name") << R"({"command":"createGroup","group":"a/b","filter":"a"})"_ba << u"bad-request"_s;
        QTest::newRow("no filter") << R"({"command":"createGroup","group":"g"})"_ba << u"bad-request"_s;
        QTest::newRow("bad filter") << R"({"command":"createGroup","group":"g","filter":"a/#/b"})"_ba << u"bad-request"_s;
        QTest::newRow("bad start") << R"({"command":"createGroup","group":"g","filter":"a","start":"yesterday"})"_ba << u"bad-request"_s;
        QTest::newRow("negative limit") << R"({"command":"createGroup","group":"g","filter":"a","maxLag":-3})"_ba << u"bad-request"_s;
        QTest::newRow("configure unknown") << R"({"command":"configureGroup","group":"ghost"})"_ba << u"not-found"_s;
        QTest::newRow("delete unknown") << R"({"command":"deleteGroup","group":"ghost"})"_ba << u"not-found"_s;
    }
    void malformedRequestsGetErrors()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, code);
        BS_CALL(m_admin->error(request, code));
        BS_CALL(expectAlive(*m_adminClient, "after-bad-group-request"_ba));
    }

    void createTwiceIsAConflict()
    {
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"createGroup","group":"once","filter":"a"})", &result));
        BS_CALL(m_admin->error(R"({"command":"createGroup","group":"once","filter":"a"})", u"exists"_s));
    }

private:
    void publishOrders(const QByteArray& topic, const QList<QByteArray>& payloads)
    {
        for (const QByteArray& payload : payloads)
            BS_CALL(publish(*m_publisher, {.topic = topic, .payload = payload, .qos = 1, .packetId = m_nextId++}));
    }

    /// The group's listing; empty when there is no such group.
    void groupNamed(const char* name, QJsonObject* group)
    {
        *group = {};
        QJsonObject result;
        BS_CALL(m_admin->result(R"({"command":"listGroups"})", &result));
        for (const QJsonValue& value : result.value(u"groups"_s).toArray()) {
            if (value.toObject().value(u"group"_s).toString() == QLatin1String(name))
                *group = value.toObject();
        }
    }
    bool groupGone(const char* name)
    {
        QJsonObject group;
        groupNamed(name, &group);
        return !QTest::currentTestFailed() && group.isEmpty();
    }
    bool memberDisconnected(const char* name)
    {
        QJsonObject group;
        groupNamed(name, &group);
        for (const QJsonValue& member : group.value(u"members"_s).toArray()) {
            if (member.toObject().value(u"connected"_s).toBool())
                return false;
        }
        return !QTest::currentTestFailed();
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
    std::unique_ptr<RawClient> m_adminClient;
    std::unique_ptr<AdminCaller> m_admin;
    std::unique_ptr<RawClient> m_publisher;
    quint16 m_nextId = 1;
};

QTEST_GUILESS_MAIN(DurableGroups)
#include "tst_durable_groups.moc"
