// The admin API (issue 5): MQTT 5 request/response on $CONTROL/brokerscope/v1 with JSON
// bodies — answers on the request's Response Topic with its Correlation Data (§4.10).
// Every command, and what malformed or forbidden requests get: a JSON error with a code,
// and a broker that goes on serving.

#include "raw/AdminCall.h"
#include "raw/Expect.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class AdminApi : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
        if (m_broker->isMosquitto())
            QSKIP("the admin API is our engine's");
        m_admin = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_admin, "admin"_ba));
        BS_CALL(subscribe(*m_admin, "admin/replies"_ba, subscriptionOptions(1)));
    }
    void cleanup()
    {
        m_admin.reset();
        m_broker.reset();
    }

    void statsAnswersWithTheCorrelationData()
    {
        QJsonObject reply;
        BS_CALL(call(R"({"command":"stats"})", &reply, "corr-42"_ba));
        QCOMPARE(reply.value(u"command"_s).toString(), u"stats"_s);
        const QJsonObject result = reply.value(u"result"_s).toObject();
        QVERIFY(result.value(u"clientsConnected"_s).toInt() >= 1);
        QVERIFY(result.contains(u"uptimeSeconds"_s));
    }

    void listTopicsAndBrowseALog()
    {
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 0; i < 5; ++i)
            BS_CALL(publish(publisher, {.topic = "shop/orders"_ba, .payload = "order-" + QByteArray::number(i), .qos = 1, .packetId = quint16(i + 1)}));
        BS_CALL(publish(publisher, {.topic = "shop/stock"_ba, .payload = QByteArray("\x00\xff", 2), .qos = 1, .packetId = 9, .retain = true}));

        QJsonObject reply;
        BS_CALL(call(R"({"command":"listTopics"})", &reply));
        const QJsonArray topics = reply.value(u"result"_s).toObject().value(u"topics"_s).toArray();
        QCOMPARE(topics.size(), 2);
        QCOMPARE(topics[0].toObject().value(u"topic"_s).toString(), u"shop/orders"_s);
        QCOMPARE(topics[0].toObject().value(u"messages"_s).toInt(), 5);
        QCOMPARE(topics[1].toObject().value(u"retained"_s).toBool(), true);
        // Pages of a prefix: 'next' is the 'after' of the following page.
        BS_CALL(call(R"({"command":"listTopics","prefix":"shop/","limit":1})", &reply));
        QJsonObject listing = reply.value(u"result"_s).toObject();
        QCOMPARE(listing.value(u"topics"_s).toArray().size(), 1);
        QCOMPARE(listing.value(u"next"_s).toString(), u"shop/orders"_s);
        BS_CALL(call(R"({"command":"listTopics","prefix":"shop/","limit":1,"after":"shop/orders"})", &reply));
        listing = reply.value(u"result"_s).toObject();
        QCOMPARE(listing.value(u"topics"_s).toArray()[0].toObject().value(u"topic"_s).toString(), u"shop/stock"_s);
        QVERIFY(!listing.contains(u"next"_s));
        BS_CALL(call(R"({"command":"listTopics","prefix":"nothing/"})", &reply));
        QCOMPARE(reply.value(u"result"_s).toObject().value(u"count"_s).toInt(), 0);

        // Paged, from an offset.
        BS_CALL(call(R"({"command":"browseTopic","topic":"shop/orders","fromOffset":1,"limit":2})", &reply));
        QJsonObject page = reply.value(u"result"_s).toObject();
        QJsonArray messages = page.value(u"messages"_s).toArray();
        QCOMPARE(messages.size(), 2);
        QCOMPARE(messages[0].toObject().value(u"offset"_s).toInt(), 1);
        QCOMPARE(messages[0].toObject().value(u"payload"_s).toString(), u"order-1"_s);
        QCOMPARE(page.value(u"nextOffset"_s).toInt(), 3);
        // From a time: everything arrived after 0.
        BS_CALL(call(R"({"command":"browseTopic","topic":"shop/orders","fromTime":0})", &reply));
        QCOMPARE(reply.value(u"result"_s).toObject().value(u"messages"_s).toArray().size(), 5);
        // Binary payloads come as base64 only.
        BS_CALL(call(R"({"command":"browseTopic","topic":"shop/stock"})", &reply));
        const QJsonObject binary = reply.value(u"result"_s).toObject().value(u"messages"_s).toArray()[0].toObject();
        QVERIFY(!binary.contains(u"payload"_s));
        QCOMPARE(binary.value(u"payloadBase64"_s).toString(), u"AP8="_s);
    }

    void listGroupsAndSeekRedeliversHistory()
    {
        RawClient member(port());
        BS_CALL(connectClient(member, "member"_ba));
        BS_CALL(subscribe(member, "$share/audit/ledger"_ba, subscriptionOptions(1)));
        RawClient publisher(port());
        BS_CALL(connectClient(publisher, "pub"_ba));
        for (quint16 i = 1; i <= 3; ++i) {
            BS_CALL(publish(publisher, {.topic = "ledger"_ba, .payload = "entry" + QByteArray::number(i), .qos = 1, .packetId = i}));
            Packet delivered;
            BS_CALL(expectPublish(member, "ledger"_ba, "entry" + QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(member, delivered));
        }
        BS_CALL(sync(member));
        QJsonObject reply;
        BS_CALL(call(R"({"command":"listGroups"})", &reply));
        const QJsonObject group = reply.value(u"result"_s).toObject().value(u"groups"_s).toArray()[0].toObject();
        QCOMPARE(group.value(u"group"_s).toString(), u"audit"_s);
        QCOMPARE(group.value(u"lag"_s).toInt(), 0);
        QCOMPARE(group.value(u"acknowledged"_s).toInt(), 3);
        const QJsonObject topic = group.value(u"topics"_s).toArray()[0].toObject();
        QCOMPARE(topic.value(u"committed"_s).toInt(), 3);
        QCOMPARE(group.value(u"members"_s).toArray()[0].toObject().value(u"connected"_s).toBool(), true);

        // Members are connected: refused unless forced.
        BS_CALL(call(R"({"command":"seekGroup","group":"audit","to":"earliest"})", &reply));
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toString(), u"conflict"_s);
        BS_CALL(call(R"({"command":"seekGroup","group":"audit","to":"earliest","force":true})", &reply));
        QCOMPARE(reply.value(u"result"_s).toObject().value(u"topics"_s).toArray()[0].toObject().value(u"lag"_s).toInt(), 3);
        for (int i = 1; i <= 3; ++i) { // history again, in order
            Packet delivered;
            BS_CALL(expectPublish(member, "ledger"_ba, "entry" + QByteArray::number(i), 1, &delivered));
            BS_CALL(acknowledge(member, delivered));
        }
        BS_CALL(call(R"({"command":"seekGroup","group":"audit","to":"offset","offset":2,"force":true})", &reply));
        Packet last;
        BS_CALL(expectPublish(member, "ledger"_ba, "entry3"_ba, 1, &last));
        BS_CALL(acknowledge(member, last));
    }

    // Bad requests get an error with a code; the broker goes on serving.
    void malformedRequestsGetErrors_data()
    {
        QTest::addColumn<QByteArray>("request");
        QTest::addColumn<QString>("code");
        QTest::newRow("not JSON") << "{nope"_ba << u"bad-request"_s;
        QTest::newRow("JSON array") << "[1,2]"_ba << u"bad-request"_s;
        QTest::newRow("binary") << QByteArray("\x00\x01\xfe", 3) << u"bad-request"_s;
        QTest::newRow("unknown command") << R"({"command":"format-disk"})"_ba << u"unknown-command"_s;
        QTest::newRow("no command") << R"({"topic":"x"})"_ba << u"unknown-command"_s;
        QTest::newRow("unknown topic") << R"({"command":"browseTopic","topic":"nope"})"_ba << u"not-found"_s;
        QTest::newRow("offset not a number") << R"({"command":"browseTopic","topic":"x","fromOffset":"ten"})"_ba << u"bad-request"_s;
        QTest::newRow("negative offset") << R"({"command":"browseTopic","topic":"x","fromOffset":-1})"_ba << u"bad-request"_s;
        QTest::newRow("unknown group") << R"({"command":"seekGroup","group":"ghost","to":"latest"})"_ba << u"not-found"_s;
    }
    void malformedRequestsGetErrors()
    {
        QFETCH(QByteArray, request);
        QFETCH(QString, code);
        QJsonObject reply;
        BS_CALL(call(request, &reply));
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toString(), code);
        QVERIFY(!reply.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
        BS_CALL(expectAlive(*m_admin, "after-bad-admin"_ba));
    }

    void forbiddenWhenAdminAccessIsNone()
    {
        bs::broker::BrokerConfig config;
        config.adminAccess = bs::broker::AdminAccess::None;
        m_admin.reset();
        m_broker = std::make_unique<TargetBroker>(config);
        BS_CALL(startBroker(*m_broker));
        m_admin = std::make_unique<RawClient>(port());
        BS_CALL(connectClient(*m_admin, "admin"_ba));
        BS_CALL(subscribe(*m_admin, "admin/replies"_ba, subscriptionOptions(1)));
        QJsonObject reply;
        BS_CALL(call(R"({"command":"stats"})", &reply));
        QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toString(), u"forbidden"_s);
    }

private:
    void call(const QByteArray& body, QJsonObject* reply, const QByteArray& correlation = "c1"_ba)
    {
        AdminCaller(*m_admin).call(body, reply, correlation);
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
    std::unique_ptr<RawClient> m_admin;
};

QTEST_GUILESS_MAIN(AdminApi)
#include "tst_admin_api.moc"
