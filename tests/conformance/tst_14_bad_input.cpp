// Conformance 14 — bad input after CONNECT (§1.5, §2.1.3, §4.13, v5 §4.13 reason codes):
// malformed packets (0x81), protocol errors (0x82), Topic Name invalid (0x90) and Packet too
// large (0x95). A v5 client gets a DISCONNECT with the reason code and is closed; a v3.1.1
// client is just closed. Invalid topic filters get a SUBACK failure code, no disconnect.
// After every case another client connected all along must carry on, and the broker must
// accept new connections.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

namespace {

constexpr quint32 kMaximumPacketSize = 4096;

QByteArray publishWith(int version, const QByteArray& topic, const Properties& properties = {}, int qos = 0,
                       quint16 packetId = 1)
{
    return PacketBuilder(version).publish(
        {.topic = topic, .payload = "x"_ba, .qos = qos, .packetId = packetId, .properties = properties});
}

QByteArray subscribeBody(int version, quint16 packetId, const QByteArray& filter)
{
    // The SUBSCRIBE body without its fixed header, to put under wrong flags.
    return PacketBuilder(version).subscribe(packetId, filter, 0).mid(2);
}

} // namespace

class BadInput : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        bs::broker::BrokerConfig config;
        config.maximumPacketSize = kMaximumPacketSize;
        m_broker = std::make_unique<TargetBroker>(config);
        BS_CALL(startBroker(*m_broker));
    }
    void cleanupTestCase() { m_broker.reset(); }

    // One row per bad packet: the bytes sent after a successful CONNECT and the DISCONNECT
    // reason code a v5 client gets (a v3.1.1 client is closed with nothing sent).
    // `mosquitto` is the answer Mosquitto 2.0.11 gives where it differs: "close" (closed
    // without DISCONNECT), "kept" (accepted, the connection stays) or a reason code in hex.
    void rejected_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<int>("reasonCode");
        QTest::addColumn<QByteArray>("mosquitto");
        for (int v : {kMqtt311, kMqtt5}) {
            const char* name = v == kMqtt5 ? "v5" : "v3.1.1";
            const PacketBuilder b(v);
            const QByteArray closeIfV5 = v == kMqtt5 ? "close"_ba : QByteArray();
            const auto v5Code = [v](const char* code) { return v == kMqtt5 ? QByteArray(code) : QByteArray(); };
            // §1.5.5 / §2.1.4 (v3.1.1 §2.2.3): Remaining Length uses at most 4 bytes.
            QTest::addRow("%s remaining length 5 bytes", name) << v << QByteArray::fromHex("30ffffffff01") << 0x81 << closeIfV5;
            // MQTT-2.1.3-1 (v5 §2.1.3): reserved flags must be as specified.
            QTest::addRow("%s SUBSCRIBE flags 0", name) << v << PacketBuilder::packet(0x80, subscribeBody(v, 1, "a"_ba)) << 0x81 << ""_ba;
            QTest::addRow("%s UNSUBSCRIBE flags 0", name) << v << PacketBuilder::packet(0xA0, b.unsubscribe(1, {"a"_ba}).mid(2)) << 0x81 << ""_ba;
            QTest::addRow("%s PUBREL flags 0", name) << v << QByteArray::fromHex("60020001") << 0x81 << closeIfV5;
            QTest::addRow("%s PINGREQ flags 1", name) << v << QByteArray::fromHex("c100") << 0x81 << "kept"_ba;
            QTest::addRow("%s PUBACK flags 2", name) << v << QByteArray::fromHex("42020001") << 0x81 << "kept"_ba;
            // MQTT-3.3.1-4: QoS 3.
            QTest::addRow("%s PUBLISH QoS 3", name) << v << PacketBuilder::packet(0x36, publishWith(v, "q"_ba, {}, 1).mid(2)) << 0x81 << ""_ba;
            // MQTT-1.5.4-1/2 (v3.1.1 MQTT-1.5.3-1/2): ill-formed UTF-8 and U+0000.
            QTest::addRow("%s topic overlong UTF-8", name) << v << publishWith(v, "a/\xC0\xAF"_ba) << 0x81 << ""_ba;
            QTest::addRow("%s topic U+0000", name) << v << publishWith(v, QByteArray("a\0b", 3)) << 0x81 << ""_ba;
            QTest::addRow("%s topic surrogate", name) << v << publishWith(v, "a/\xED\xA0\x80"_ba) << 0x81 << ""_ba;
            QTest::addRow("%s topic truncated UTF-8", name) << v << publishWith(v, "a/\xE6\x9D"_ba) << 0x81 << ""_ba;
            QTest::addRow("%s filter invalid UTF-8", name) << v << b.subscribe(1, "a/\xFF"_ba, 0) << 0x81 << ""_ba;
            // MQTT-3.3.2-2: wildcards in a Topic Name → 0x90 Topic Name invalid.
            QTest::addRow("%s PUBLISH topic with +", name) << v << publishWith(v, "a/+"_ba) << 0x90 << v5Code("82");
            QTest::addRow("%s PUBLISH topic with #", name) << v << publishWith(v, "a/#"_ba) << 0x90 << v5Code("82");
            // §3.2.2.3.6 / §4.13: larger than our Maximum Packet Size → 0x95.
            QTest::addRow("%s packet too large", name)
                << v << b.publish({.topic = "big"_ba, .payload = QByteArray(kMaximumPacketSize, 'x')}) << 0x95 << ""_ba;
            // MQTT-3.1.0-2: a second CONNECT is a protocol error.
            QTest::addRow("%s second CONNECT", name) << v << b.connect({.clientId = "again"_ba}) << 0x82 << closeIfV5;
            // MQTT-2.2.1-3: packet identifier 0 in QoS > 0 PUBLISH, SUBSCRIBE, UNSUBSCRIBE.
            QTest::addRow("%s QoS 1 packet id 0", name) << v << publishWith(v, "p"_ba, {}, 1, 0) << 0x82 << ""_ba;
            QTest::addRow("%s QoS 2 packet id 0", name) << v << publishWith(v, "p"_ba, {}, 2, 0) << 0x82 << ""_ba;
            QTest::addRow("%s SUBSCRIBE packet id 0", name) << v << b.subscribe(0, "s"_ba, 0) << 0x82 << v5Code("81");
            QTest::addRow("%s UNSUBSCRIBE packet id 0", name) << v << b.unsubscribe(0, {"s"_ba}) << 0x82 << v5Code("81");
            // MQTT-3.8.3-3 (v3.1.1) / MQTT-3.8.3-2 (v5): at least one topic filter.
            QTest::addRow("%s SUBSCRIBE without filters", name) << v << b.subscribe(1, QList<TopicSubscription>{}) << 0x82 << v5Code("81");
        }
        const PacketBuilder b5(kMqtt5);
        // §2.2.2.2: unknown property identifier, or one not allowed in the packet → 0x81.
        QTest::newRow("v5 unknown property") << kMqtt5 << publishWith(kMqtt5, "p"_ba, Properties().addRaw(QByteArray::fromHex("7f00"))) << 0x81 << ""_ba;
        QTest::newRow("v5 Session Expiry in PUBLISH") << kMqtt5 << publishWith(kMqtt5, "p"_ba, Properties().add(prop::SessionExpiryInterval, 5)) << 0x81 << ""_ba;
        QTest::newRow("v5 Topic Alias in SUBSCRIBE") << kMqtt5 << b5.subscribe(1, {TopicSubscription{"s"_ba, 0}}, Properties().add(prop::TopicAlias, 1)) << 0x81 << ""_ba;
        QTest::newRow("v5 content type invalid UTF-8") << kMqtt5 << publishWith(kMqtt5, "p"_ba, Properties().add(prop::ContentType, "\xC3("_ba)) << 0x81 << "close"_ba;
        QTest::newRow("v5 user property invalid UTF-8") << kMqtt5 << publishWith(kMqtt5, "p"_ba, Properties().addUser("k"_ba, "\xFE"_ba)) << 0x81 << "close"_ba;
        // §3.3.2.3: a property that may appear once, twice → 0x82.
        QTest::newRow("v5 Content Type twice") << kMqtt5 << publishWith(kMqtt5, "p"_ba, Properties().add(prop::ContentType, "a"_ba).add(prop::ContentType, "b"_ba)) << 0x82 << "close"_ba;
        QTest::newRow("v5 Message Expiry twice") << kMqtt5 << publishWith(kMqtt5, "p"_ba, Properties().add(prop::MessageExpiryInterval, 5).add(prop::MessageExpiryInterval, 6)) << 0x82 << "close"_ba;
        // §3.3.2.1 / §3.3.2.3.4: empty Topic Name without a Topic Alias → 0x82.
        QTest::newRow("v5 empty topic no alias") << kMqtt5 << publishWith(kMqtt5, {}) << 0x82 << ""_ba;
        // MQTT-3.8.3-4: No Local on a Shared Subscription → 0x82.
        QTest::newRow("v5 shared with No Local") << kMqtt5 << b5.subscribe(1, {TopicSubscription{"$share/g/t"_ba, subscriptionOptions(0, true)}}) << 0x82 << "kept"_ba;
    }
    void rejected()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, bytes);
        QFETCH(int, reasonCode);
        QFETCH(QByteArray, mosquitto);

        RawClient bystander(port(), kMqtt5);
        BS_CALL(connectClient(bystander, "bystander"_ba));
        RawClient offender(port(), version);
        BS_CALL(connectClient(offender, "offender"_ba));
        QVERIFY(offender.send(bytes));

        if (m_broker->isMosquitto() && !mosquitto.isEmpty()) {
            if (mosquitto == "kept")
                BS_CALL(expectStillConnected(offender)); // Mosquitto accepts it and carries on
            else if (mosquitto == "close")
                BS_CALL(expectClosedSilently(offender));
            else
                BS_CALL(expectDisconnect(offender, static_cast<quint8>(mosquitto.toUInt(nullptr, 16))));
        } else {
            BS_CALL(expectDisconnect(offender, static_cast<quint8>(reasonCode)));
        }
        BS_CALL(expectAlive(bystander, QTest::currentDataTag()));
        BS_CALL(expectBrokerAcceptsNewClients(port()));
    }

    // MQTT-4.7.1-1..3, MQTT-4.7.3-1 / §3.9.3: an invalid topic filter gets SUBACK 0x8F Topic
    // Filter invalid (v3.1.1: 0x80 Failure) for that filter only; the connection stays.
    void invalidFilterRefused_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("filter");
        for (int v : {kMqtt311, kMqtt5}) {
            const char* name = v == kMqtt5 ? "v5" : "v3.1.1";
            for (const char* filter : {"a/#/b", "a+", "#a", "a/b#", "+a/b", "a/++", "##"})
                QTest::addRow("%s %s", name, filter) << v << QByteArray(filter);
        }
    }
    void invalidFilterRefused()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, filter);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, "filterer"_ba));
        QVERIFY(client.send(client.packets().subscribe(9, {{"ok/valid"_ba, subscriptionOptions(1)},
                                                           {filter, subscriptionOptions(0)}})));
        const auto reply = client.readPacket();
        if (m_broker->isMosquitto() && (!reply || reply->is(PacketType::Disconnect))) {
            // Mosquitto 2.0.11 treats an invalid filter as a malformed packet and disconnects.
            QVERIFY(client.waitClosed());
            return;
        }
        QVERIFY2(reply && reply->is(PacketType::Suback), qPrintable(reply ? reply->describe() : u"nothing"_s));
        QCOMPARE(reply->packetId, quint16(9));
        QCOMPARE(reply->reasonCodes, (QList<quint8>{0x01, quint8(version == kMqtt5 ? 0x8F : 0x80)}));
        BS_CALL(expectAlive(client, "filter"_ba));
    }

private:
    // Mosquitto answered the packet normally (PINGRESP, SUBACK...): a PINGRESP must follow.
    static void expectStillConnected(RawClient& client)
    {
        QVERIFY(client.send(client.packets().pingreq()));
        for (;;) {
            const auto packet = client.readPacket();
            QVERIFY2(packet, "the connection was closed");
            if (packet->is(PacketType::Pingresp))
                return;
        }
    }

    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(BadInput)
#include "tst_14_bad_input.moc"
