// IntakeThrottle, the broker's flow control from slow readers back to publishers, over fake
// transports: a congested connection pauses everyone else's reading but its own; a reader
// that keeps taking data holds the others for as long as it is congested; one that takes
// nothing for kMaxHoldMs is stalled and released; leaving, or draining, resumes everyone.

#include "broker/core/IntakeThrottle.h"
#include "broker/net/Transport.h"

#include <QTest>
#include <QTimer>

using bs::broker::IntakeThrottle;
using bs::broker::Transport;

namespace {

class FakeTransport final : public Transport
{
public:
    void send(const QByteArray& bytes) override { m_written += quint64(bytes.size()); }
    void close() override {}
    qint64 pendingBytes() const override { return 0; }
    QString peerAddress() const override { return QStringLiteral("127.0.0.1:1"); }
    quint64 bytesWritten() const override { return m_written; }
    void setReadingPaused(bool paused) override { m_paused = paused; }

    bool paused() const { return m_paused; }
    void congest(bool congested) { emit congestionChanged(congested); }

private:
    quint64 m_written = 0;
    bool m_paused = false;
};

} // namespace

class IntakeThrottleTest : public QObject
{
    Q_OBJECT

private slots:
    void congestedReaderPausesTheOthersButItself()
    {
        IntakeThrottle throttle;
        FakeTransport reader, publisher, other;
        for (Transport* t : {static_cast<Transport*>(&reader), static_cast<Transport*>(&publisher),
                             static_cast<Transport*>(&other)})
            throttle.add(t);
        reader.congest(true);
        QVERIFY(throttle.isHolding());
        QVERIFY(!reader.paused());
        QVERIFY(publisher.paused() && other.paused());
        FakeTransport late; // a connection accepted while holding starts paused
        throttle.add(&late);
        QVERIFY(late.paused());
        reader.congest(false);
        QVERIFY(!throttle.isHolding());
        QVERIFY(!publisher.paused() && !other.paused() && !late.paused());
    }

    void queueAndOutputCongestionCombine()
    {
        IntakeThrottle throttle;
        FakeTransport reader, publisher;
        throttle.add(&reader);
        throttle.add(&publisher);
        reader.congest(true);
        throttle.setQueueCongested(&reader, true);
        reader.congest(false); // the queue still holds
        QVERIFY(publisher.paused());
        throttle.setQueueCongested(&reader, false);
        QVERIFY(!publisher.paused());
    }

    void aReaderThatKeepsReadingHoldsThePublishers()
    {
        IntakeThrottle throttle;
        FakeTransport reader, publisher;
        throttle.add(&reader);
        throttle.add(&publisher);
        reader.congest(true);
        QTimer progress;
        QObject::connect(&progress, &QTimer::timeout, &reader, [&reader] { reader.send("x"); });
        progress.start(IntakeThrottle::kMaxHoldMs / 5);
        QTest::qWait(3 * IntakeThrottle::kMaxHoldMs);
        QVERIFY(publisher.paused()); // still held: the reader is slow, not stalled
        reader.congest(false);
        QVERIFY(!publisher.paused());
    }

    void aStalledReaderIsReleasedAfterTheHoldLimit()
    {
        IntakeThrottle throttle;
        FakeTransport stalled, publisher;
        throttle.add(&stalled);
        throttle.add(&publisher);
        stalled.congest(true);
        QVERIFY(publisher.paused());
        QTRY_VERIFY_WITH_TIMEOUT(!publisher.paused(), 4 * IntakeThrottle::kMaxHoldMs);
        QVERIFY(!throttle.isHolding());
        stalled.congest(true); // still congested: ignored until it has drained
        QVERIFY(!publisher.paused());
        stalled.congest(false);
        stalled.congest(true); // drained once: it may hold again
        QVERIFY(publisher.paused());
    }

    void aCongestedConnectionThatLeavesResumesEveryone()
    {
        IntakeThrottle throttle;
        FakeTransport reader, publisher;
        throttle.add(&reader);
        throttle.add(&publisher);
        reader.congest(true);
        QVERIFY(publisher.paused());
        throttle.remove(&reader);
        QVERIFY(!publisher.paused());
        QVERIFY(!throttle.isHolding());
    }
};

QTEST_GUILESS_MAIN(IntakeThrottleTest)
#include "tst_intake_throttle.moc"
