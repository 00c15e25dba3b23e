// Flow control with real sockets (the engine in process, with a data directory): a reader
// slower than its publisher holds the publisher back through TCP instead of losing QoS 0
// messages (§4.3.1 allows dropping them; we would rather not), and a reader that stalls
// completely holds nobody back for longer than IntakeThrottle::kMaxHoldMs.

#include "broker/core/IntakeThrottle.h"
#include "raw/Expect.h"
#include "raw/TargetBroker.h"

#include <QTcpSocket>
#include <QTest>
#include <QTimer>

using namespace bs::raw;
using namespace Qt::StringLiterals;

namespace {

constexpr int kPayloadBytes = 4096;

/// A subscriber on a bare socket that reads only when told to, so the broker's output to it
/// backs up in the kernel and then in the broker.
class ThrottledSubscriber
{
public:
    explicit ThrottledSubscriber(quint16 port) : m_builder(kMqtt5)
    {
        m_socket.setReadBufferSize(64 * 1024);
        m_socket.connectToHost(QHostAddress::LocalHost, port);
    }
    bool subscribe(const QByteArray& clientId, const QByteArray& filter)
    {
        if (!m_socket.waitForConnected(kDefaultTimeoutMs))
            return false;
        m_socket.write(m_builder.connect({.clientId = clientId}));
        m_socket.write(m_builder.subscribe(1, filter, 0));
        return waitFor(PacketType::Suback);
    }
    /// Reads at most maxBytes and decodes what is complete; returns the PUBLISH payloads.
    QList<QByteArray> read(qint64 maxBytes)
    {
        m_buffer += m_socket.read(maxBytes);
        QList<QByteArray> payloads;
        Packet packet;
        while (decodePacket(m_buffer, kMqtt5, &packet) == DecodeStatus::Decoded) {
            if (packet.is(PacketType::Publish))
                payloads << packet.payload;
        }
        return payloads;
    }

private:
    bool waitFor(PacketType type)
    {
        QDeadlineTimer deadline(kDefaultTimeoutMs);
        while (!deadline.hasExpired()) {
            m_socket.waitForReadyRead(50);
            m_buffer += m_socket.readAll();
            Packet packet;
            while (decodePacket(m_buffer, kMqtt5, &packet) == DecodeStatus::Decoded) {
                if (packet.is(type))
                    return true;
            }
        }
        return false;
    }

    PacketBuilder m_builder;
    QTcpSocket m_socket;
    QByteArray m_buffer;
};

QByteArray floodOf(const PacketBuilder& builder, const QByteArray& topic, int count)
{
    QByteArray bytes;
    for (int i = 0; i < count; ++i) {
        QByteArray payload = QByteArray::number(i).rightJustified(10, '0');
        payload.resize(kPayloadBytes, '.');
        bytes += builder.publish({.topic = topic, .payload = payload});
    }
    return bytes;
}

} // namespace

class SlowReaderTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // 40 MB of QoS 0 as fast as TCP takes it, to a reader that takes ~12 MB/s: more than the
    // 16 MB a connection may have unsent, so without flow control most would be dropped.
    // Every message arrives, in order.
    void slowQos0ReaderLosesNothing()
    {
        constexpr int kMessages = 10'000;
        ThrottledSubscriber reader(m_broker->port());
        QVERIFY(reader.subscribe("reader"_ba, "flood"_ba));
        RawClient publisher(m_broker->port());
        BS_CALL(connectClient(publisher, "flooder"_ba));
        QVERIFY(publisher.send(floodOf(publisher.packets(), "flood"_ba, kMessages)));

        QList<QByteArray> received;
        QTimer slowly;
        QObject::connect(&slowly, &QTimer::timeout, [&] { received += reader.read(128 * 1024); });
        slowly.start(10);
        QTRY_COMPARE_WITH_TIMEOUT(received.size(), kMessages, 60'000);
        for (int i = 0; i < kMessages; ++i)
            QCOMPARE(received[i].left(10), QByteArray::number(i).rightJustified(10, '0'));
    }

    // A reader that never reads congests; after kMaxHoldMs without progress the broker stops
    // holding the others for it: another publisher's QoS 1 message reaches its subscriber.
    void stalledReaderHoldsNobodyBackForLong()
    {
        ThrottledSubscriber stalled(m_broker->port());
        QVERIFY(stalled.subscribe("stalled"_ba, "a"_ba));
        RawClient flooder(m_broker->port());
        BS_CALL(connectClient(flooder, "flooder"_ba));
        QVERIFY(flooder.send(floodOf(flooder.packets(), "a"_ba, 8'000)));

        RawClient listener(m_broker->port());
        BS_CALL(connectClient(listener, "listener"_ba));
        BS_CALL(subscribe(listener, "b"_ba, subscriptionOptions(1)));
        RawClient sender(m_broker->port());
        BS_CALL(connectClient(sender, "sender"_ba));
        QElapsedTimer took;
        took.start();
        QVERIFY(sender.send(sender.packets().publish({.topic = "b"_ba, .payload = "through"_ba, .qos = 1, .packetId = 7})));
        Packet puback;
        BS_CALL(expectPacket(sender, PacketType::Puback, &puback, 10 * bs::broker::IntakeThrottle::kMaxHoldMs));
        BS_CALL(expectPublish(listener, "b"_ba, "through"_ba, 1));
        QVERIFY2(took.elapsed() < 10 * bs::broker::IntakeThrottle::kMaxHoldMs, qPrintable(QString::number(took.elapsed())));
    }

private:
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(SlowReaderTest)
#include "tst_slow_reader.moc"
