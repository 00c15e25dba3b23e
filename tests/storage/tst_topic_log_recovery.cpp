// TopicLog recovery from crafted damage: torn tail, corrupt records (at the end, in the
// middle, in the header, in the indexed part), short or missing index, missing segment,
// disk full; and the time to open a log of a million records (printed, not asserted).

#include "TopicLogTestSupport.h"

#include <QElapsedTimer>
#include <QFile>
#include <QTemporaryDir>
#include <csignal>
#include <sys/resource.h>

class TopicLogRecoveryTest : public QObject
{
    Q_OBJECT

private slots:
    void truncatesTornTail();
    void truncatesCorruptLastRecord();
    void resyncsAfterCorruptRecordHeader();
    void readReportsCorruptionInIndexedPart();
    void skipsCorruptMiddleRecord();
    void rebuildsTruncatedAndMissingIndex();
    void reportsAndSkipsMissingSegment();
    void diskFullReturnsErrorAndKeepsStoredData();
    void reportsOpenTimeForAMillionRecords();
};

void TopicLogRecoveryTest::truncatesTornTail()
{
    QTemporaryDir dir;
    fillLog(dir.path(), 10, {});
    const QString path = segmentPath(dir.path(), 0, u".log"_s);
    const qint64 goodSize = QFileInfo(path).size();
    {
        // Half of an 11th record: a write torn by a crash.
        QFile file(path);
        QVERIFY(file.open(QIODevice::Append));
        LogRecord torn = smallRecord(10);
        torn.offset = 10;
        file.write(encodeRecord(torn).left(30));
    }
    TopicLog log;
    QVERIFY(log.open(dir.path()));
    const RecoveryReport& report = log.recoveryReport();
    QCOMPARE(report.truncatedTails.size(), 1);
    QCOMPARE(report.truncatedTails.first().file, path);
    QCOMPARE(report.truncatedTails.first().bytesRemoved, 30);
    QVERIFY(report.describe().contains(u"truncated 30 bytes"_s));
    QCOMPARE(QFileInfo(path).size(), goodSize);
    QCOMPARE(log.endOffset(), 10u);
    QCOMPARE(log.append(smallRecord(10)), 10);
    QCOMPARE(readAll(log).size(), 11);
}

void TopicLogRecoveryTest::truncatesCorruptLastRecord()
{
    QTemporaryDir dir;
    fillLog(dir.path(), 10, {});
    const QString path = segmentPath(dir.path(), 0, u".log"_s);
    const qint64 recordSize = encodeRecord(smallRecord(0)).size();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(9 * recordSize + recordSize - 1); // last byte of the last record
        file.write("?");
    }
    TopicLog log;
    QVERIFY(log.open(dir.path()));
    QCOMPARE(log.recoveryReport().truncatedTails.size(), 1);
    QCOMPARE(log.recoveryReport().truncatedTails.first().bytesRemoved, recordSize);
    QVERIFY(log.recoveryReport().skippedRanges.isEmpty());
    QCOMPARE(log.endOffset(), 9u);
    QCOMPARE(readAll(log).size(), 9);
}

void TopicLogRecoveryTest::resyncsAfterCorruptRecordHeader()
{
    QTemporaryDir dir;
    fillLog(dir.path(), 20, {});
    const QString path = segmentPath(dir.path(), 0, u".log"_s);
    const qint64 recordSize = encodeRecord(smallRecord(0)).size();
    {
        // Record 3 announces a huge body: a reader trusting it would swallow the rest.
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(3 * recordSize + 5);
        file.write("\x00\x10\x00\x00", 4);
    }
    TopicLog log;
    QVERIFY(log.open(dir.path()));
    QVERIFY(log.recoveryReport().truncatedTails.isEmpty());
    QCOMPARE(log.recoveryReport().skippedRanges.size(), 1);
    QCOMPARE(log.recoveryReport().skippedRanges.first().bytes, recordSize);
    const QList<LogRecord> all = readAll(log);
    QCOMPARE(all.size(), 19);
    QCOMPARE(all[3].offset, 4u);
    QCOMPARE(log.append(smallRecord(20)), 20);
}

void TopicLogRecoveryTest::readReportsCorruptionInIndexedPart()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.indexIntervalBytes = 128;
    fillLog(dir.path(), 50, options);
    const QString path = segmentPath(dir.path(), 0, u".log"_s);
    const qint64 recordSize = encodeRecord(smallRecord(0)).size();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(10 * recordSize + 20);
        file.write("corrupt");
    }
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    // open() only scans after the last index entry, so it does not see this damage...
    QVERIFY(log.recoveryReport().isClean());
    // ...but read() does: it skips the record and reports where.
    const LogPage page = log.read(0, 100);
    QCOMPARE(page.records.size(), 49);
    QCOMPARE(page.skipped.size(), 1);
    QCOMPARE(page.skipped.first().file, path);
    QCOMPARE(page.skipped.first().position, 10 * recordSize);
    QVERIFY(!offsetsOf(page.records).contains(10u));
    QCOMPARE(log.read(10, 1).records.first().offset, 11u);
}

void TopicLogRecoveryTest::skipsCorruptMiddleRecord()
{
    QTemporaryDir dir;
    fillLog(dir.path(), 20, {});
    const QString path = segmentPath(dir.path(), 0, u".log"_s);
    const qint64 recordSize = encodeRecord(smallRecord(0)).size();
    {
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadWrite));
        file.seek(5 * recordSize + recordSize - 3); // inside record 5's payload
        file.write("X");
    }
    TopicLog log;
    QVERIFY(log.open(dir.path()));
    const RecoveryReport& report = log.recoveryReport();
    QVERIFY(report.truncatedTails.isEmpty());
    QCOMPARE(report.skippedRanges.size(), 1);
    QCOMPARE(report.skippedRanges.first().position, 5 * recordSize);
    QCOMPARE(report.skippedRanges.first().bytes, recordSize);
    QCOMPARE(log.endOffset(), 20u);

    // Reading serves everything but the damaged record, and says what it skipped.
    const LogPage page = log.read(0, 100);
    QList<quint64> expected;
    for (quint64 i = 0; i < 20; ++i)
        if (i != 5)
            expected << i;
    QCOMPARE(offsetsOf(page.records), expected);
    QCOMPARE(page.skipped.size(), 1);
    QCOMPARE(page.skipped.first().position, 5 * recordSize);
    QCOMPARE(page.nextOffset, 20u);
}

void TopicLogRecoveryTest::rebuildsTruncatedAndMissingIndex()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.indexIntervalBytes = 256;
    fillLog(dir.path(), 200, options);
    const QString indexPath = segmentPath(dir.path(), 0, u".idx"_s);
    const QByteArray goodIndex = [&] {
        QFile file(indexPath);
        return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
    }();
    QVERIFY(goodIndex.size() > 24 * 10);

    QVERIFY(QFile::resize(indexPath, 30)); // one entry and a torn second one
    {
        TopicLog log;
        QVERIFY(log.open(dir.path(), options));
        QCOMPARE(log.recoveryReport().rebuiltIndexes, QStringList{indexPath});
        QCOMPARE(log.read(150, 1).records.first().offset, 150u);
    }
    QFile rebuilt(indexPath);
    QVERIFY(rebuilt.open(QIODevice::ReadOnly));
    QCOMPARE(rebuilt.readAll(), goodIndex);
    rebuilt.close();

    QVERIFY(QFile::remove(indexPath));
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    QCOMPARE(log.recoveryReport().rebuiltIndexes, QStringList{indexPath});
    QCOMPARE(readAll(log, 33).size(), 200);
    QCOMPARE(QFileInfo(indexPath).size(), goodIndex.size());
}

void TopicLogRecoveryTest::reportsAndSkipsMissingSegment()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.segmentBytes = 1024;
    fillLog(dir.path(), 100, options);
    const QStringList logs = QDir(dir.path()).entryList({u"*.log"_s}, QDir::Files, QDir::Name);
    QVERIFY(logs.size() >= 4);
    const quint64 missingBase = logs[1].left(20).toULongLong();
    const quint64 nextBase = logs[2].left(20).toULongLong();
    QVERIFY(QFile::remove(QDir(dir.path()).filePath(logs[1])));
    QVERIFY(QFile::remove(segmentPath(dir.path(), missingBase, u".idx"_s)));

    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    const RecoveryReport& report = log.recoveryReport();
    QCOMPARE(report.gaps.size(), 1);
    QCOMPARE(report.gaps.first().from, missingBase);
    QCOMPARE(report.gaps.first().to, nextBase);
    const QList<LogRecord> all = readAll(log, 10);
    QCOMPARE(all.size(), int(100 - (nextBase - missingBase)));
    QCOMPARE(all[int(missingBase) - 1].offset, missingBase - 1);
    QCOMPARE(all[int(missingBase)].offset, nextBase); // the gap is skipped
    // A read starting inside the gap starts at the next segment.
    QCOMPARE(log.read(missingBase, 1).records.first().offset, nextBase);
}

void TopicLogRecoveryTest::diskFullReturnsErrorAndKeepsStoredData()
{
    QTemporaryDir dir;
    fillLog(dir.path(), 10, {});
    const QString path = segmentPath(dir.path(), 0, u".log"_s);
    const qint64 storedSize = QFileInfo(path).size();

    // A file-size limit makes write() fail with EFBIG, as a full disk fails with ENOSPC.
    rlimit previous{};
    QVERIFY(getrlimit(RLIMIT_FSIZE, &previous) == 0);
    const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = previous;
    limited.rlim_cur = rlim_t(storedSize + 100); // room for one record plus a bit
    QVERIFY(setrlimit(RLIMIT_FSIZE, &limited) == 0);

    QString error;
    bool flushed = true;
    {
        TopicLog log;
        QVERIFY(log.open(dir.path()));
        for (int i = 10; i < 20; ++i)
            QCOMPARE(log.append(smallRecord(i)), qint64(i));
        flushed = log.flush(&error);
        QCOMPARE(log.endOffset(), 10u); // the buffered records were dropped
        QCOMPARE(log.read(0, 100).records.size(), 10);
    }
    setrlimit(RLIMIT_FSIZE, &previous);
    std::signal(SIGXFSZ, previousHandler);

    QVERIFY(!flushed);
    QVERIFY2(error.contains(path) && error.contains(u"offsets 10..19 were not stored"_s), qPrintable(error));
    QCOMPARE(QFileInfo(path).size(), storedSize); // no partial record left behind

    TopicLog log;
    QVERIFY(log.open(dir.path()));
    QVERIFY2(log.recoveryReport().isClean(), qPrintable(log.recoveryReport().describe()));
    const QList<LogRecord> all = readAll(log);
    QCOMPARE(all.size(), 10);
    QCOMPARE(all.last().payload, smallRecord(9).payload);
    QCOMPARE(log.append(smallRecord(10)), 10); // and the log goes on once there is room
}

void TopicLogRecoveryTest::reportsOpenTimeForAMillionRecords()
{
    QTemporaryDir dir;
    constexpr int count = 1'000'000;
    {
        TopicLog log;
        QVERIFY(log.open(dir.path()));
        LogRecord record;
        record.topic = u"t"_s;
        record.payload = "12345678"_ba;
        for (int i = 0; i < count; ++i) {
            record.arrivalMs = kBaseTime + i;
            if (log.append(record) < 0)
                QFAIL("append failed");
        }
        QVERIFY(log.sync());
    }
    QElapsedTimer timer;
    timer.start();
    {
        TopicLog log;
        QVERIFY(log.open(dir.path()));
        QCOMPARE(log.endOffset(), quint64(count));
        qInfo("open of %d records (%d segments, intact index): %lld ms", count, log.segmentCount(),
              timer.elapsed());
    }
    for (const QString& index : QDir(dir.path()).entryList({u"*.idx"_s}))
        QFile::remove(QDir(dir.path()).filePath(index));
    timer.restart();
    TopicLog log;
    QVERIFY(log.open(dir.path()));
    QCOMPARE(log.endOffset(), quint64(count));
    qInfo("open of %d records with the index rebuilt from the log: %lld ms", count, timer.elapsed());
    QCOMPARE(log.read(777'777, 1).records.first().arrivalMs, kBaseTime + 777'777);
}

QTEST_GUILESS_MAIN(TopicLogRecoveryTest)
#include "tst_topic_log_recovery.moc"
