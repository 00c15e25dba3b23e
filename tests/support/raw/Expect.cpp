#include "raw/Expect.h"

using namespace Qt::StringLiterals;

namespace bs::raw {

namespace {

QByteArray describe(const std::optional<Packet>& packet)
{
    return packet ? packet->describe().toUtf8() : "nothing (timeout or connection closed)"_ba;
}

} // namespace

void addVersionRows()
{
    QTest::addColumn<int>("version");
    QTest::newRow("v3.1.1") << kMqtt311;
    QTest::newRow("v5") << kMqtt5;
}

void startBroker(TargetBroker& broker)
{
    QString error;
    QVERIFY2(broker.start(&error), qPrintable(error));
}

void connectClient(RawClient& client, const ConnectOptions& options, Packet* connack)
{
    if (!client.isConnected())
        QVERIFY2(client.open(), "TCP connection to the broker failed");
    QVERIFY(client.send(client.packets().connect(options)));
    const auto reply = client.readPacket();
    QVERIFY2(reply && reply->is(PacketType::Connack), describe(reply).constData());
    QVERIFY2(reply->malformed.isEmpty(), qPrintable(reply->describe()));
    QVERIFY2(reply->reasonCode == 0x00, qPrintable(reply->describe()));
    if (connack)
        *connack = *reply;
}

void connectClient(RawClient& client, const QByteArray& clientId, Packet* connack)
{
    ConnectOptions options;
    options.clientId = clientId;
    connectClient(client, options, connack);
}

void expectPacket(RawClient& client, PacketType type, Packet* out, int timeoutMs)
{
    const auto packet = client.readPacket(timeoutMs);
    const QByteArray message = "expected " + packetTypeName(type).toUtf8() + ", got " + describe(packet);
    QVERIFY2(packet && packet->is(type), message.constData());
    QVERIFY2(packet->malformed.isEmpty(), message.constData());
    if (out)
        *out = *packet;
}

void subscribe(RawClient& client, const QByteArray& filter, quint8 options, quint16 packetId,
               const Properties& properties, int expectedCode)
{
    QVERIFY(client.send(client.packets().subscribe(packetId, {TopicSubscription{filter, options}}, properties)));
    Packet suback;
    BS_CALL(expectPacket(client, PacketType::Suback, &suback));
    QCOMPARE(suback.packetId, packetId);
    QCOMPARE(suback.reasonCodes.size(), 1);
    QCOMPARE(int(suback.reasonCodes.first()), expectedCode < 0 ? (options & 0x03) : expectedCode);
}

void expectPublish(RawClient& client, const QByteArray& topic, const QByteArray& payload, int qos, Packet* out)
{
    Packet packet;
    BS_CALL(expectPacket(client, PacketType::Publish, &packet));
    const QByteArray message = "expected PUBLISH " + topic + " '" + payload + "' qos " + QByteArray::number(qos)
                               + ", got " + packet.describe().toUtf8();
    QVERIFY2(packet.topic == topic && packet.payload == payload && packet.qos == qos, message.constData());
    if (qos > 0)
        QVERIFY2(packet.packetId != 0, "QoS > 0 PUBLISH with packet identifier 0 [MQTT-2.2.1-3]");
    if (out)
        *out = packet;
}

void publish(RawClient& client, const PublishOptions& options)
{
    QVERIFY(client.send(client.packets().publish(options)));
    if (options.qos == 1) {
        Packet puback;
        BS_CALL(expectPacket(client, PacketType::Puback, &puback));
        QCOMPARE(puback.packetId, options.packetId);
        QVERIFY2(puback.reasonCode < 0x80, qPrintable(puback.describe()));
    } else if (options.qos == 2) {
        Packet pubrec;
        BS_CALL(expectPacket(client, PacketType::Pubrec, &pubrec));
        QCOMPARE(pubrec.packetId, options.packetId);
        QVERIFY2(pubrec.reasonCode < 0x80, qPrintable(pubrec.describe()));
        QVERIFY(client.send(client.packets().pubrel(options.packetId)));
        Packet pubcomp;
        BS_CALL(expectPacket(client, PacketType::Pubcomp, &pubcomp));
        QCOMPARE(pubcomp.packetId, options.packetId);
    }
}

void sync(RawClient& client)
{
    QVERIFY(client.send(client.packets().pingreq()));
    BS_CALL(expectPacket(client, PacketType::Pingresp));
}

void acknowledge(RawClient& client, const Packet& publish)
{
    if (publish.qos == 1) {
        QVERIFY(client.send(client.packets().puback(publish.packetId)));
    } else if (publish.qos == 2) {
        QVERIFY(client.send(client.packets().pubrec(publish.packetId)));
        Packet pubrel;
        BS_CALL(expectPacket(client, PacketType::Pubrel, &pubrel));
        QCOMPARE(pubrel.packetId, publish.packetId);
        QVERIFY(client.send(client.packets().pubcomp(publish.packetId)));
    }
}

void expectDisconnect(RawClient& client, quint8 reasonCode, bool acceptPlainClose, int timeoutMs)
{
    const auto packet = client.readPacket(timeoutMs);
    if (!packet && acceptPlainClose) {
        QVERIFY2(client.waitClosed(timeoutMs), "the connection stayed open");
        return;
    }
    if (client.isV5()) {
        const QByteArray message = "expected DISCONNECT 0x" + QByteArray::number(reasonCode, 16) + ", got "
                                   + describe(packet);
        QVERIFY2(packet && packet->is(PacketType::Disconnect), message.constData());
        QVERIFY2(packet->reasonCode == reasonCode, message.constData());
        QVERIFY2(packet->malformed.isEmpty(), message.constData());
    } else {
        const QByteArray message = "an MQTT 3.1.1 client must be disconnected without a packet, got "
                                   + describe(packet);
        QVERIFY2(!packet, message.constData());
    }
    QVERIFY2(client.waitClosed(timeoutMs), "the connection stayed open after the DISCONNECT");
}

void expectClosedSilently(RawClient& client, int timeoutMs)
{
    const auto packet = client.readPacket(timeoutMs);
    const QByteArray message = "expected the connection to close with nothing sent, got " + describe(packet);
    QVERIFY2(!packet, message.constData());
    QVERIFY2(client.waitClosed(timeoutMs), "the connection stayed open");
}

void expectAlive(RawClient& client, const QByteArray& topicSuffix)
{
    QByteArray suffix = topicSuffix;
    for (char& c : suffix)
        if (c == '+' || c == '#' || c == '\0')
            c = '_';
    const QByteArray topic = "alive/" + suffix;
    BS_CALL(subscribe(client, topic, subscriptionOptions(0), 60001));
    BS_CALL(publish(client, {.topic = topic, .payload = "ping"_ba}));
    BS_CALL(expectPublish(client, topic, "ping"_ba, 0));
}

void expectBrokerAcceptsNewClients(quint16 port)
{
    RawClient client(port, kMqtt5);
    BS_CALL(connectClient(client, "fresh-client-after-bad-input"_ba));
    BS_CALL(expectAlive(client, "fresh"_ba));
}

QHash<QByteArray, QByteArray> userPropertyMap(const Packet& packet)
{
    QHash<QByteArray, QByteArray> map;
    for (const auto& [name, value] : packet.properties.userProperties())
        map.insert(name, value);
    return map;
}

} // namespace bs::raw
