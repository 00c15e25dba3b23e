// Robustness: thousands of connections send random and mutated packets (seeded, so a
// failure replays). The engine must close each bad connection without crashing, free it,
// and keep serving a well-behaved client connected all along (developers' guide: bad input
// gets a clear error and loses nothing; MQTT 5 §4.13).
#include "MemoryTransport.h"
#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/protocol/Packets.h"

#include <QRandomGenerator>
#include <QTest>

using namespace bs::broker;
using namespace bs::mqtt;
using bs::broker::testing::MemoryTransport;

namespace {

QByteArray connectPacket(const QString& clientId, quint8 level)
{
    ByteWriter body;
    body.utf8(QStringLiteral("MQTT"));
    body.u8(level);
    body.u8(0x02);
    body.u16(60);
    if (level == 5)
        Properties().write(body);
    body.utf8(clientId);
    return framePacket(0x10, body.bytes());
}

QByteArray validPacket(QRandomGenerator& rng, quint8 level)
{
    const auto version = level == 5 ? ProtocolVersion::V5 : ProtocolVersion::V311;
    switch (rng.bounded(3)) {
    case 0: {
        PublishPacket p;
        p.topic = QStringLiteral("fuzz/%1").arg(rng.bounded(10));
        p.qos = quint8(rng.bounded(3));
        p.packetId = p.qos ? quint16(1 + rng.bounded(100)) : 0;
        p.payload = QByteArray(int(rng.bounded(20)), 'p');
        if (level == 5)
            p.properties.userProperties = {{QStringLiteral("k"), QStringLiteral("v")}};
        return encodePublish(version, p);
    }
    case 1: {
        ByteWriter w;
        w.u16(quint16(1 + rng.bounded(100)));
        if (level == 5)
            Properties().write(w);
        w.utf8(QStringLiteral("fuzz/+"));
        w.u8(quint8(rng.bounded(3)));
        return framePacket(0x82, w.bytes());
    }
    default: return encodeAck(version, PacketType::Pubrel, quint16(1 + rng.bounded(100)));
    }
}

QByteArray randomBytes(QRandomGenerator& rng, int size)
{
    QByteArray out(size, '\0');
    for (char& c : out)
        c = char(rng.bounded(256));
    return out;
}

/// A valid packet with a few bytes changed, or pure noise behind a random fixed header.
QByteArray badPacket(QRandomGenerator& rng, quint8 level)
{
    if (rng.bounded(2) == 0) {
        QByteArray packet = validPacket(rng, level);
        const int flips = 1 + int(rng.bounded(3));
        for (int i = 0; i < flips; ++i)
            packet[rng.bounded(packet.size())] = char(rng.bounded(256));
        return packet;
    }
    const QByteArray body = randomBytes(rng, int(rng.bounded(40)));
    ByteWriter w;
    w.u8(quint8(rng.bounded(256)));
    w.varint(quint32(body.size()));
    w.raw(body);
    return w.bytes();
}

} // namespace

class GarbageTest : public QObject
{
    Q_OBJECT
private slots:
    void survivesRandomAndMutatedPackets()
    {
        BrokerConfig config;
        config.sysIntervalSeconds = 0;
        BrokerCore core(config);
        auto* steady = new MemoryTransport;
        core.accept(steady);
        steady->deliverToBroker(connectPacket(QStringLiteral("steady"), 5));
        QVERIFY(steady->nextFromBroker()); // CONNACK
        ByteWriter subscribe;
        subscribe.u16(1);
        Properties().write(subscribe);
        subscribe.utf8(QStringLiteral("health/check"));
        subscribe.u8(0x01);
        steady->deliverToBroker(framePacket(0x82, subscribe.bytes()));
        QVERIFY(steady->nextFromBroker()); // SUBACK

        QRandomGenerator rng(20261128);
        int closedByBroker = 0;
        for (int i = 0; i < 3000; ++i) {
            auto* link = new MemoryTransport;
            core.accept(link);
            const quint8 level = rng.bounded(2) ? 5 : 4;
            if (rng.bounded(4) != 0)
                link->deliverToBroker(connectPacket(QStringLiteral("fuzz-%1").arg(i), level));
            const int packets = 1 + int(rng.bounded(5));
            for (int k = 0; k < packets && !link->isClosed(); ++k)
                link->deliverToBroker(rng.bounded(3) ? badPacket(rng, level) : validPacket(rng, level));
            if (link->isClosed())
                ++closedByBroker;
            else
                link->close(); // the client goes away
        }
        QVERIFY2(closedByBroker > 1000, qPrintable(QString::number(closedByBroker)));

        // Every bad connection is freed; only the steady client remains.
        QTRY_COMPARE_WITH_TIMEOUT(core.stats().clientsConnected, quint64(1), 5000);
        QTRY_COMPARE_WITH_TIMEOUT(core.findChildren<ClientConnection*>(QString(), Qt::FindDirectChildrenOnly).size(), 1, 5000);

        // ...and it is still served.
        while (steady->nextFromBroker()) {
        }
        PublishPacket check;
        check.topic = QStringLiteral("health/check");
        check.payload = "ok";
        auto* publisher = new MemoryTransport;
        core.accept(publisher);
        publisher->deliverToBroker(connectPacket(QStringLiteral("checker"), 5));
        publisher->deliverToBroker(encodePublish(ProtocolVersion::V5, check));
        const auto delivered = steady->nextFromBroker();
        QVERIFY(delivered);
        QCOMPARE(delivered->type(), quint8(PacketType::Publish));
        QVERIFY(delivered->body.endsWith("ok"));
    }
};

QTEST_GUILESS_MAIN(GarbageTest)
#include "tst_garbage.moc"
