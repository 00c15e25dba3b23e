// Conformance 15 — bad input before and in CONNECT (§3.1, §4.8 of v3.1.1, v5 §3.1.2, §3.2.2.2):
// anything but CONNECT first closes the connection with nothing sent; a wrong protocol name
// closes; an unsupported protocol level gets CONNACK 0x84 (v5 format) or return code 0x01
// (v3 format); the reserved flag gets CONNACK 0x81 (v5) or a close (v3.1.1); an
// Authentication Method we do not support gets CONNACK 0x8C. Every refusing CONNACK is
// followed by the close (MQTT-3.2.2-7 / v3.1.1 MQTT-3.2.2-5). Other clients carry on.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class BadConnect : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanupTestCase() { m_broker.reset(); }

    void init()
    {
        m_bystander = std::make_unique<RawClient>(port(), kMqtt5);
        BS_CALL(connectClient(*m_bystander, "bystander"_ba));
    }
    void cleanup()
    {
        if (!QTest::currentTestFailed()) {
            BS_CALL(expectAlive(*m_bystander, "bystander"_ba));
            BS_CALL(expectBrokerAcceptsNewClients(port()));
        }
        m_bystander.reset();
    }

    // MQTT-3.1.0-1 (v3.1.1 and v5): the first packet must be CONNECT; otherwise the
    // connection is closed and nothing is sent.
    void packetBeforeConnect_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        const PacketBuilder b(kMqtt311);
        QTest::newRow("PUBLISH") << b.publish({.topic = "early"_ba, .payload = "x"_ba});
        QTest::newRow("PUBLISH QoS 1") << b.publish({.topic = "early"_ba, .payload = "x"_ba, .qos = 1, .packetId = 1});
        QTest::newRow("SUBSCRIBE") << b.subscribe(1, "early"_ba, 0);
        QTest::newRow("PINGREQ") << b.pingreq();
        QTest::newRow("DISCONNECT") << b.disconnect();
        QTest::newRow("garbage") << QByteArray::fromHex("00000000");
    }
    void packetBeforeConnect()
    {
        QFETCH(QByteArray, bytes);
        RawClient client(port(), kMqtt5);
        QVERIFY(client.open());
        QVERIFY(client.send(bytes));
        BS_CALL(expectClosedSilently(client));
    }

    // MQTT-3.1.2-1: a protocol name other than "MQTT" → the connection is closed.
    void wrongProtocolName_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<QByteArray>("name");
        QTest::newRow("v3.1.1 MQTX") << kMqtt311 << "MQTX"_ba;
        QTest::newRow("v5 MQTX") << kMqtt5 << "MQTX"_ba;
        QTest::newRow("v5 lowercase") << kMqtt5 << "mqtt"_ba;
    }
    void wrongProtocolName()
    {
        QFETCH(int, version);
        QFETCH(QByteArray, name);
        RawClient client(port(), version);
        QVERIFY(client.open());
        QVERIFY(client.send(client.packets().connect({.clientId = "badname"_ba, .protocolName = name})));
        BS_CALL(expectClosedSilently(client));
    }

    // v5 MQTT-3.1.2-2 / v3.1.1 MQTT-3.1.2-2: an unsupported protocol level is refused
    // (0x84 Unsupported Protocol Version in v5 format; 0x01 in v3 format when the client
    // speaks 3.x), then the connection is closed.
    void unsupportedProtocolLevel_data()
    {
        QTest::addColumn<QByteArray>("name");
        QTest::addColumn<int>("level");
        QTest::addColumn<QByteArray>("connack");
        QTest::addColumn<QByteArray>("mosquittoConnack");
        QTest::newRow("MQTT level 6") << "MQTT"_ba << 6 << QByteArray::fromHex("2003008400") << QByteArray::fromHex("20020001");
        QTest::newRow("MQTT level 2") << "MQTT"_ba << 2 << QByteArray::fromHex("20020001") << QByteArray();
        // A 3.x-style CONNECT whose level does not go with its name ("MQTT" is 3.1.1's name,
        // level 3 is 3.1's): v3.1.1 MQTT-3.1.2-2, and Mosquitto 2, answer 0x01.
        QTest::newRow("MQTT level 3") << "MQTT"_ba << 3 << QByteArray::fromHex("20020001") << QByteArray();
        QTest::newRow("MQIsdp level 4") << "MQIsdp"_ba << 4 << QByteArray::fromHex("20020001") << QByteArray();
    }
    void unsupportedProtocolLevel()
    {
        QFETCH(QByteArray, name);
        QFETCH(int, level);
        QFETCH(QByteArray, connack);
        QFETCH(QByteArray, mosquittoConnack);
        // The level-6 CONNECT is written like a v5 one (with a property block).
        RawClient client(port(), level == 6 ? kMqtt5 : kMqtt311);
        QVERIFY(client.open());
        QVERIFY(client.send(client.packets().connect(
            {.clientId = "oldnew"_ba, .protocolName = name, .protocolLevel = static_cast<quint8>(level)})));
        const auto reply = client.readPacket();
        QVERIFY2(reply && reply->is(PacketType::Connack), qPrintable(reply ? reply->describe() : u"nothing"_s));
        // Mosquitto 2.0.11 answers a level it does not know with the v3 CONNACK 0x01.
        const QByteArray expected = m_broker->isMosquitto() && !mosquittoConnack.isEmpty() ? mosquittoConnack : connack;
        QCOMPARE(reply->raw.toHex(), expected.toHex());
        QVERIFY2(client.waitClosed(), "the connection stayed open after a refusing CONNACK");
    }

    // MQTT-3.1.2-3: the reserved Connect Flags bit must be 0: v5 CONNACK 0x81 Malformed
    // Packet then close; v3.1.1 close.
    void reservedConnectFlag_data() { addVersionRows(); }
    void reservedConnectFlag()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        QVERIFY(client.open());
        QVERIFY(client.send(client.packets().connect({.clientId = "reserved"_ba, .extraFlags = 0x01})));
        if (version == kMqtt311 || m_broker->isMosquitto()) {
            // Mosquitto 2.0.11 closes v5 clients here too, without a CONNACK.
            BS_CALL(expectClosedSilently(client));
            return;
        }
        const auto reply = client.readPacket();
        QVERIFY2(reply && reply->is(PacketType::Connack), qPrintable(reply ? reply->describe() : u"nothing"_s));
        QCOMPARE(reply->reasonCode, quint8(0x81));
        QCOMPARE(reply->sessionPresent, false);
        QVERIFY(client.waitClosed());
    }

    // v5 §3.1.2.11.9 / §4.12: an Authentication Method we do not support → CONNACK 0x8C Bad
    // authentication method, then close.
    void authenticationMethodRefused()
    {
        RawClient client(port(), kMqtt5);
        QVERIFY(client.open());
        ConnectOptions options{.clientId = "scram"_ba};
        options.properties.add(prop::AuthenticationMethod, "SCRAM-SHA-1"_ba).add(prop::AuthenticationData, "x"_ba);
        QVERIFY(client.send(client.packets().connect(options)));
        const auto reply = client.readPacket();
        QVERIFY2(reply && reply->is(PacketType::Connack), qPrintable(reply ? reply->describe() : u"nothing"_s));
        QCOMPARE(reply->reasonCode, quint8(0x8C));
        QVERIFY(client.waitClosed());
    }

    // MQTT-3.1.2-11/13 (v3.1.1 MQTT-3.1.2-13/14): Will QoS must be 0 when the Will Flag is 0,
    // and never 3 — a malformed CONNECT: v5 CONNACK 0x81 (or a close), v3.1.1 close.
    void badWillFlags_data()
    {
        QTest::addColumn<int>("version");
        QTest::addColumn<quint8>("flags");
        QTest::newRow("v3.1.1 will QoS without will") << kMqtt311 << quint8(0x08);
        QTest::newRow("v5 will QoS without will") << kMqtt5 << quint8(0x08);
        QTest::newRow("v3.1.1 will retain without will") << kMqtt311 << quint8(0x20);
        QTest::newRow("v5 will retain without will") << kMqtt5 << quint8(0x20);
    }
    void badWillFlags()
    {
        QFETCH(int, version);
        QFETCH(quint8, flags);
        RawClient client(port(), version);
        QVERIFY(client.open());
        QVERIFY(client.send(client.packets().connect({.clientId = "badwill"_ba, .extraFlags = flags})));
        const auto reply = client.readPacket();
        if (reply) {
            QVERIFY2(version == kMqtt5 && reply->is(PacketType::Connack) && reply->reasonCode >= 0x80,
                     qPrintable(reply->describe()));
        }
        QVERIFY(client.waitClosed());
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
    std::unique_ptr<RawClient> m_bystander;
};

QTEST_GUILESS_MAIN(BadConnect)
#include "tst_15_bad_connect.moc"
