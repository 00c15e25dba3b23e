// Conformance 01 — CONNECT / CONNACK (MQTT 3.1.1 §3.1-3.2, MQTT 5.0 §3.1-3.2): the CONNACK
// format and properties, Session Present, clean start / clean session, session expiry,
// server-assigned client identifiers, Server Keep Alive and session takeover.

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class Connect : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT 3.1.1 §3.2: CONNACK is exactly 0x20 0x02 <flags> <return code>.
    void connackV311Bytes()
    {
        RawClient client(port(), kMqtt311);
        QVERIFY(client.open());
        QVERIFY(client.send(client.packets().connect({.clientId = "c311"_ba})));
        const auto connack = client.readPacket();
        QVERIFY(connack && connack->is(PacketType::Connack));
        QCOMPARE(connack->raw, QByteArray::fromHex("20020000"));
    }

    // §3.2.2.3: the CONNACK properties of our limits (Receive Maximum §3.2.2.3.3, Maximum
    // Packet Size §3.2.2.3.6, Topic Alias Maximum §3.2.2.3.8) and the features we offer
    // (§3.2.2.3.5 Retain Available, §3.2.2.3.11-13 Wildcard / Subscription Identifier /
    // Shared Subscription Available). No property may appear twice.
    void connackV5Properties()
    {
        bs::broker::BrokerConfig config;
        config.receiveMaximum = 20;
        config.maximumPacketSize = 10000;
        config.topicAliasMaximum = 5;
        TargetBroker broker(config);
        BS_CALL(startBroker(broker));

        RawClient client(broker.port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(client, "props"_ba, &connack));
        QCOMPARE(connack.sessionPresent, false);
        const Properties& props = connack.properties;
        for (const Property& property : props.items())
            if (property.id != prop::UserProperty)
                QVERIFY2(props.count(property.id) == 1, qPrintable(props.describe()));
        QCOMPARE(props.number(prop::ReceiveMaximum), std::optional<quint32>(20));
        QCOMPARE(props.number(prop::MaximumPacketSize), std::optional<quint32>(10000));
        QCOMPARE(props.number(prop::TopicAliasMaximum), std::optional<quint32>(5));
        const QList<quint8> features{prop::RetainAvailable, prop::WildcardSubscriptionAvailable,
                                     prop::SubscriptionIdentifierAvailable, prop::SharedSubscriptionAvailable};
        for (quint8 feature : features) {
            // Absent means "available" (§3.2.2.3.5); our engine states each one explicitly.
            if (broker.isMosquitto() && !props.has(feature))
                continue;
            QVERIFY2(props.number(feature) == std::optional<quint32>(1),
                     qPrintable(propertyName(feature) % u" in "_s % props.describe()));
        }
        QVERIFY2(!props.has(prop::MaximumQoS), "we support QoS 2: Maximum QoS must be absent (§3.2.2.3.4)");
    }

    // §3.2.2.3.6: no Maximum Packet Size property when no limit is configured.
    void connackV5NoMaximumPacketSizeByDefault()
    {
        RawClient client(port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(client, "nolimit"_ba, &connack));
        QVERIFY2(!connack.properties.has(prop::MaximumPacketSize), qPrintable(connack.describe()));
    }

    // MQTT-3.2.2-1 (v3.1.1) / MQTT-3.2.2-2 (v5): clean start 1 → Session Present 0.
    // MQTT-3.2.2-2 (v3.1.1) / MQTT-3.2.2-3 (v5): resumed session → Session Present 1.
    void sessionPresent_data() { addVersionRows(); }
    void sessionPresent()
    {
        QFETCH(int, version);
        ConnectOptions options{.clientId = "persist"_ba, .cleanStart = false};
        if (version == kMqtt5)
            options.properties.add(prop::SessionExpiryInterval, 300);
        {
            RawClient first(port(), version);
            Packet connack;
            BS_CALL(connectClient(first, options, &connack));
            QCOMPARE(connack.sessionPresent, false); // nothing to resume yet
            QVERIFY(first.send(first.packets().disconnect()));
            QVERIFY(first.waitClosed());
        }
        {
            RawClient second(port(), version);
            Packet connack;
            BS_CALL(connectClient(second, options, &connack));
            QCOMPARE(connack.sessionPresent, true);
            QVERIFY(second.send(second.packets().disconnect()));
            QVERIFY(second.waitClosed());
        }
        // Clean start discards the stored session (MQTT-3.1.2-4 / v5 MQTT-3.1.2-4).
        RawClient third(port(), version);
        options.cleanStart = true;
        Packet connack;
        BS_CALL(connectClient(third, options, &connack));
        QCOMPARE(connack.sessionPresent, false);
    }

    // v5 §3.1.2.11.2: Session Expiry Interval absent = 0: the session ends with the connection.
    void sessionExpiryZeroEndsSession()
    {
        const ConnectOptions options{.clientId = "shortlived"_ba, .cleanStart = false};
        {
            RawClient first(port(), kMqtt5);
            BS_CALL(connectClient(first, options));
            BS_CALL(subscribe(first, "short/topic"_ba, subscriptionOptions(1)));
            QVERIFY(first.send(first.packets().disconnect()));
            QVERIFY(first.waitClosed());
        }
        RawClient second(port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(second, options, &connack));
        QCOMPARE(connack.sessionPresent, false);
    }

    // v5 §3.14.2.2.2: a DISCONNECT may raise a non-zero Session Expiry Interval set in CONNECT.
    void sessionExpiryUpdatedOnDisconnect()
    {
        ConnectOptions options{.clientId = "extend"_ba, .cleanStart = false};
        options.properties.add(prop::SessionExpiryInterval, 10);
        {
            RawClient first(port(), kMqtt5);
            BS_CALL(connectClient(first, options));
            QVERIFY(first.send(first.packets().disconnect(0x00, Properties().add(prop::SessionExpiryInterval, 0))));
            QVERIFY(first.waitClosed());
        }
        RawClient second(port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(second, options, &connack));
        QCOMPARE(connack.sessionPresent, false); // expiry 0 from the DISCONNECT ended it
    }

    // v5 MQTT-3.1.3-6/7, MQTT-3.2.2-16: an empty client id gets a unique Assigned Client Identifier.
    void assignedClientIdentifierV5()
    {
        RawClient a(port(), kMqtt5);
        RawClient b(port(), kMqtt5);
        Packet connackA;
        Packet connackB;
        BS_CALL(connectClient(a, ConnectOptions{}, &connackA));
        BS_CALL(connectClient(b, ConnectOptions{}, &connackB));
        const auto idA = connackA.properties.value(prop::AssignedClientIdentifier);
        const auto idB = connackB.properties.value(prop::AssignedClientIdentifier);
        QVERIFY2(idA && !idA->isEmpty(), qPrintable(connackA.describe()));
        QVERIFY2(idB && !idB->isEmpty(), qPrintable(connackB.describe()));
        QVERIFY(*idA != *idB);
        QVERIFY(isWellFormedMqttUtf8(*idA));
        // Both connections stay usable.
        BS_CALL(expectAlive(a, "a"_ba));
        BS_CALL(expectAlive(b, "b"_ba));
    }

    // v3.1.1 MQTT-3.1.3-6: an empty client id is allowed with clean session 1; no property.
    void emptyClientIdV311CleanSession()
    {
        RawClient client(port(), kMqtt311);
        Packet connack;
        BS_CALL(connectClient(client, ConnectOptions{}, &connack));
        QCOMPARE(connack.raw, QByteArray::fromHex("20020000"));
        BS_CALL(expectAlive(client, "v311"_ba));
    }

    // v3.1.1 MQTT-3.1.3-8: empty client id with clean session 0 → CONNACK 0x02, then close.
    void emptyClientIdV311PersistentRejected()
    {
        RawClient client(port(), kMqtt311);
        QVERIFY(client.open());
        QVERIFY(client.send(client.packets().connect({.cleanStart = false})));
        const auto connack = client.readPacket();
        QVERIFY(connack && connack->is(PacketType::Connack));
        QCOMPARE(connack->raw, QByteArray::fromHex("20020002"));
        QVERIFY(client.waitClosed());
    }

    // MQTT-3.1.4-3 / §4.13: a second connection with the same client id takes over; the old
    // connection is closed, v5 with DISCONNECT 0x8E Session taken over (§3.14.2.1).
    void takeover_data() { addVersionRows(); }
    void takeover()
    {
        QFETCH(int, version);
        RawClient first(port(), version);
        BS_CALL(connectClient(first, "twin"_ba));
        RawClient second(port(), version);
        BS_CALL(connectClient(second, "twin"_ba));
        // Mosquitto 2.0.11 closes the old connection without a DISCONNECT.
        BS_CALL(expectDisconnect(first, 0x8E, m_broker->isMosquitto()));
        BS_CALL(expectAlive(second, "twin"_ba));
    }

    // §4.13 / MQTT-3.1.2-4: a takeover with clean start 0 keeps the session (subscriptions).
    void takeoverKeepsSession_data() { addVersionRows(); }
    void takeoverKeepsSession()
    {
        QFETCH(int, version);
        ConnectOptions options{.clientId = "keeper"_ba, .cleanStart = false};
        if (version == kMqtt5)
            options.properties.add(prop::SessionExpiryInterval, 300);
        RawClient first(port(), version);
        BS_CALL(connectClient(first, options));
        BS_CALL(subscribe(first, "kept/topic"_ba, subscriptionOptions(1)));

        RawClient second(port(), version);
        Packet connack;
        BS_CALL(connectClient(second, options, &connack));
        QCOMPARE(connack.sessionPresent, true);
        BS_CALL(expectDisconnect(first, 0x8E, m_broker->isMosquitto())); // see takeover()

        RawClient publisher(port(), version);
        BS_CALL(connectClient(publisher, "kept-pub"_ba));
        BS_CALL(publish(publisher, {.topic = "kept/topic"_ba, .payload = "still here"_ba, .qos = 1, .packetId = 7}));
        Packet delivered;
        BS_CALL(expectPublish(second, "kept/topic"_ba, "still here"_ba, 1, &delivered));
        BS_CALL(acknowledge(second, delivered));
    }

    // v5 §3.2.2.3.14: when the client asks for a longer keep alive than we allow, CONNACK
    // carries Server Keep Alive with our maximum.
    void serverKeepAlive()
    {
        bs::broker::BrokerConfig config;
        config.maxKeepAlive = 10;
        TargetBroker broker(config);
        BS_CALL(startBroker(broker));
        RawClient client(broker.port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(client, {.clientId = "lazy"_ba, .keepAlive = 600}, &connack));
        QCOMPARE(connack.properties.number(prop::ServerKeepAlive), std::optional<quint32>(10));

        RawClient modest(broker.port(), kMqtt5);
        BS_CALL(connectClient(modest, {.clientId = "modest"_ba, .keepAlive = 5}, &connack));
        QVERIFY2(!connack.properties.has(prop::ServerKeepAlive), qPrintable(connack.describe()));
    }

    // §3.1.2.8-9 / §3.1.3.5-6: user name and password are accepted (anonymous broker).
    void usernamePassword_data() { addVersionRows(); }
    void usernamePassword()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, {.clientId = "user"_ba, .username = "alice"_ba, .password = "secret"_ba}));
        BS_CALL(expectAlive(client, "user"_ba));
    }

    // MQTT-3.12.4-1: PINGREQ → PINGRESP (0xD0 0x00).
    void pingreq_data() { addVersionRows(); }
    void pingreq()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, "pinger"_ba));
        QVERIFY(client.send(client.packets().pingreq()));
        const auto pingresp = client.readPacket();
        QVERIFY(pingresp && pingresp->is(PacketType::Pingresp));
        QCOMPARE(pingresp->raw, QByteArray::fromHex("d000"));
    }

    // MQTT-3.14.4-1..3: after DISCONNECT the server closes the connection.
    void disconnectCloses_data() { addVersionRows(); }
    void disconnectCloses()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, "leaver"_ba));
        QVERIFY(client.send(client.packets().disconnect()));
        BS_CALL(expectClosedSilently(client));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(Connect)
#include "tst_01_connect.moc"
