// The daemon starting on damaged data directories. Each case writes a topic log with the
// storage API, damages it the way a crash, a bad disk or a careless operator would (torn
// tail, corrupt record in the middle, short .idx, missing middle segment, missing TOPIC
// file), starts brokerscope-broker on it and checks that it starts, that its stderr says
// which file was damaged and what was done, that a new publish gets the next offset, and
// (after a clean stop) that every undamaged record is still readable.

#include "DaemonTestSupport.h"
#include "MessageStoreTestSupport.h"

#include "broker/storage/TopicDirectory.h"
#include "peers/BrokerscopeDaemonProcess.h"
#include "raw/Expect.h"

#include <QFileInfo>
#include <QTemporaryDir>

using namespace bs::storage;
using bs::peers::BrokerOptions;
using bs::peers::BrokerscopeDaemonProcess;

namespace {

constexpr int kRecords = 20;

QByteArray payloadFor(int i)
{
    return "record-" + QByteArray::number(i).rightJustified(60, '.');
}

QList<QByteArray> payloadsFor(const QList<int>& numbers)
{
    QList<QByteArray> payloads;
    for (const int i : numbers)
        payloads << payloadFor(i);
    return payloads;
}

QList<int> numbersFrom(int from, int to)
{
    QList<int> numbers;
    for (int i = from; i < to; ++i)
        numbers << i;
    return numbers;
}

QString segmentFile(const QString& topicDir, quint64 base, const QString& suffix)
{
    return QDir(topicDir).filePath(segmentFileStem(base) + suffix);
}

} // namespace

class CraftedFilesTest : public QObject
{
    Q_OBJECT

private slots:
    void init();

    void tornTailIsTruncated();
    void corruptMiddleRecordIsSkipped();
    void truncatedIndexIsRebuilt();
    void missingMiddleSegmentIsReportedAsMissingOffsets();
    void missingTopicFileIsRewrittenFromTheLog();
    void damagedFileOfTopicWithEscapedNameIsNamedExactly();

private:
    /// Writes count records (payloadFor(0..count-1), arrival now) to topic with the storage
    /// API and returns the topic's directory.
    QString buildTopic(const QString& topic, int count, qint64 segmentBytes = 16 * 1024 * 1024);
    /// Starts the daemon on the data directory (with configLines in a --config file, if any),
    /// publishes newPayload to topic at QoS 1 and stops the daemon cleanly. m_log gets its
    /// output.
    void runDaemonAndPublish(const QString& topic, const QByteArray& newPayload,
                             const QStringList& configLines = {});
    /// Opens the data directory after the daemon and reads topic.
    TopicContents readBack(const QString& topic, QStringList* recoveryLines = nullptr);

    std::unique_ptr<QTemporaryDir> m_workDir;
    QString m_dataDir;
    QString m_log;
};

void CraftedFilesTest::init()
{
    m_workDir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_workDir->isValid());
    m_dataDir = m_workDir->filePath(u"data"_s);
    m_log.clear();
}

QString CraftedFilesTest::buildTopic(const QString& topic, int count, qint64 segmentBytes)
{
    StorageOptions options;
    options.segmentBytes = segmentBytes;
    MessageStore store(options);
    if (!store.open(m_dataDir, nullptr))
        return {};
    for (int i = 0; i < count; ++i)
        store.append(recordFor(topic, payloadFor(i)), 0);
    if (!store.commit(0) || store.topic(topic)->endOffset != quint64(count))
        return {};
    return QDir(m_dataDir).filePath(u"topics/"_s + topicDirectoryName(topic));
}

void CraftedFilesTest::runDaemonAndPublish(const QString& topic, const QByteArray& newPayload,
                                           const QStringList& configLines)
{
    BrokerOptions options;
    options.dataDirectory = m_dataDir;
    if (!configLines.isEmpty())
        options.configFile = writeConfigFile(m_workDir->path(), u"broker.conf"_s, configLines);
    BrokerscopeDaemonProcess daemon(options);
    QVERIFY2(daemon.start(), qPrintable(daemon.errorString())); // damage never stops a start
    {
        bs::raw::RawClient publisher(daemon.port(), bs::raw::kMqtt5);
        BS_STORAGE_CALL(bs::raw::connectClient(publisher, "crafted-publisher"_ba));
        const auto answer = publishQos1(publisher, topic.toUtf8(), newPayload, 1);
        QVERIFY2(answer && answer->is(bs::raw::PacketType::Puback) && answer->reasonCode < 0x80,
                 answer ? qPrintable(answer->describe()) : "no PUBACK");
        publisher.send(publisher.packets().disconnect());
    }
    const bool stoppedCleanly = daemon.stop();
    m_log = daemon.log();
    QVERIFY2(stoppedCleanly, qPrintable(m_log));
    QVERIFY2(findRecoveredLine(m_log), qPrintable(m_log));
}

TopicContents CraftedFilesTest::readBack(const QString& topic, QStringList* recoveryLines)
{
    MessageStore store;
    if (!store.open(m_dataDir, nullptr))
        return {};
    if (recoveryLines)
        *recoveryLines = store.recoveryLines();
    return readTopic(store, topic);
}

void CraftedFilesTest::tornTailIsTruncated()
{
    const QString topic = u"line-1"_s;
    const QString topicDir = buildTopic(topic, kRecords);
    QVERIFY(!topicDir.isEmpty());
    const QString logPath = segmentFile(topicDir, 0, u".log"_s);
    const qint64 size = QFileInfo(logPath).size();
    QCOMPARE(size % kRecords, 0); // records of equal size
    const qint64 recordSize = size / kRecords;
    // A crash in the middle of writing the last record: its second half never got there.
    QVERIFY(QFile::resize(logPath, size - recordSize / 2));

    BS_STORAGE_CALL(runDaemonAndPublish(topic, "after-recovery"));
    QVERIFY2(m_log.contains(logPath + u": truncated %1 bytes of a torn or corrupt record at the end"_s
                                          .arg(recordSize - recordSize / 2)),
             qPrintable(m_log));
    QCOMPARE(findRecoveredLine(m_log)->messages, kRecords - 1);

    QStringList recoveryLines;
    const TopicContents contents = readBack(topic, &recoveryLines);
    QVERIFY2(recoveryLines.isEmpty(), qPrintable(recoveryLines.join(u'\n'))); // repaired for good
    QCOMPARE(contents.offsets(), offsetRange(0, kRecords)); // the new one took offset 19
    QCOMPARE(contents.payloads(), payloadsFor(numbersFrom(0, kRecords - 1)) + QList<QByteArray>{"after-recovery"});
}

void CraftedFilesTest::corruptMiddleRecordIsSkipped()
{
    const QString topic = u"line-2"_s;
    const QString topicDir = buildTopic(topic, kRecords);
    QVERIFY(!topicDir.isEmpty());
    const QString logPath = segmentFile(topicDir, 0, u".log"_s);
    const qint64 recordSize = QFileInfo(logPath).size() / kRecords;
    {
        // Bad sectors inside record 10's payload: its CRC no longer matches.
        QFile file(logPath);
        QVERIFY(file.open(QIODevice::ReadWrite));
        QVERIFY(file.seek(10 * recordSize + recordSize - 8));
        QByteArray bytes = file.read(4);
        for (char& byte : bytes)
            byte = char(~byte);
        QVERIFY(file.seek(10 * recordSize + recordSize - 8));
        QCOMPARE(file.write(bytes), 4);
    }

    BS_STORAGE_CALL(runDaemonAndPublish(topic, "after-recovery"));
    QVERIFY2(m_log.contains(logPath + u": skipped %1 corrupt bytes at position %2"_s.arg(recordSize)
                                          .arg(10 * recordSize)),
             qPrintable(m_log));

    const TopicContents contents = readBack(topic);
    // Offset 10 is gone; the records around it and the new one (offset 20) are there.
    QCOMPARE(contents.offsets(), offsetRange(0, 10) + offsetRange(11, kRecords + 1));
    QCOMPARE(contents.payloads(),
             payloadsFor(numbersFrom(0, 10) + numbersFrom(11, kRecords)) + QList<QByteArray>{"after-recovery"});
    // Readers are told about the bytes they skip.
    QCOMPARE(contents.skipped.size(), 1);
    QCOMPARE(contents.skipped.first().position, 10 * recordSize);
    QCOMPARE(contents.skipped.first().bytes, recordSize);
}

void CraftedFilesTest::truncatedIndexIsRebuilt()
{
    const QString topic = u"line-3"_s;
    constexpr int kMany = 1200; // ~100 KB: several sparse index entries (one per 16 KB)
    const QString topicDir = buildTopic(topic, kMany);
    QVERIFY(!topicDir.isEmpty());
    const QString indexPath = segmentFile(topicDir, 0, u".idx"_s);
    const qint64 indexSize = QFileInfo(indexPath).size();
    QVERIFY2(indexSize >= 4 * 24, qPrintable(QString::number(indexSize)));
    QVERIFY(QFile::resize(indexPath, 24 + 10)); // one entry and a torn second

    BS_STORAGE_CALL(runDaemonAndPublish(topic, "after-recovery"));
    QVERIFY2(m_log.contains(indexPath + u": index rebuilt from the log"_s), qPrintable(m_log));
    QCOMPARE(QFileInfo(indexPath).size(), indexSize); // whole again (no entry for the new record yet)

    QStringList recoveryLines;
    const TopicContents contents = readBack(topic, &recoveryLines);
    QVERIFY2(recoveryLines.isEmpty(), qPrintable(recoveryLines.join(u'\n')));
    QCOMPARE(contents.offsets(), offsetRange(0, kMany + 1));
    QCOMPARE(contents.payloads(), payloadsFor(numbersFrom(0, kMany)) + QList<QByteArray>{"after-recovery"});
}

void CraftedFilesTest::missingMiddleSegmentIsReportedAsMissingOffsets()
{
    const QString topic = u"line-4"_s;
    constexpr int kMany = 250;
    const QString topicDir = buildTopic(topic, kMany, 4096);
    QVERIFY(!topicDir.isEmpty());
    const QStringList logs = QDir(topicDir).entryList({u"*.log"_s}, QDir::Files, QDir::Name);
    QVERIFY2(logs.size() >= 4, qPrintable(logs.join(u' ')));
    const quint64 missingFrom = logs[1].left(20).toULongLong();
    const quint64 missingTo = logs[2].left(20).toULongLong(); // one past the last missing
    // An operator deleted the second segment (both files).
    QVERIFY(QFile::remove(segmentFile(topicDir, missingFrom, u".log"_s)));
    QVERIFY(QFile::remove(segmentFile(topicDir, missingFrom, u".idx"_s)));

    BS_STORAGE_CALL(runDaemonAndPublish(topic, "after-recovery", {u"segment_bytes 4K"_s}));
    // The gap is reported with the topic, the offsets and the segment file that is gone.
    QVERIFY2(m_log.contains(u"recovered topic '%1':"_s.arg(topic))
                 && m_log.contains(u"offsets %1..%2 are missing (segment file %3 gone)"_s.arg(
                     QString::number(missingFrom), QString::number(missingTo - 1),
                     segmentFile(topicDir, missingFrom, u".log"_s))),
             qPrintable(m_log));

    const TopicContents contents = readBack(topic);
    QVERIFY(contents.skipped.isEmpty());
    QCOMPARE(contents.offsets(), offsetRange(0, missingFrom) + offsetRange(missingTo, kMany + 1));
    QCOMPARE(contents.payloads(),
             payloadsFor(numbersFrom(0, int(missingFrom)) + numbersFrom(int(missingTo), kMany))
                 + QList<QByteArray>{"after-recovery"});

    QCOMPARE(findRecoveredLine(m_log)->messages, qint64(kMany - (missingTo - missingFrom)));
}

void CraftedFilesTest::missingTopicFileIsRewrittenFromTheLog()
{
    const QString topic = u"line-5"_s;
    const QString topicDir = buildTopic(topic, kRecords);
    QVERIFY(!topicDir.isEmpty());
    QVERIFY(QFile::remove(QDir(topicDir).filePath(u"TOPIC"_s)));

    BS_STORAGE_CALL(runDaemonAndPublish(topic, "after-recovery"));
    // The records name their topic: the log is served under it, and the publish continues
    // it (offset 20) instead of starting a second log at 0.
    QCOMPARE(readTopicNameFile(topicDir), topic);
    QCOMPARE(findRecoveredLine(m_log)->messages, kRecords);
    QCOMPARE(QDir(QDir(m_dataDir).filePath(u"topics"_s)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).size(), 1);
    const TopicContents contents = readBack(topic);
    QCOMPARE(contents.offsets(), offsetRange(0, kRecords + 1));
    QCOMPARE(contents.payloads(), payloadsFor(numbersFrom(0, kRecords)) + QList<QByteArray>{"after-recovery"});

    QVERIFY2(m_log.contains(topicDir + u": TOPIC file rewritten from the log"_s), qPrintable(m_log));
}

void CraftedFilesTest::damagedFileOfTopicWithEscapedNameIsNamedExactly()
{
    const QString topic = u"plant/line-6"_s; // its directory is "plant%2Fline-6"
    const QString topicDir = buildTopic(topic, kRecords);
    QVERIFY(!topicDir.isEmpty());
    const QString logPath = segmentFile(topicDir, 0, u".log"_s);
    const qint64 size = QFileInfo(logPath).size();
    QVERIFY(QFile::resize(logPath, size - 10));

    BS_STORAGE_CALL(runDaemonAndPublish(topic, "after-recovery"));
    QVERIFY2(m_log.contains(u"recovered topic '%1':"_s.arg(topic)) && m_log.contains(u"truncated"_s),
             qPrintable(m_log));
    const TopicContents contents = readBack(topic);
    QCOMPARE(contents.offsets(), offsetRange(0, kRecords));
    QCOMPARE(contents.payloads().last(), "after-recovery"_ba);

    QVERIFY2(m_log.contains(logPath + u": truncated %1 bytes"_s.arg(size / kRecords - 10)),
             qPrintable(m_log));
}

QTEST_GUILESS_MAIN(CraftedFilesTest)
#include "tst_crafted_files.moc"
