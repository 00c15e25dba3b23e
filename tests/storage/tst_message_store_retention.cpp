// MessageStore retention: a per-topic byte rule, age (the default and a rule's), the cap on
// all logs together deleting the segment with the oldest newest-record first across
// topics, and the active segment that is never deleted.

#include "MessageStoreTest.h"
#include "MessageStoreTestSupport.h"

#include "broker/storage/TopicDirectory.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <algorithm>

using namespace bs::storage;

namespace {

constexpr qint64 kMinute = 60'000;
constexpr qint64 kDay = 24 * 60 * kMinute;

/// One .log file of a topic as found on disk, with the arrival time of its newest record
/// (taken from the times the test gave the records).
struct SegmentOnDisk
{
    QString topic;
    quint64 base = 0;
    qint64 bytes = 0;
    qint64 lastArrivalMs = 0;
    bool active = false;

    QString key() const { return topic + u'@' + QString::number(base); }
};

QList<SegmentOnDisk> segmentsOnDisk(const QString& dataDir, const QString& topic,
                                    const QList<qint64>& arrivalByOffset)
{
    const QDir topicDir(QDir(dataDir).filePath(u"topics/"_s + topicDirectoryName(topic)));
    const QStringList logs = topicDir.entryList({u"*.log"_s}, QDir::Files, QDir::Name);
    QList<SegmentOnDisk> segments;
    for (qsizetype i = 0; i < logs.size(); ++i) {
        SegmentOnDisk segment;
        segment.topic = topic;
        segment.base = logs[i].left(20).toULongLong();
        segment.bytes = QFileInfo(topicDir.filePath(logs[i])).size();
        const quint64 end = i + 1 < logs.size() ? logs[i + 1].left(20).toULongLong()
                                                : quint64(arrivalByOffset.size());
        segment.lastArrivalMs = arrivalByOffset.value(qsizetype(end) - 1);
        segment.active = i + 1 == logs.size();
        segments << segment;
    }
    return segments;
}

QStringList keysOf(const QList<SegmentOnDisk>& segments)
{
    QStringList keys;
    for (const SegmentOnDisk& segment : segments)
        keys << segment.key();
    keys.sort();
    return keys;
}

/// Appends count records of about 100 bytes with the given arrival times.
void appendRecords(MessageStore& store, const QString& topic, const QList<qint64>& arrivals)
{
    for (qsizetype i = 0; i < arrivals.size(); ++i) {
        const QByteArray payload = QByteArray::number(i).rightJustified(100, '.');
        QCOMPARE(store.append(recordFor(topic, payload, arrivals[i]), 0), qint64(i));
    }
    QVERIFY(store.commit(0));
}

QList<qint64> evenlySpaced(qint64 first, qint64 step, int count)
{
    QList<qint64> times;
    for (int i = 0; i < count; ++i)
        times << first + i * step;
    return times;
}

/// The kept records are exactly startOffset..endOffset-1, readable, with their payloads.
void expectContiguousTail(MessageStore& store, const QString& topic, quint64 expectedEnd)
{
    const auto summary = store.topic(topic);
    QVERIFY(summary);
    QCOMPARE(summary->endOffset, expectedEnd);
    const TopicContents contents = readTopic(store, topic);
    QVERIFY(contents.skipped.isEmpty());
    QCOMPARE(contents.offsets(), offsetRange(summary->startOffset, expectedEnd));
    for (const LogRecord& record : contents.records)
        QCOMPARE(record.payload, QByteArray::number(qint64(record.offset)).rightJustified(100, '.'));
}

} // namespace

void MessageStoreTest::retentionRuleLimitsBytesOfMatchingTopicsOnly()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.segmentBytes = 1024;
    options.maxAgeMs = 0; // no age limit here
    options.rules = {{bs::mqtt::TopicFilter(u"limited/#"_s), 2000, -1},
                     // A rule with "-" for both limits keeps everything it matches.
                     {bs::mqtt::TopicFilter(u"free/#"_s), -1, -1}};
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& topic : {u"limited/a"_s, u"free/b"_s})
        BS_STORAGE_CALL(appendRecords(store, topic, evenlySpaced(now - kMinute, 100, 60)));
    QVERIFY(store.topic(u"limited/a"_s)->bytes > 4 * 2000);

    QVERIFY(store.applyRetention(now) > 0);
    const TopicSummary limited = *store.topic(u"limited/a"_s);
    QVERIFY2(limited.bytes <= 2000, qPrintable(QString::number(limited.bytes)));
    QVERIFY(limited.startOffset > 0);
    BS_STORAGE_CALL(expectContiguousTail(store, u"limited/a"_s, 60));
    QCOMPARE(store.topic(u"free/b"_s)->startOffset, 0u);
    BS_STORAGE_CALL(expectContiguousTail(store, u"free/b"_s, 60));

    // What retention deleted stays deleted after a reopen.
    store.close();
    QVERIFY(store.open(dir.path(), nullptr));
    QCOMPARE(store.topic(u"limited/a"_s)->startOffset, limited.startOffset);
    BS_STORAGE_CALL(expectContiguousTail(store, u"limited/a"_s, 60));
}

void MessageStoreTest::retentionDeletesSegmentsOlderThanTheAgeLimit()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.segmentBytes = 1024;
    options.maxAgeMs = 7 * kDay;
    // A rule's age replaces the default for its topics; its "-" bytes means no size limit.
    options.rules = {{bs::mqtt::TopicFilter(u"short/#"_s), -1, kMinute}};
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Records 0..29 are old, 30..39 new. The jump of more than segmentMaxAgeMs (1 h) rolls
    // the segment at offset 30, so the old records fill whole segments of their own.
    auto oldThenNew = [&](qint64 oldAge) {
        return evenlySpaced(now - oldAge, 10, 30) + evenlySpaced(now - 1000, 10, 10);
    };
    BS_STORAGE_CALL(appendRecords(store, u"old/t"_s, oldThenNew(10 * kDay)));      // past the default 7 days
    BS_STORAGE_CALL(appendRecords(store, u"short/t"_s, oldThenNew(2 * 60 * kMinute))); // past its rule's minute
    BS_STORAGE_CALL(appendRecords(store, u"recent/t"_s, oldThenNew(2 * 60 * kMinute))); // within 7 days: kept
    QVERIFY(store.topic(u"old/t"_s)->segments >= 4);

    QVERIFY(store.applyRetention(now) > 0);
    QCOMPARE(store.topic(u"old/t"_s)->startOffset, 30u);
    BS_STORAGE_CALL(expectContiguousTail(store, u"old/t"_s, 40));
    QCOMPARE(store.topic(u"short/t"_s)->startOffset, 30u);
    BS_STORAGE_CALL(expectContiguousTail(store, u"short/t"_s, 40));
    QCOMPARE(store.topic(u"recent/t"_s)->startOffset, 0u);
    BS_STORAGE_CALL(expectContiguousTail(store, u"recent/t"_s, 40));
    // Nothing is old any more: a second pass deletes nothing (and never a kept record).
    QCOMPARE(store.applyRetention(now), 0);
}

void MessageStoreTest::totalBytesCapDeletesTheOldestSegmentAcrossTopicsFirst()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.segmentBytes = 1024;
    options.maxAgeMs = 0;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    // Interleaved histories: "older" spans -60 s..-21 s, "newer" -40.5 s..-1.5 s.
    const QList<qint64> olderTimes = evenlySpaced(now - 60'000, 1000, 40);
    const QList<qint64> newerTimes = evenlySpaced(now - 40'500, 1000, 40); // no ties
    {
        MessageStore store(options);
        QVERIFY(store.open(dir.path(), nullptr));
        BS_STORAGE_CALL(appendRecords(store, u"older"_s, olderTimes));
        BS_STORAGE_CALL(appendRecords(store, u"newer"_s, newerTimes));
    }
    const QList<SegmentOnDisk> before = segmentsOnDisk(dir.path(), u"older"_s, olderTimes)
        + segmentsOnDisk(dir.path(), u"newer"_s, newerTimes);
    QList<SegmentOnDisk> deletable;
    qint64 totalBefore = 0;
    for (const SegmentOnDisk& segment : before) {
        totalBefore += segment.bytes;
        if (!segment.active)
            deletable << segment;
    }
    std::stable_sort(deletable.begin(), deletable.end(), [](const auto& a, const auto& b) {
        return a.lastArrivalMs < b.lastArrivalMs;
    });
    QVERIFY(deletable.size() >= 6);
    // A cap that is met exactly once the five oldest segments (of either topic) are gone.
    constexpr int kExpectedDeletions = 5;
    qint64 cap = totalBefore;
    for (int i = 0; i < kExpectedDeletions; ++i)
        cap -= deletable[i].bytes;
    const QList<SegmentOnDisk> expectedDeleted = deletable.first(kExpectedDeletions);
    QSet<QString> deletedTopics;
    for (const SegmentOnDisk& segment : expectedDeleted)
        deletedTopics.insert(segment.topic);
    QCOMPARE(deletedTopics.size(), 2); // the test really interleaves the two topics

    options.totalMaxBytes = cap;
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    QCOMPARE(store.totalBytes(), totalBefore);
    QCOMPARE(store.applyRetention(now), kExpectedDeletions);
    QCOMPARE(store.totalBytes(), cap);
    const QList<SegmentOnDisk> after = segmentsOnDisk(dir.path(), u"older"_s, olderTimes)
        + segmentsOnDisk(dir.path(), u"newer"_s, newerTimes);
    QStringList expectedKept = keysOf(before);
    for (const QString& key : keysOf(expectedDeleted))
        expectedKept.removeOne(key);
    QCOMPARE(keysOf(after), expectedKept);
    BS_STORAGE_CALL(expectContiguousTail(store, u"older"_s, 40));
    BS_STORAGE_CALL(expectContiguousTail(store, u"newer"_s, 40));
}

void MessageStoreTest::retentionNeverDeletesTheActiveSegment()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.segmentBytes = 1024;
    // Bad input: limits so small that nothing could be kept still leave each topic its
    // active segment (a limit of 0 or less would mean "no limit").
    options.maxAgeMs = 1;    // everything is too old...
    options.totalMaxBytes = 1; // ...and far too big
    options.rules = {{bs::mqtt::TopicFilter(u"ruled/#"_s), 1, 1}};
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const QString& topic : {u"plain"_s, u"ruled/x"_s})
        BS_STORAGE_CALL(appendRecords(store, topic, evenlySpaced(now - 10 * kDay, 1, 40)));
    QVERIFY(store.applyRetention(now) > 0);
    for (const QString& topic : {u"plain"_s, u"ruled/x"_s}) {
        const TopicSummary summary = *store.topic(topic);
        QCOMPARE(summary.segments, 1); // only the active segment is left
        QVERIFY(summary.startOffset > 0 && summary.startOffset < 40);
        BS_STORAGE_CALL(expectContiguousTail(store, topic, 40));
        // The log goes on where it was: the next append gets the next offset (in a new
        // segment: the active one's first record is older than segmentMaxAgeMs).
        QCOMPARE(store.append(recordFor(topic, QByteArray::number(40).rightJustified(100, '.')), now), 40);
    }
    QVERIFY(store.commit(now));
    // The segment that was active is now an old one and goes; the new one stays.
    QCOMPARE(store.applyRetention(now), 2);
    for (const QString& topic : {u"plain"_s, u"ruled/x"_s}) {
        QCOMPARE(store.topic(topic)->startOffset, 40u);
        BS_STORAGE_CALL(expectContiguousTail(store, topic, 41));
    }
    QCOMPARE(store.applyRetention(now), 0);
}

void MessageStoreTest::retiredSegmentsAreUnlinkedOffThreadAndLeftoversAtOpen()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.segmentBytes = 1024;
    options.maxAgeMs = 0;
    options.totalMaxBytes = 2048;
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    BS_STORAGE_CALL(appendRecords(store, u"t"_s, evenlySpaced(now - kMinute, 100, 60)));
    const QDir topicDir(QDir(dir.path()).filePath(u"topics/"_s + topicDirectoryName(u"t"_s)));
    const qsizetype logsBefore = topicDir.entryList({u"*.log"_s}, QDir::Files).size();

    const int deleted = store.applyRetention(now);
    QVERIFY(deleted > 0);
    // At once: the retired segments are out of every listing of segments...
    QCOMPARE(topicDir.entryList({u"*.log"_s}, QDir::Files).size(), logsBefore - deleted);
    QCOMPARE(topicDir.entryList({u"*.idx"_s}, QDir::Files).size(), logsBefore - deleted);
    // ...and once the reaper has run, nothing of them is left.
    store.waitForDeletions();
    QCOMPARE(topicDir.entryList({u"*.deleted"_s}, QDir::Files), QStringList());
    BS_STORAGE_CALL(expectContiguousTail(store, u"t"_s, 60));

    // A crash between the rename and the unlink leaves "*.deleted" files: the next open
    // removes them and serves the rest as before.
    store.close();
    QFile leftover(topicDir.filePath(u"00000000000000000000.log.deleted"_s));
    QVERIFY(leftover.open(QIODevice::WriteOnly));
    QVERIFY(leftover.write(QByteArray(4096, 'x')) == 4096);
    leftover.close();
    QVERIFY(store.open(dir.path(), nullptr));
    store.waitForDeletions();
    QVERIFY(!leftover.exists());
    BS_STORAGE_CALL(expectContiguousTail(store, u"t"_s, 60));
}
