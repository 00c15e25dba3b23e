// Conformance 12 — PUBLISH properties (v5 §3.3.2.3): Payload Format Indicator, Content Type,
// Response Topic, Correlation Data and User Properties passed on unchanged and in order;
// Message Expiry Interval (remaining time on delivery, expired queued and retained messages
// not delivered); and mixing MQTT 3.1.1 and 5.0 clients.

#include "raw/Expect.h"

#include <QElapsedTimer>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class PublishProperties : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-3.3.2-4 (Payload Format Indicator), MQTT-3.3.2-20 (Content Type), §3.3.2.3.5-6
    // (Response Topic, Correlation Data), MQTT-3.3.2-17/18 (User Properties unaltered and in
    // order, duplicates kept): all are forwarded to the subscriber.
    void passedThroughUnchanged_data()
    {
        QTest::addColumn<int>("qos");
        QTest::addColumn<bool>("retainedCopy");
        QTest::newRow("qos0 live") << 0 << false;
        QTest::newRow("qos1 live") << 1 << false;
        QTest::newRow("qos2 live") << 2 << false;
        QTest::newRow("qos1 retained") << 1 << true;
    }
    void passedThroughUnchanged()
    {
        QFETCH(int, qos);
        QFETCH(bool, retainedCopy);
        Properties sent;
        sent.add(prop::PayloadFormatIndicator, 1)
            .addUser("z-first"_ba, "1"_ba)
            .add(prop::ContentType, "text/plain; charset=utf-8"_ba)
            .add(prop::ResponseTopic, "pp/reply/42"_ba)
            .addUser("a-second"_ba, "2"_ba)
            .add(prop::CorrelationData, QByteArray::fromHex("000102fffe"))
            .addUser("z-first"_ba, "3"_ba)
            .addUser(QStringLiteral(u"cl\u00e9").toUtf8(), {});
        RawClient subscriber(port(), kMqtt5);
        BS_CALL(connectClient(subscriber, "pp-sub"_ba));
        if (!retainedCopy)
            BS_CALL(subscribe(subscriber, "pp/t"_ba, subscriptionOptions(qos)));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "pp-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "pp/t"_ba, .payload = "payload"_ba, .qos = qos, .packetId = 1,
                                    .retain = retainedCopy, .properties = sent}));
        if (retainedCopy)
            BS_CALL(subscribe(subscriber, "pp/t"_ba, subscriptionOptions(qos)));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "pp/t"_ba, "payload"_ba, qos, &delivered));
        const Properties& got = delivered.properties;
        QCOMPARE(got.number(prop::PayloadFormatIndicator), std::optional<quint32>(1));
        QCOMPARE(got.value(prop::ContentType), sent.value(prop::ContentType));
        QCOMPARE(got.value(prop::ResponseTopic), sent.value(prop::ResponseTopic));
        QCOMPARE(got.value(prop::CorrelationData), sent.value(prop::CorrelationData));
        QCOMPARE(got.userProperties(), sent.userProperties());
        for (quint8 once : {prop::PayloadFormatIndicator, prop::ContentType, prop::ResponseTopic, prop::CorrelationData})
            QCOMPARE(got.count(once), 1);
        BS_CALL(acknowledge(subscriber, delivered));
    }

    // MQTT-3.3.2-6: the Message Expiry Interval sent on is the received value minus the time
    // the message waited (here: at most the original, more than zero). No expiry → none sent.
    void messageExpiryForwarded()
    {
        RawClient subscriber(port(), kMqtt5);
        BS_CALL(connectClient(subscriber, "exp-sub"_ba));
        BS_CALL(subscribe(subscriber, "me/#"_ba, subscriptionOptions(1)));
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "exp-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "me/with"_ba, .payload = "x"_ba, .qos = 1, .packetId = 1,
                                    .properties = Properties().add(prop::MessageExpiryInterval, 60)}));
        BS_CALL(publish(publisher, {.topic = "me/without"_ba, .payload = "y"_ba, .qos = 1, .packetId = 2}));
        Packet with;
        BS_CALL(expectPublish(subscriber, "me/with"_ba, "x"_ba, 1, &with));
        const auto remaining = with.properties.number(prop::MessageExpiryInterval);
        QVERIFY2(remaining && *remaining > 0 && *remaining <= 60, qPrintable(with.describe()));
        BS_CALL(acknowledge(subscriber, with));
        Packet without;
        BS_CALL(expectPublish(subscriber, "me/without"_ba, "y"_ba, 1, &without));
        QVERIFY2(!without.properties.has(prop::MessageExpiryInterval), qPrintable(without.describe()));
        BS_CALL(acknowledge(subscriber, without));
    }

    // MQTT-3.3.2-5: a queued message whose expiry passed is not delivered; one still valid
    // is delivered with the time it waited taken off (MQTT-3.3.2-6).
    void expiredQueuedMessagesDropped()
    {
        ConnectOptions options{.clientId = "exp-offline"_ba, .cleanStart = false};
        options.properties.add(prop::SessionExpiryInterval, 300);
        {
            RawClient subscriber(port(), kMqtt5);
            BS_CALL(connectClient(subscriber, options));
            BS_CALL(subscribe(subscriber, "mq/#"_ba, subscriptionOptions(1)));
            QVERIFY(subscriber.send(subscriber.packets().disconnect()));
            QVERIFY(subscriber.waitClosed());
        }
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "exp-offline-pub"_ba));
        QElapsedTimer waited;
        waited.start();
        BS_CALL(publish(publisher, {.topic = "mq/short"_ba, .payload = "expired"_ba, .qos = 1, .packetId = 1,
                                    .properties = Properties().add(prop::MessageExpiryInterval, 1)}));
        BS_CALL(publish(publisher, {.topic = "mq/long"_ba, .payload = "valid"_ba, .qos = 1, .packetId = 2,
                                    .properties = Properties().add(prop::MessageExpiryInterval, 60)}));
        BS_CALL(letTimePass(waited, 2000));

        RawClient subscriber(port(), kMqtt5);
        options.cleanStart = false;
        BS_CALL(connectClient(subscriber, options));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "mq/long"_ba, "valid"_ba, 1, &delivered));
        const auto remaining = delivered.properties.number(prop::MessageExpiryInterval);
        QVERIFY2(remaining && *remaining >= 50 && *remaining <= 59, qPrintable(delivered.describe()));
        BS_CALL(acknowledge(subscriber, delivered));
        BS_CALL(sync(subscriber));
    }

    // §3.3.2.3.3: a retained message is no longer sent once its expiry has passed.
    void expiredRetainedMessageDropped()
    {
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "ret-exp-pub"_ba));
        QElapsedTimer waited;
        waited.start();
        BS_CALL(publish(publisher, {.topic = "re/short"_ba, .payload = "gone"_ba, .qos = 1, .packetId = 1,
                                    .retain = true, .properties = Properties().add(prop::MessageExpiryInterval, 1)}));
        BS_CALL(publish(publisher, {.topic = "re/long"_ba, .payload = "kept"_ba, .qos = 1, .packetId = 2,
                                    .retain = true, .properties = Properties().add(prop::MessageExpiryInterval, 60)}));
        BS_CALL(letTimePass(waited, 2000));
        RawClient subscriber(port(), kMqtt5);
        BS_CALL(connectClient(subscriber, "ret-exp-sub"_ba));
        BS_CALL(subscribe(subscriber, "re/#"_ba, subscriptionOptions(0)));
        Packet delivered;
        BS_CALL(expectPublish(subscriber, "re/long"_ba, "kept"_ba, 0, &delivered));
        QVERIFY2(delivered.properties.number(prop::MessageExpiryInterval).value_or(0) <= 59, qPrintable(delivered.describe()));
        BS_CALL(sync(subscriber));
    }

    // A v5 publisher's message reaches a v3.1.1 subscriber in v3.1.1 format (no property
    // block), and a v3.1.1 publisher's message reaches a v5 subscriber with no properties.
    void mixedProtocolVersions()
    {
        RawClient old(port(), kMqtt311);
        BS_CALL(connectClient(old, "old"_ba));
        BS_CALL(subscribe(old, "mix/#"_ba, subscriptionOptions(0)));
        RawClient modern(port(), kMqtt5);
        BS_CALL(connectClient(modern, "modern"_ba));
        BS_CALL(subscribe(modern, "mix/#"_ba, subscriptionOptions(0)));
        BS_CALL(publish(modern, {.topic = "mix/v5"_ba, .payload = "p"_ba,
                                 .properties = Properties().add(prop::ContentType, "x"_ba).addUser("k"_ba, "v"_ba)}));
        Packet atOld;
        BS_CALL(expectPublish(old, "mix/v5"_ba, "p"_ba, 0, &atOld));
        QCOMPARE(atOld.raw, QByteArray::fromHex("3009") + QByteArray::fromHex("0006") + "mix/v5p");
        BS_CALL(expectPublish(modern, "mix/v5"_ba, "p"_ba, 0));
        BS_CALL(publish(old, {.topic = "mix/v3"_ba, .payload = "q"_ba}));
        Packet atModern;
        BS_CALL(expectPublish(modern, "mix/v3"_ba, "q"_ba, 0, &atModern));
        QVERIFY2(atModern.properties.isEmpty(), qPrintable(atModern.describe()));
        BS_CALL(expectPublish(old, "mix/v3"_ba, "q"_ba, 0));
    }

private:
    // Waits until at least minimumMs have passed since `since`, using a broker event rather
    // than a sleep: a client with keep alive 1 s that stays silent is disconnected by the
    // broker after 1.5 s (§3.1.2.10); repeated until enough time has passed.
    void letTimePass(const QElapsedTimer& since, qint64 minimumMs)
    {
        while (since.elapsed() < minimumMs) {
            RawClient idle(port(), kMqtt5);
            BS_CALL(connectClient(idle, {.clientId = "idle-clock"_ba, .keepAlive = 1}));
            // Mosquitto 2.0.11 checks keep alive only every 5 s or so.
            QVERIFY2(idle.waitClosed(m_broker->isMosquitto() ? 10000 : 5000),
                     "a silent keep-alive-1 client was not disconnected");
        }
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(PublishProperties)
#include "tst_12_properties.moc"
