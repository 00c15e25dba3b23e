// Crash recovery of the daemon's message logs: four QoS 1 publishers (two MQTT 5, two
// MQTT 3.1.1) publish numbered payloads to their own topics as fast as PUBACKs come back,
// while the daemon is killed with SIGKILL at random moments and restarted on the same data
// directory (rotating fsync always / interval / never). Afterwards every acknowledged
// number must be in its topic's log, first appearances must go 1, 2, 3, ... and a
// number may appear again only if it was in flight when a connection dropped.
//
// The kill moments are random but reproducible: the seed is printed, and
// BS_CRASH_SEED=<seed> runs the same schedule again (kill D ms after N more PUBACKs).

#include "DaemonTestSupport.h"
#include "MessageStoreTestSupport.h"
#include "SequencePublisher.h"

#include "peers/BrokerscopeDaemonProcess.h"
#include "peers/WaitUntil.h"

#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>
#include <csignal>
#include <sys/types.h>
#include <memory>
#include <vector>

using bs::peers::BrokerOptions;
using bs::peers::BrokerscopeDaemonProcess;

namespace {

constexpr int kKills = 25;
constexpr int kWindow = 20;
/// A kill comes after 0..kMaxAcksBetweenKills more PUBACKs (0: before anyone reconnects).
constexpr int kMaxAcksBetweenKills = 8000;
constexpr int kMaxKillDelayMs = 30;

} // namespace

class CrashRecoveryTest : public QObject
{
    Q_OBJECT

private slots:
    void acknowledgedMessagesSurviveRepeatedKills();

private:
    int totalAcknowledged() const;
    void startDaemon(int run);
    void verifyLog(bs::storage::MessageStore& store, const SequencePublisher& publisher);

    QTemporaryDir m_workDir;
    QStringList m_configFiles;
    std::vector<std::unique_ptr<SequencePublisher>> m_publishers;
    std::unique_ptr<BrokerscopeDaemonProcess> m_daemon;
    quint16 m_port = 0;
};

int CrashRecoveryTest::totalAcknowledged() const
{
    int total = 0;
    for (const auto& publisher : m_publishers)
        total += int(publisher->acknowledged().size());
    return total;
}

void CrashRecoveryTest::startDaemon(int run)
{
    BrokerOptions options;
    options.dataDirectory = m_workDir.filePath(u"data"_s);
    options.configFile = m_configFiles[run % m_configFiles.size()];
    options.port = m_port; // 0 the first time; then the same port, where clients reconnect
    m_daemon = std::make_unique<BrokerscopeDaemonProcess>(options);
    QVERIFY2(m_daemon->start(), qPrintable(m_daemon->errorString()));
    m_port = m_daemon->port();

    // Every start says what it recovered; everything acknowledged so far must be in it
    // (no new PUBACK can have come yet: the publishers reconnect below).
    const QString log = m_daemon->log();
    const std::optional<RecoveredLine> recovered = findRecoveredLine(log);
    QVERIFY2(recovered, qPrintable(u"run %1: no \"recovered\" line in:\n%2"_s.arg(run).arg(log)));
    QCOMPARE(recovered->directory, options.dataDirectory);
    QCOMPARE(recovered->fsync, QStringList({u"always"_s, u"interval"_s, u"never"_s})[run % 3]);
    QVERIFY2(recovered->messages >= totalAcknowledged(),
             qPrintable(u"run %1: recovered %2 messages, but %3 were acknowledged"_s.arg(run)
                            .arg(recovered->messages).arg(totalAcknowledged())));
    const QStringList damage = linesContaining(log, u"truncated"_s) + linesContaining(log, u"skipped"_s)
        + linesContaining(log, u"are missing"_s) + linesContaining(log, u"rebuilt"_s);
    qInfo().noquote() << u"run %1: recovered %2 messages (%3 acknowledged so far), fsync %4%5"_s.arg(run)
                             .arg(recovered->messages).arg(totalAcknowledged()).arg(recovered->fsync)
                             .arg(damage.isEmpty() ? QString() : u"\n  "_s + damage.join(u"\n  "_s));
    QVERIFY2(linesContaining(log, u"are missing"_s).isEmpty(), qPrintable(log)); // no segment lost
    for (const auto& publisher : m_publishers)
        publisher->connectTo(m_port);
}

void CrashRecoveryTest::acknowledgedMessagesSurviveRepeatedKills()
{
    // Bad input: a BS_CRASH_SEED that is not a number is ignored (a random seed is used).
    bool seedGiven = false;
    const quint32 seed = qEnvironmentVariable("BS_CRASH_SEED").toUInt(&seedGiven);
    const quint32 usedSeed = seedGiven ? seed : QRandomGenerator::system()->generate();
    qInfo("kill schedule seed %u (rerun with BS_CRASH_SEED=%u)", usedSeed, usedSeed);
    QRandomGenerator random(usedSeed);

    QVERIFY(m_workDir.isValid());
    m_configFiles = {writeConfigFile(m_workDir.path(), u"always.conf"_s, {u"fsync always"_s}),
                     writeConfigFile(m_workDir.path(), u"interval.conf"_s,
                                     {u"fsync interval"_s, u"fsync_interval 50ms"_s}),
                     writeConfigFile(m_workDir.path(), u"never.conf"_s, {u"fsync never"_s})};
    m_publishers.push_back(std::make_unique<SequencePublisher>(u"v5-a"_s, bs::raw::kMqtt5, kWindow));
    m_publishers.push_back(std::make_unique<SequencePublisher>(u"v5-b"_s, bs::raw::kMqtt5, kWindow));
    m_publishers.push_back(std::make_unique<SequencePublisher>(u"v311-a"_s, bs::raw::kMqtt311, kWindow));
    m_publishers.push_back(std::make_unique<SequencePublisher>(u"v311-b"_s, bs::raw::kMqtt311, kWindow));

    for (int run = 0; run < kKills; ++run) {
        startDaemon(run);
        if (QTest::currentTestFailed())
            return;
        const int moreAcks = int(random.bounded(kMaxAcksBetweenKills + 1));
        const int target = totalAcknowledged() + moreAcks;
        QVERIFY2(bs::peers::waitUntil([&] { return totalAcknowledged() >= target; }, std::chrono::seconds(20)),
                 qPrintable(u"run %1: only %2 of %3 PUBACKs; daemon log:\n%4"_s.arg(run)
                                .arg(totalAcknowledged()).arg(target).arg(m_daemon->log())));
        // The kill lands 0..kMaxKillDelayMs later, while the publishers keep going, so it
        // meets the daemon anywhere in its read / append / write / acknowledge cycle.
        const qint64 pid = m_daemon->pid();
        const int killDelayMs = int(random.bounded(kMaxKillDelayMs + 1));
        QTimer::singleShot(killDelayMs, this, [pid] { ::kill(pid_t(pid), SIGKILL); });
        QVERIFY2(bs::peers::waitUntil([&] { return !m_daemon->isRunning(); }, std::chrono::seconds(5)),
                 "SIGKILL did not end the daemon");
        qInfo("run %d: pid %lld killed %d ms after %d more PUBACKs", run, pid, killDelayMs, moreAcks);
    }

    // A last run without a kill: everyone makes progress, then everything in flight is
    // acknowledged and the daemon stops cleanly (exit code 0).
    startDaemon(kKills);
    if (QTest::currentTestFailed())
        return;
    for (const auto& publisher : m_publishers) {
        const int target = int(publisher->acknowledged().size()) + 100;
        QVERIFY2(bs::peers::waitUntil([&] { return publisher->acknowledged().size() >= target; },
                                      std::chrono::seconds(20)),
                 qPrintable(publisher->name()));
        publisher->stopSending();
    }
    for (const auto& publisher : m_publishers) {
        QVERIFY2(bs::peers::waitUntil([&] { return publisher->isIdle(); }, std::chrono::seconds(20)),
                 qPrintable(publisher->name()));
        publisher->disconnectCleanly();
    }
    QVERIFY2(m_daemon->stop(), qPrintable(m_daemon->log()));

    bs::storage::MessageStore store;
    QVERIFY(store.open(m_workDir.filePath(u"data"_s), nullptr));
    QVERIFY2(store.recoveryLines().isEmpty(), qPrintable(store.recoveryLines().join(u'\n')));
    for (const auto& publisher : m_publishers)
        BS_STORAGE_CALL(verifyLog(store, *publisher));
}

void CrashRecoveryTest::verifyLog(bs::storage::MessageStore& store, const SequencePublisher& publisher)
{
    QVERIFY2(publisher.protocolErrors().isEmpty(), qPrintable(publisher.protocolErrors().join(u'\n')));
    QCOMPARE(publisher.refusals(), 0); // storage never failed here: nothing may be refused
    // Every number sent was eventually acknowledged (unacknowledged ones were resent).
    QCOMPARE(int(publisher.acknowledged().size()), publisher.highestSent());

    const TopicContents contents = readTopic(store, publisher.topic());
    QVERIFY2(contents.skipped.isEmpty() && contents.error.isEmpty(), qPrintable(contents.error));
    QSet<int> seen;
    int lastFirstSeen = 0;
    int duplicates = 0;
    for (const bs::storage::LogRecord& record : contents.records) {
        const int seq = publisher.sequenceOf(record.payload);
        QVERIFY2(seq > 0, record.payload.constData());
        if (seen.contains(seq)) {
            ++duplicates;
            QVERIFY2(publisher.resent().contains(seq),
                     qPrintable(u"%1:%2 is stored twice but was never resent"_s.arg(publisher.name()).arg(seq)));
            continue;
        }
        // First appearances are 1, 2, 3, ...: what one connection's publishes leave in the
        // log after a kill is always a prefix of what was sent.
        QVERIFY2(seq == lastFirstSeen + 1,
                 qPrintable(u"%1: %2 first appears after %3"_s.arg(publisher.name()).arg(seq).arg(lastFirstSeen)));
        lastFirstSeen = seq;
        seen.insert(seq);
    }
    QList<int> missing;
    for (const int seq : publisher.acknowledged()) {
        if (!seen.contains(seq))
            missing << seq;
    }
    std::sort(missing.begin(), missing.end());
    QVERIFY2(missing.isEmpty(), qPrintable(u"%1: %2 acknowledged numbers missing, first %3"_s
                                               .arg(publisher.name()).arg(missing.size())
                                               .arg(missing.value(0))));
    qInfo("%s: %d acknowledged, %lld records, %d duplicates (%lld resent)", qPrintable(publisher.name()),
          int(publisher.acknowledged().size()), qint64(contents.records.size()), duplicates,
          qint64(publisher.resent().size()));
}

QTEST_GUILESS_MAIN(CrashRecoveryTest)
#include "tst_crash_recovery.moc"
