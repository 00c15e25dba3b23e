// The protocol driven without sockets, through the Transport seam: in-memory transports
// carry bytes to and from one BrokerCore (MQTT 5 §3.1 CONNECT, §3.8 SUBSCRIBE, §3.3 PUBLISH).
#include "broker/core/BrokerCore.h"
#include "MemoryTransport.h"
#include "broker/protocol/PacketFramer.h"
#include "broker/protocol/Packets.h"

#include <QTest>

using namespace bs::broker;
using namespace bs::mqtt;
using bs::broker::testing::MemoryTransport;

namespace {

QByteArray connectPacket(const char* clientId)
{
    ByteWriter body;
    body.utf8(QStringLiteral("MQTT"));
    body.u8(5);
    body.u8(0x02); // clean start
    body.u16(60);
    Properties().write(body);
    body.utf8(QString::fromLatin1(clientId));
    return framePacket(0x10, body.bytes());
}

} // namespace

class TransportSeamTest : public QObject
{
    Q_OBJECT
private slots:
    void publishReachesSubscriberWithoutSockets()
    {
        BrokerCore core{BrokerConfig{}};
        auto* subscriberLink = new MemoryTransport;
        auto* publisherLink = new MemoryTransport;
        core.accept(subscriberLink);
        core.accept(publisherLink);

        subscriberLink->deliverToBroker(connectPacket("sub"));
        auto connack = subscriberLink->nextFromBroker();
        QVERIFY(connack);
        QCOMPARE(connack->type(), quint8(PacketType::Connack));
        QCOMPARE(quint8(connack->body[1]), quint8(0x00)); // Success

        ByteWriter subscribe;
        subscribe.u16(1);
        Properties().write(subscribe);
        subscribe.utf8(QStringLiteral("orders/+"));
        subscribe.u8(0x01); // QoS 1
        subscriberLink->deliverToBroker(framePacket(0x82, subscribe.bytes()));
        auto suback = subscriberLink->nextFromBroker();
        QVERIFY(suback);
        QCOMPARE(suback->type(), quint8(PacketType::Suback));
        QCOMPARE(suback->body.back(), char(0x01)); // granted QoS 1

        publisherLink->deliverToBroker(connectPacket("pub"));
        QVERIFY(publisherLink->nextFromBroker());
        PublishPacket publish;
        publish.topic = QStringLiteral("orders/created");
        publish.qos = 1;
        publish.packetId = 9;
        publish.payload = "{\"orderId\":1}";
        publish.properties.userProperties = {{QStringLiteral("k"), QStringLiteral("v")}};
        publisherLink->deliverToBroker(encodePublish(ProtocolVersion::V5, publish));

        auto puback = publisherLink->nextFromBroker();
        QVERIFY(puback);
        QCOMPARE(puback->type(), quint8(PacketType::Puback));
        auto delivered = subscriberLink->nextFromBroker();
        QVERIFY(delivered);
        QCOMPARE(delivered->type(), quint8(PacketType::Publish));
        ByteReader reader(delivered->body);
        const PublishPacket got = decodePublish(reader, delivered->flags(), ProtocolVersion::V5);
        QVERIFY(reader.ok());
        QCOMPARE(got.topic, publish.topic);
        QCOMPARE(got.payload, publish.payload);
        QCOMPARE(got.qos, quint8(1));
        QCOMPARE(got.properties.userProperties, publish.properties.userProperties);
        QCOMPARE(core.stats().messagesReceived, quint64(1));
        QCOMPARE(core.stats().messagesSent, quint64(1));
    }

    void clientsMayNotPublishToSys()
    {
        BrokerConfig config;
        config.sysIntervalSeconds = 0;
        BrokerCore core(config);
        auto* link = new MemoryTransport;
        core.accept(link);
        link->deliverToBroker(connectPacket("intruder"));
        QVERIFY(link->nextFromBroker());
        PublishPacket publish;
        publish.topic = QStringLiteral("$SYS/broker/clients/connected");
        publish.qos = 1;
        publish.packetId = 3;
        publish.retain = true;
        publish.payload = "9999";
        link->deliverToBroker(encodePublish(ProtocolVersion::V5, publish));
        const auto puback = link->nextFromBroker();
        QVERIFY(puback);
        QCOMPARE(puback->type(), quint8(PacketType::Puback));
        QCOMPARE(quint8(puback->body[2]), quint8(ReasonCode::NotAuthorized)); // as Mosquitto
        QCOMPARE(core.stats().retainedMessages, quint64(0));
        QVERIFY(!link->isClosed());
    }

    void packetBeforeConnectClosesSilently()
    {
        BrokerCore core{BrokerConfig{}};
        auto* link = new MemoryTransport;
        core.accept(link);
        link->deliverToBroker(QByteArray("\xC0\x00", 2)); // PINGREQ first: §3.1
        QVERIFY(link->isClosed());
        QVERIFY(!link->nextFromBroker());
    }
};

QTEST_GUILESS_MAIN(TransportSeamTest)
#include "tst_transport_seam.moc"
