// The daemon when its disk is full: run with a 64 KB file size limit (writes past it fail
// with EFBIG, as with ENOSPC), publishes of 1 KB fill the topic's log until the engine
// refuses them. MQTT 5 QoS 1 publishers hear PUBACK 0x97 (Quota exceeded); MQTT 3.1.1 and
// QoS 0 publishers are disconnected; subscribers keep their connection, can subscribe and
// get retained messages. When the limit is lifted the daemon takes publishes again, and
// the log holds exactly the messages acknowledged with Success, in order.

#include "DaemonTestSupport.h"
#include "FileSizeLimitedDaemon.h"
#include "MessageStoreTestSupport.h"

#include "raw/Expect.h"

#include <QTemporaryDir>

using bs::raw::Packet;
using bs::raw::PacketType;
using bs::raw::RawClient;

namespace {

constexpr qint64 kFileSizeLimit = 64 * 1024;
constexpr quint8 kQuotaExceeded = 0x97;
const QByteArray kDataTopic = "disk/data"_ba;
const QByteArray kRetainedTopic = "disk/retained"_ba;

QByteArray kilobytePayload(int i)
{
    return "message-" + QByteArray::number(i).rightJustified(1016, '.');
}

/// PINGREQ, then every PUBLISH that comes before the PINGRESP (the broker has handled
/// everything sent before the ping by then). Fails if the PINGRESP does not come.
QList<Packet> publishesUntilPong(RawClient& client)
{
    QList<Packet> publishes;
    if (!client.send(client.packets().pingreq()))
        return publishes;
    for (;;) {
        const std::optional<Packet> packet = client.readPacket();
        if (!packet) {
            QTest::qFail("no PINGRESP: the subscriber's connection is gone", __FILE__, __LINE__);
            return publishes;
        }
        if (packet->is(PacketType::Pingresp))
            return publishes;
        if (packet->is(PacketType::Publish))
            publishes << *packet;
    }
}

QList<QByteArray> payloadsOn(const QList<Packet>& publishes, const QByteArray& topic)
{
    QList<QByteArray> payloads;
    for (const Packet& publish : publishes) {
        if (publish.topic == topic)
            payloads << publish.payload;
    }
    return payloads;
}

} // namespace

class DiskFullTest : public QObject
{
    Q_OBJECT

private slots:
    void refusesWhileFullAndServesAgainWhenSpaceReturns();

private:
    /// Publishes the next 1 KB message with the v5 publisher and returns its PUBACK reason
    /// code (-1: no PUBACK). Success ones are added to m_accepted.
    int publishNext();

    std::unique_ptr<RawClient> m_publisher;
    int m_nextMessage = 0;
    QList<QByteArray> m_accepted; ///< acknowledged with Success, in order
    QList<QByteArray> m_refused;  ///< answered with 0x97
};

int DiskFullTest::publishNext()
{
    const QByteArray payload = kilobytePayload(m_nextMessage);
    const auto packetId = quint16(m_nextMessage % 0xFFFF + 1);
    ++m_nextMessage;
    const std::optional<Packet> answer = publishQos1(*m_publisher, kDataTopic, payload, packetId);
    if (!answer || !answer->is(PacketType::Puback) || answer->packetId != packetId)
        return -1;
    if (answer->reasonCode == 0x00)
        m_accepted << payload;
    else if (answer->reasonCode == kQuotaExceeded)
        m_refused << payload;
    return answer->reasonCode;
}

void DiskFullTest::refusesWhileFullAndServesAgainWhenSpaceReturns()
{
    QTemporaryDir workDir;
    const QString dataDir = workDir.filePath(u"data"_s);
    FileSizeLimitedDaemon daemon;
    QVERIFY2(daemon.start(dataDir, kFileSizeLimit), qPrintable(daemon.errorString()));

    // A subscriber from before the disk filled up, and a retained message.
    RawClient subscriber(daemon.port(), bs::raw::kMqtt5);
    BS_STORAGE_CALL(bs::raw::connectClient(subscriber, "disk-subscriber"_ba));
    BS_STORAGE_CALL(bs::raw::subscribe(subscriber, "disk/#", bs::raw::subscriptionOptions(0), 1));
    m_publisher = std::make_unique<RawClient>(daemon.port(), bs::raw::kMqtt5);
    BS_STORAGE_CALL(bs::raw::connectClient(*m_publisher, "disk-publisher-v5"_ba));
    bs::raw::PublishOptions retained{kRetainedTopic, "kept in memory", 1, 0xFFFF, true};
    BS_STORAGE_CALL(bs::raw::publish(*m_publisher, retained));

    // Fill the log: 1 KB at a time until the engine refuses with 0x97 (the publisher stays
    // connected). 64 KB hold about 60 of them.
    int reason = 0;
    while (reason == 0x00 && m_nextMessage < 200)
        reason = publishNext();
    QCOMPARE(reason, int(kQuotaExceeded));
    const qsizetype acceptedBeforeFull = m_accepted.size();
    QVERIFY2(acceptedBeforeFull >= 40 && acceptedBeforeFull < 64, qPrintable(QString::number(acceptedBeforeFull)));
    QVERIFY(m_publisher->isConnected());
    QTRY_VERIFY_WITH_TIMEOUT(daemon.standardError().contains(u"brokerscope.storage: cannot write: "_s), 5000);
    // Refused at once now (within a second of the failure): 0x97 again, still connected.
    QCOMPARE(publishNext(), int(kQuotaExceeded));
    QVERIFY(m_publisher->isConnected());
    {
        QVERIFY2(!daemon.standardError().contains(u"writing again"_s), qPrintable(daemon.standardError()));
    }

    // A QoS 0 publisher cannot be told in an ack: MQTT 5 ones get DISCONNECT 0x97.
    RawClient qos0Publisher(daemon.port(), bs::raw::kMqtt5);
    BS_STORAGE_CALL(bs::raw::connectClient(qos0Publisher, "disk-publisher-qos0"_ba));
    QVERIFY(qos0Publisher.send(qos0Publisher.packets().publish({kDataTopic, kilobytePayload(-1), 0, 0, false})));
    {
        const std::optional<Packet> answer = qos0Publisher.readPacket(1000);
        QVERIFY2(answer && answer->is(PacketType::Disconnect) && answer->reasonCode == kQuotaExceeded,
                 answer ? qPrintable(answer->describe()) : "nothing within 1 s");
        qos0Publisher.abort();
    }

    // An MQTT 3.1.1 QoS 1 publisher cannot be told in its PUBACK: it is disconnected
    // without one.
    RawClient oldPublisher(daemon.port(), bs::raw::kMqtt311);
    BS_STORAGE_CALL(bs::raw::connectClient(oldPublisher, "disk-publisher-v311"_ba));
    {
        const auto answer = publishQos1(oldPublisher, kDataTopic, kilobytePayload(-2), 1);
        QVERIFY2(!answer, qPrintable(answer ? answer->describe() : QString()));
        QVERIFY(oldPublisher.waitClosed());
    }

    // The subscriber is still served: it got every accepted message in order, its
    // connection answers, and it can subscribe and get the retained message.
    const QList<Packet> received = publishesUntilPong(subscriber);
    if (QTest::currentTestFailed())
        return;
    QCOMPARE(payloadsOn(received, kRetainedTopic), QList<QByteArray>{"kept in memory"});
    const QList<QByteArray> delivered = payloadsOn(received, kDataTopic);
    QCOMPARE(delivered.mid(0, acceptedBeforeFull), m_accepted);
    BS_STORAGE_CALL(bs::raw::subscribe(subscriber, kRetainedTopic, bs::raw::subscriptionOptions(0), 2));
    BS_STORAGE_CALL(bs::raw::expectPublish(subscriber, kRetainedTopic, "kept in memory", 0));
    {
        QCOMPARE(delivered.size(), acceptedBeforeFull); // refused messages are not delivered
    }

    // Space comes back: within a few seconds publishes are accepted again.
    QVERIFY(daemon.raiseFileSizeLimit());
    QTRY_VERIFY_WITH_TIMEOUT(publishNext() == 0x00, 5000);
    // The last word of the storage is that it writes again.
    QTRY_VERIFY_WITH_TIMEOUT(
        daemon.standardError().lastIndexOf(u"brokerscope.storage: writing again; publishes are accepted"_s)
            > daemon.standardError().lastIndexOf(u"brokerscope.storage: cannot write: "_s),
        5000);
    for (int i = 0; i < 20; ++i)
        QCOMPARE(publishNext(), 0x00);
    const QList<QByteArray> deliveredAfter = payloadsOn(publishesUntilPong(subscriber), kDataTopic);
    QCOMPARE(deliveredAfter.mid(deliveredAfter.size() - 21), m_accepted.mid(m_accepted.size() - 21));
    m_publisher->send(m_publisher->packets().disconnect());
    subscriber.send(subscriber.packets().disconnect());
    QVERIFY2(daemon.stop(), qPrintable(daemon.standardError()));
    qInfo("%lld accepted before the disk was full, %lld refused, %lld accepted in all",
          qint64(acceptedBeforeFull), qint64(m_refused.size()), qint64(m_accepted.size()));

    // The log holds exactly the messages acknowledged with Success, in order, readable end
    // to end (a failed batch left nothing behind).
    bs::storage::MessageStore store;
    QVERIFY(store.open(dataDir, nullptr));
    QVERIFY2(store.recoveryLines().isEmpty(), qPrintable(store.recoveryLines().join(u'\n')));
    const TopicContents contents = readTopic(store, QString::fromUtf8(kDataTopic));
    QVERIFY(contents.skipped.isEmpty() && contents.error.isEmpty());
    QCOMPARE(contents.offsets(), offsetRange(0, quint64(m_accepted.size())));
    QCOMPARE(contents.payloads(), m_accepted);
    const TopicContents retainedLog = readTopic(store, QString::fromUtf8(kRetainedTopic));
    QCOMPARE(retainedLog.records.size(), 1);
    QVERIFY(retainedLog.records.first().retain);
}

QTEST_GUILESS_MAIN(DiskFullTest)
#include "tst_disk_full.moc"
