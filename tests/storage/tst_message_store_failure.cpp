// MessageStore write failures, made real with a file size limit (RLIMIT_FSIZE, SIGXFSZ
// ignored, so write() fails with EFBIG as it fails with ENOSPC on a full disk): commit()
// says false, the failed batch is dropped without damaging what was stored, canAccept()
// refuses for one second of the caller's clock, and writing works again once the limit is
// raised.

#include "MessageStoreTest.h"
#include "MessageStoreTestSupport.h"

#include "broker/storage/TopicDirectory.h"

#include <QDir>
#include <QFileInfo>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <csignal>

using namespace bs::storage;

namespace {

QByteArray kilobytePayload(int i)
{
    return QByteArray::number(i).rightJustified(1024, '#');
}

QString firstSegmentPath(const QTemporaryDir& dir, const QString& topic)
{
    return dir.filePath(u"topics/%1/00000000000000000000.log"_s.arg(topicDirectoryName(topic)));
}

/// Appends count 1 KB records numbered from first and commits them; false if any failed.
bool appendKilobytes(MessageStore& store, const QString& topic, int first, int count, qint64 nowMs)
{
    for (int i = first; i < first + count; ++i) {
        if (store.append(recordFor(topic, kilobytePayload(i)), nowMs) != i)
            return false;
    }
    return store.commit(nowMs);
}

QList<QByteArray> kilobytePayloads(int count)
{
    QList<QByteArray> payloads;
    for (int i = 0; i < count; ++i)
        payloads << kilobytePayload(i);
    return payloads;
}

} // namespace

bool MessageStoreTest::limitFileSize(qint64 bytes)
{
    std::signal(SIGXFSZ, SIG_IGN);
    rlimit limited = m_originalFileSizeLimit;
    limited.rlim_cur = rlim_t(bytes);
    return setrlimit(RLIMIT_FSIZE, &limited) == 0;
}

bool MessageStoreTest::restoreFileSizeLimit()
{
    return setrlimit(RLIMIT_FSIZE, &m_originalFileSizeLimit) == 0;
}

void MessageStoreTest::failedWriteRefusesForOneSecondAndKeepsStoredData()
{
    QTemporaryDir dir;
    const QString topic = u"disk-t"_s; // no escaped byte: see writeErrorNamesTheFileOfATopicWithEscapes
    MessageStore store;
    QVERIFY(store.open(dir.path(), nullptr));
    QVERIFY(appendKilobytes(store, topic, 0, 10, 1000));
    const QString logPath = firstSegmentPath(dir, topic);
    const qint64 storedSize = QFileInfo(logPath).size();
    QVERIFY(storedSize > 10 * 1024);

    // Room for less than one more record: the batch of three cannot be written.
    QVERIFY(limitFileSize(storedSize + 500));
    QTest::ignoreMessage(QtWarningMsg,
                         QRegularExpression(u"^cannot write: Cannot write to .*00000000000000000000\\.log"
                                            u" .*offsets 10\\.\\.12 were not stored"_s));
    QTest::failOnWarning(QRegularExpression(u"cannot write"_s)); // said once, not per failure
    for (int i = 10; i < 13; ++i)
        QCOMPARE(store.append(recordFor(topic, kilobytePayload(i)), 5000), qint64(i));
    QVERIFY(!store.commit(5000));
    QVERIFY2(store.lastError().contains(logPath), qPrintable(store.lastError()));

    // Refused for one second of the caller's clock, measured from the failure.
    QVERIFY(!store.canAccept(5000));
    QVERIFY(!store.canAccept(5999));
    QVERIFY(store.canAccept(6000));
    // Nothing stored before was damaged, and no part of the failed batch is left.
    QCOMPARE(QFileInfo(logPath).size(), storedSize);
    QCOMPARE(store.topic(topic)->endOffset, 10u);
    TopicContents contents = readTopic(store, topic);
    QVERIFY(contents.skipped.isEmpty() && contents.error.isEmpty());
    QCOMPARE(contents.payloads(), kilobytePayloads(10));

    // A retry while the disk is still full fails again and restarts the second.
    QVERIFY(!appendKilobytes(store, topic, 10, 1, 6000));
    QVERIFY(!store.canAccept(6999));
    QVERIFY(store.canAccept(7000));

    // Space is back: the next batch is written with the next offsets.
    QVERIFY(restoreFileSizeLimit());
    QTest::ignoreMessage(QtInfoMsg, "writing again; publishes are accepted");
    QVERIFY(appendKilobytes(store, topic, 10, 2, 7000));
    QVERIFY(store.canAccept(7000));
    store.close();
    QVERIFY(store.open(dir.path(), nullptr));
    QVERIFY(store.recoveryLines().isEmpty());
    contents = readTopic(store, topic);
    QVERIFY(contents.skipped.isEmpty());
    QCOMPARE(contents.offsets(), offsetRange(0, 12));
    QCOMPARE(contents.payloads(), kilobytePayloads(12));
}

void MessageStoreTest::failedWriteOfOneTopicKeepsTheOtherTopicsBatch()
{
    QTemporaryDir dir;
    const QString full = u"disk/full"_s;
    const QString small = u"disk/small"_s;
    MessageStore store;
    QVERIFY(store.open(dir.path(), nullptr));
    QVERIFY(appendKilobytes(store, full, 0, 10, 0));
    QVERIFY(appendKilobytes(store, small, 0, 1, 0));
    QVERIFY(limitFileSize(QFileInfo(firstSegmentPath(dir, full)).size() + 500));

    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^cannot write: "_s));
    QCOMPARE(store.append(recordFor(full, kilobytePayload(10)), 0), 10);
    QCOMPARE(store.append(recordFor(small, kilobytePayload(1)), 0), 1);
    QCOMPARE(store.append(recordFor(small, kilobytePayload(2)), 0), 2);
    QVERIFY(!store.commit(0));
    QVERIFY(!store.canAccept(0));
    // The failing log dropped its batch; the other log's batch fit and was written, even
    // though commit() as a whole reports failure (the engine then refuses both).
    QCOMPARE(store.topic(full)->endOffset, 10u);
    QCOMPARE(readTopic(store, full).payloads(), kilobytePayloads(10));
    QCOMPARE(store.topic(small)->endOffset, 3u);
    QCOMPARE(readTopic(store, small).payloads(), kilobytePayloads(3));
}

void MessageStoreTest::failedFlushDuringReadIsReportedByCommit()
{
    QTemporaryDir dir;
    const QString topic = u"disk/read"_s;
    MessageStore store;
    QVERIFY(store.open(dir.path(), nullptr));
    QVERIFY(appendKilobytes(store, topic, 0, 10, 0));
    QVERIFY(limitFileSize(QFileInfo(firstSegmentPath(dir, topic)).size() + 500));

    // A read between append() and commit() flushes the buffered record first (TopicLog::read);
    // here that write fails and drops the record. commit() must still say the batch was not
    // written, or the engine would acknowledge a message that is not stored.
    QCOMPARE(store.append(recordFor(topic, kilobytePayload(10)), 0), 10);
    const LogPage page = store.read(topic, 0, 100);
    QCOMPARE(page.records.size(), 10);
    QVERIFY(!page.error.isEmpty()); // the read itself tells
    QVERIFY(!store.commit(0));
}

void MessageStoreTest::writeErrorNamesTheFileOfATopicWithEscapes()
{
    QTemporaryDir dir;
    const QString topic = u"disk/t"_s; // its directory is "disk%2Ft"
    MessageStore store;
    QVERIFY(store.open(dir.path(), nullptr));
    QVERIFY(appendKilobytes(store, topic, 0, 3, 0));
    const QString logPath = firstSegmentPath(dir, topic);
    QVERIFY(limitFileSize(QFileInfo(logPath).size() + 500));
    QTest::ignoreMessage(QtWarningMsg, QRegularExpression(u"^cannot write: "_s));
    QVERIFY(!appendKilobytes(store, topic, 3, 1, 0));
    QVERIFY2(store.lastError().contains(logPath) && store.lastError().contains(u"offsets 3..3"_s),
             qPrintable(store.lastError()));
}
