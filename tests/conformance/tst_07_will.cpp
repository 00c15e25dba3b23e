// Conformance 07 — will messages (§3.1.2.5-3.1.2.7, v5 §3.1.3.2): published when the
// connection ends abnormally, not after DISCONNECT 0x00, published after DISCONNECT 0x04,
// will retain, will QoS, will properties, and the v5 Will Delay Interval (cancelled by a
// reconnect, cut short by the end of the session).

#include "raw/Expect.h"

#include <QElapsedTimer>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class WillMessages : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-3.1.2-8: the will is published when the network connection closes without
    // DISCONNECT; at the will QoS (MQTT-3.1.2-14/16), RETAIN 0 when not retained.
    void sentOnAbnormalClose_data() { addVersionRows(); }
    void sentOnAbnormalClose()
    {
        QFETCH(int, version);
        RawClient watcher(port(), version);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(2)));
        RawClient dying(port(), version);
        BS_CALL(connectClient(dying, {.clientId = "dying"_ba, .will = Will{.topic = "will/dying"_ba, .payload = "bye"_ba, .qos = 2}}));
        dying.abort();
        Packet will;
        BS_CALL(expectPublish(watcher, "will/dying"_ba, "bye"_ba, 2, &will));
        QCOMPARE(will.retain, false);
        BS_CALL(acknowledge(watcher, will));
    }

    // MQTT-3.1.2-10 / MQTT-3.14.4-3: DISCONNECT (v5 reason 0x00) discards the will.
    void notSentAfterDisconnect_data() { addVersionRows(); }
    void notSentAfterDisconnect()
    {
        QFETCH(int, version);
        RawClient watcher(port(), version);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(1)));
        RawClient polite(port(), version);
        BS_CALL(connectClient(polite, {.clientId = "polite"_ba, .will = Will{.topic = "will/polite"_ba, .payload = "bye"_ba}}));
        QVERIFY(polite.send(polite.packets().disconnect(0x00)));
        QVERIFY(polite.waitClosed());
        BS_CALL(publish(watcher, {.topic = "will/marker"_ba, .payload = "m"_ba}));
        BS_CALL(expectPublish(watcher, "will/marker"_ba, "m"_ba, 0));
    }

    // v5 §3.14.2.1: DISCONNECT with 0x04 Disconnect with Will Message publishes the will.
    void sentAfterDisconnectWithWill()
    {
        RawClient watcher(port(), kMqtt5);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(1)));
        RawClient leaver(port(), kMqtt5);
        BS_CALL(connectClient(leaver, {.clientId = "leaver"_ba, .will = Will{.topic = "will/leaver"_ba, .payload = "on purpose"_ba, .qos = 1}}));
        QVERIFY(leaver.send(leaver.packets().disconnect(0x04)));
        QVERIFY(leaver.waitClosed());
        Packet will;
        BS_CALL(expectPublish(watcher, "will/leaver"_ba, "on purpose"_ba, 1, &will));
        BS_CALL(acknowledge(watcher, will));
    }

    // MQTT-3.1.2-17: Will Retain 1 — the will is stored as a retained message.
    void retainedWill_data() { addVersionRows(); }
    void retainedWill()
    {
        QFETCH(int, version);
        RawClient dying(port(), version);
        BS_CALL(connectClient(dying, {.clientId = "dying"_ba,
                                      .will = Will{.topic = "will/kept"_ba, .payload = "last words"_ba, .qos = 1, .retain = true}}));
        RawClient watcher(port(), version);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/kept"_ba, subscriptionOptions(1)));
        dying.abort();
        Packet live;
        BS_CALL(expectPublish(watcher, "will/kept"_ba, "last words"_ba, 1, &live));
        BS_CALL(acknowledge(watcher, live));
        RawClient late(port(), version);
        BS_CALL(connectClient(late, "late"_ba));
        BS_CALL(subscribe(late, "will/kept"_ba, subscriptionOptions(0)));
        Packet retained;
        BS_CALL(expectPublish(late, "will/kept"_ba, "last words"_ba, 0, &retained));
        QCOMPARE(retained.retain, true);
    }

    // MQTT-3.1.2-8: closing the connection because of a protocol error also publishes the will.
    void sentOnProtocolError_data() { addVersionRows(); }
    void sentOnProtocolError()
    {
        QFETCH(int, version);
        RawClient watcher(port(), version);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(0)));
        RawClient broken(port(), version);
        BS_CALL(connectClient(broken, {.clientId = "broken"_ba, .will = Will{.topic = "will/broken"_ba, .payload = "oops"_ba}}));
        // PUBLISH with QoS 3 (MQTT-3.3.1-4) is malformed.
        QVERIFY(broken.send(PacketBuilder::packet(0x36, QByteArray::fromHex("0001") + "x" + QByteArray::fromHex("0001"))));
        QVERIFY(broken.waitClosed());
        BS_CALL(expectPublish(watcher, "will/broken"_ba, "oops"_ba, 0));
    }

    // v5 §3.1.3.2.3-8: the will properties are passed on with the will message.
    void willPropertiesForwarded()
    {
        RawClient watcher(port(), kMqtt5);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(0)));
        Will will{.topic = "will/props"_ba, .payload = "{}"_ba};
        will.properties.add(prop::PayloadFormatIndicator, 1)
            .add(prop::ContentType, "application/json"_ba)
            .add(prop::ResponseTopic, "reply/here"_ba)
            .add(prop::CorrelationData, QByteArray::fromHex("00ff10"))
            .addUser("k1"_ba, "v1"_ba)
            .addUser("k1"_ba, "v2"_ba);
        RawClient dying(port(), kMqtt5);
        BS_CALL(connectClient(dying, {.clientId = "dying"_ba, .will = will}));
        dying.abort();
        Packet delivered;
        BS_CALL(expectPublish(watcher, "will/props"_ba, "{}"_ba, 0, &delivered));
        const Properties& props = delivered.properties;
        QCOMPARE(props.number(prop::PayloadFormatIndicator), std::optional<quint32>(1));
        QCOMPARE(props.value(prop::ContentType), std::optional<QByteArray>("application/json"_ba));
        QCOMPARE(props.value(prop::ResponseTopic), std::optional<QByteArray>("reply/here"_ba));
        QCOMPARE(props.value(prop::CorrelationData), std::optional<QByteArray>(QByteArray::fromHex("00ff10")));
        const QList<QPair<QByteArray, QByteArray>> users{{"k1"_ba, "v1"_ba}, {"k1"_ba, "v2"_ba}};
        QCOMPARE(props.userProperties(), users);
    }

    // v5 §3.1.3.2.2: with a Will Delay Interval the will is published when the delay has passed.
    void willDelayed()
    {
        RawClient watcher(port(), kMqtt5);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(0)));
        RawClient dying(port(), kMqtt5);
        BS_CALL(connectClient(dying, delayedWill("delayed"_ba, 1, 60)));
        QElapsedTimer elapsed;
        elapsed.start();
        dying.abort();
        Packet will;
        BS_CALL(expectPacket(watcher, PacketType::Publish, &will, 5000));
        QCOMPARE(will.topic, "will/delayed"_ba);
        QVERIFY2(elapsed.elapsed() >= 900, qPrintable(u"will sent after %1 ms, before its 1 s delay"_s.arg(elapsed.elapsed())));
    }

    // MQTT-3.1.3-9: a new connection to the session within the Will Delay Interval cancels
    // the will. A second client whose will has a longer delay is the marker.
    void willDelayCancelledByReconnect()
    {
        RawClient watcher(port(), kMqtt5);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(0)));
        RawClient returning(port(), kMqtt5);
        BS_CALL(connectClient(returning, delayedWill("returning"_ba, 1, 60)));
        RawClient marker(port(), kMqtt5);
        BS_CALL(connectClient(marker, delayedWill("marker"_ba, 2, 60)));
        returning.abort();
        marker.abort();
        RawClient back(port(), kMqtt5);
        ConnectOptions again = delayedWill("returning"_ba, 1, 60);
        again.cleanStart = false;
        Packet connack;
        BS_CALL(connectClient(back, again, &connack));
        QCOMPARE(connack.sessionPresent, true);
        Packet will;
        BS_CALL(expectPacket(watcher, PacketType::Publish, &will, 6000));
        QVERIFY2(will.topic == "will/marker", qPrintable(u"the cancelled will was sent: "_s % will.describe()));
    }

    // §3.1.3.2.2: the will is published when the session ends, even if the Will Delay
    // Interval is longer (session expiry 1 s, will delay 30 s; session expiry 0: at once).
    void sessionEndCutsWillDelayShort_data()
    {
        QTest::addColumn<quint32>("sessionExpiry");
        QTest::newRow("session expiry 0") << quint32(0);
        QTest::newRow("session expiry 1") << quint32(1);
    }
    void sessionEndCutsWillDelayShort()
    {
        QFETCH(quint32, sessionExpiry);
        if (m_broker->isMosquitto() && sessionExpiry == 0)
            QSKIP("Mosquitto 2.0.11 keeps the will for the full Will Delay Interval when session expiry is 0");
        RawClient watcher(port(), kMqtt5);
        BS_CALL(connectClient(watcher, "watcher"_ba));
        BS_CALL(subscribe(watcher, "will/#"_ba, subscriptionOptions(0)));
        RawClient dying(port(), kMqtt5);
        BS_CALL(connectClient(dying, delayedWill("short"_ba, 30, sessionExpiry)));
        dying.abort();
        BS_CALL(expectPacket(watcher, PacketType::Publish, nullptr, 5000));
    }

private:
    static ConnectOptions delayedWill(const QByteArray& name, quint32 willDelay, quint32 sessionExpiry)
    {
        ConnectOptions options{.clientId = name, .cleanStart = true};
        if (sessionExpiry > 0)
            options.properties.add(prop::SessionExpiryInterval, sessionExpiry);
        Will will{.topic = "will/" + name, .payload = name};
        will.properties.add(prop::WillDelayInterval, willDelay);
        options.will = will;
        return options;
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(WillMessages)
#include "tst_07_will.moc"
