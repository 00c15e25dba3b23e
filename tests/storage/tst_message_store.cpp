// MessageStore: append + commit + read back, topic names that need escaping, many topics
// with few open logs, paging by offset and lookup by time. Retention and write failures
// are in tst_message_store_retention.cpp and tst_message_store_failure.cpp.

#include "MessageStoreTest.h"
#include "MessageStoreTestSupport.h"

#include "broker/storage/TopicDirectory.h"

#include <QDir>
#include <QSet>
#include <QTemporaryDir>

using namespace bs::storage;

namespace {

/// File descriptors this process holds now (each open topic log holds two: .log, .idx).
int openFileDescriptors()
{
    return int(QDir(u"/proc/self/fd"_s).entryList(QDir::NoDotAndDotDot | QDir::AllEntries).size());
}

QString topicsDirectory(const QTemporaryDir& dir)
{
    return dir.filePath(u"topics"_s);
}

} // namespace

void MessageStoreTest::initTestCase()
{
    QVERIFY(getrlimit(RLIMIT_FSIZE, &m_originalFileSizeLimit) == 0);
}

void MessageStoreTest::cleanup()
{
    QVERIFY(restoreFileSizeLimit());
}

void MessageStoreTest::appendsCommitsAndReadsBackEveryField()
{
    QTemporaryDir dir;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    LogRecord full = recordFor(u"plant/line-1"_s, QByteArray("\x00\xFF binary", 9), now - 5000);
    full.qos = 2;
    full.retain = true;
    full.properties.payloadFormatIndicator = 0;
    full.properties.messageExpiryInterval = 120;
    full.properties.contentType = u"application/octet-stream"_s;
    full.properties.responseTopic = u"plant/replies"_s;
    full.properties.correlationData = QByteArray("\x01\x02", 2);
    full.properties.userProperties = {{u"k"_s, u"v1"_s}, {u"k"_s, u"v2"_s}};
    {
        MessageStore store;
        QVERIFY(store.open(dir.path(), nullptr));
        // Offsets count per topic, each from 0.
        QCOMPARE(store.append(full, now), 0);
        QCOMPARE(store.append(recordFor(u"plant/line-2"_s, "other", now - 4000), now), 0);
        QCOMPARE(store.append(recordFor(u"plant/line-1"_s, "second", now - 3000), now), 1);
        QVERIFY(store.commit(now));
        QVERIFY(store.canAccept(now));

        // Bad input: a topic beyond MQTT's 65535-byte limit is refused with -1, without
        // becoming a storage failure (publishes go on being accepted).
        QCOMPARE(store.append(recordFor(QString(70'000, u't'), "x", now), now), -1);
        QVERIFY2(store.lastError().contains(u"too large"_s), qPrintable(store.lastError()));
        QVERIFY(store.canAccept(now));
        QVERIFY(store.commit(now));
    }
    MessageStore store;
    QVERIFY(store.open(dir.path(), nullptr));
    QVERIFY2(store.recoveryLines().isEmpty(), qPrintable(store.recoveryLines().join(u'\n')));
    QCOMPARE(store.recoveredMessages(), 3);
    const TopicContents line1 = readTopic(store, u"plant/line-1"_s);
    QCOMPARE(line1.offsets(), (QList<quint64>{0, 1}));
    const LogRecord& back = line1.records.first();
    QCOMPARE(back.topic, full.topic);
    QCOMPARE(back.payload, full.payload);
    QCOMPARE(back.qos, quint8(2));
    QCOMPARE(back.retain, true);
    QCOMPARE(back.arrivalMs, now - 5000);
    QCOMPARE(back.properties.payloadFormatIndicator, full.properties.payloadFormatIndicator);
    QCOMPARE(back.properties.messageExpiryInterval, full.properties.messageExpiryInterval);
    QCOMPARE(back.properties.contentType, full.properties.contentType);
    QCOMPARE(back.properties.responseTopic, full.properties.responseTopic);
    QCOMPARE(back.properties.correlationData, full.properties.correlationData);
    QCOMPARE(back.properties.userProperties, full.properties.userProperties);
    QCOMPARE(line1.records.last().payload, "second"_ba);
    QCOMPARE(line1.records.last().qos, quint8(1));
    QCOMPARE(line1.records.last().retain, false);
    QCOMPARE(readTopic(store, u"plant/line-2"_s).payloads(), (QList<QByteArray>{"other"}));

    const auto summary = store.topic(u"plant/line-1"_s);
    QVERIFY(summary);
    QCOMPARE(summary->startOffset, 0u);
    QCOMPARE(summary->endOffset, 2u);
    QCOMPARE(summary->lastArrivalMs, now - 3000);
    QVERIFY(summary->bytes > full.payload.size());
    QCOMPARE(store.append(recordFor(u"plant/line-1"_s, "third"), now), 2);
    QVERIFY(store.commit(now));
}

void MessageStoreTest::oddTopicNamesGetDistinctDirectoriesAndSurviveReopen()
{
    // Bad input for a file system: spaces, '%', non-ASCII, empty levels, "." and ".." (which
    // must not escape topics/), names differing only in case, names longer than a file
    // name may be. Each gets a directory of its own and keeps its exact name.
    const QString longTopic(1000, u'x');
    const QStringList topics{
        u"with space/and more"_s, u"100%"_s, u"%25"_s, u"%"_s, u"ünïcödé/日本/😀"_s,
        u"/leading"_s, u"trailing/"_s, u"/"_s, u"a//b"_s, u"Case"_s, u"case"_s,
        u"."_s, u".."_s, u"a/../b"_s, longTopic, longTopic.left(999) + u'y'};
    QSet<QString> directoryNames;
    for (const QString& topic : topics) {
        const QString name = topicDirectoryName(topic);
        QVERIFY2(name.size() <= 200 && !name.contains(u'/') && name != u"."_s && name != u".."_s,
                 qPrintable(name));
        directoryNames.insert(name);
    }
    QCOMPARE(directoryNames.size(), topics.size()); // no two topics share a directory
    QVERIFY(topicDirectoryName(longTopic).contains(u'~')); // cut and hashed

    QTemporaryDir dir;
    {
        MessageStore store;
        QVERIFY(store.open(dir.path(), nullptr));
        for (qsizetype i = 0; i < topics.size(); ++i)
            QCOMPARE(store.append(recordFor(topics[i], QByteArray::number(i)), 0), 0);
        QVERIFY(store.commit(0));
    }
    const QStringList onDisk =
        QDir(topicsDirectory(dir)).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    QCOMPARE(onDisk.size(), topics.size());
    for (const QString& topic : topics) {
        const QString topicDir = QDir(topicsDirectory(dir)).filePath(topicDirectoryName(topic));
        QCOMPARE(readTopicNameFile(topicDir), topic);
    }

    MessageStore reopened;
    QVERIFY(reopened.open(dir.path(), nullptr));
    QSet<QString> recoveredNames;
    for (const TopicSummary& summary : reopened.topics())
        recoveredNames.insert(summary.topic);
    QCOMPARE(recoveredNames, QSet<QString>(topics.cbegin(), topics.cend()));
    for (qsizetype i = 0; i < topics.size(); ++i) {
        const TopicContents contents = readTopic(reopened, topics[i]);
        QCOMPARE(contents.payloads(), QList<QByteArray>{QByteArray::number(i)});
        QCOMPARE(contents.records.first().topic, topics[i]);
    }
}

void MessageStoreTest::manyTopicsWithTwoOpenLogsStayReadableAndAppendable()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.maxOpenLogs = 2;
    constexpr int kTopics = 20;
    auto topicName = [](int i) { return u"fleet/truck-%1"_s.arg(i); };
    auto payload = [](int truck, int round) { return u"truck-%1:round-%2"_s.arg(truck).arg(round).toUtf8(); };
    // Logs beyond the limit are closed and reopened on demand; a closed log must read and
    // append like an open one.
    const int baselineDescriptors = openFileDescriptors();
    {
        MessageStore store(options);
        QVERIFY(store.open(dir.path(), nullptr));
        for (int round = 0; round < 3; ++round) {
            for (int truck = 0; truck < kTopics; ++truck) {
                QCOMPARE(store.append(recordFor(topicName(truck), payload(truck, round)), 0), round);
                QVERIFY(store.commit(0));
            }
            // Logs beyond maxOpenLogs are closed after each commit: 2 logs, 2 files each.
            QVERIFY2(openFileDescriptors() <= baselineDescriptors + 2 * 2,
                     qPrintable(u"%1 descriptors open, %2 before"_s.arg(openFileDescriptors())
                                    .arg(baselineDescriptors)));
        }
        for (int truck = kTopics - 1; truck >= 0; --truck) {
            QCOMPARE(readTopic(store, topicName(truck)).payloads(),
                     (QList<QByteArray>{payload(truck, 0), payload(truck, 1), payload(truck, 2)}));
        }
        QVERIFY(openFileDescriptors() <= baselineDescriptors + 2 * 2);
    }
    QCOMPARE(openFileDescriptors(), baselineDescriptors); // close() closed them all

    MessageStore reopened(options);
    QVERIFY(reopened.open(dir.path(), nullptr));
    QCOMPARE(reopened.topics().size(), kTopics);
    QCOMPARE(reopened.recoveredMessages(), 3 * kTopics);
    QVERIFY(openFileDescriptors() <= baselineDescriptors + 2 * 2);
    for (int truck = 0; truck < kTopics; ++truck) {
        QCOMPARE(reopened.append(recordFor(topicName(truck), payload(truck, 3)), 0), 3);
        QVERIFY(reopened.commit(0));
    }
    QVERIFY(openFileDescriptors() <= baselineDescriptors + 2 * 2);
    for (int truck = 0; truck < kTopics; ++truck) {
        const TopicContents contents = readTopic(reopened, topicName(truck));
        QCOMPARE(contents.offsets(), offsetRange(0, 4));
        QCOMPARE(contents.payloads().last(), payload(truck, 3));
    }
}

void MessageStoreTest::oneBatchForMoreTopicsThanMaxOpenLogsIsStored()
{
    // The engine appends every publish of an event-loop pass and commits once, so one
    // batch can touch more topics than maxOpenLogs; dirty logs cannot be closed then, and
    // the store must open more logs rather than refuse the publishes.
    QTemporaryDir dir;
    StorageOptions options;
    options.maxOpenLogs = 2;
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    for (int i = 0; i < 5; ++i) { // five topics, three of them with their log closed
        QCOMPARE(store.append(recordFor(u"burst/%1"_s.arg(i), "first"), 0), 0);
        QVERIFY(store.commit(0));
    }
    QList<qint64> offsets;
    for (int i = 0; i < 5; ++i)
        offsets << store.append(recordFor(u"burst/%1"_s.arg(i), "second"), 0);
    QCOMPARE(offsets, (QList<qint64>{1, 1, 1, 1, 1}));
    QVERIFY(store.commit(0));
    QVERIFY(store.canAccept(0));
    for (int i = 0; i < 5; ++i)
        QCOMPARE(readTopic(store, u"burst/%1"_s.arg(i)).payloads(), (QList<QByteArray>{"first", "second"}));
}

void MessageStoreTest::readsPagesByOffsetAndFindsOffsetForTime()
{
    QTemporaryDir dir;
    StorageOptions options;
    options.segmentBytes = 1024; // pages cross segment boundaries
    MessageStore store(options);
    QVERIFY(store.open(dir.path(), nullptr));
    const QString topic = u"paging/t"_s;
    const qint64 base = QDateTime::currentMSecsSinceEpoch() - 100'000;
    for (int i = 0; i < 50; ++i)
        QCOMPARE(store.append(recordFor(topic, "msg-" + QByteArray::number(i), base + i * 1000), 0), i);
    QVERIFY(store.commit(0));
    QVERIFY(store.topic(topic)->segments > 2);

    QList<quint64> offsets;
    quint64 from = 0;
    for (int pages = 0; from < 50 && pages < 50; ++pages) {
        const LogPage page = store.read(topic, from, 7);
        QVERIFY(!page.records.isEmpty() && page.records.size() <= 7);
        QVERIFY(page.skipped.isEmpty());
        for (const LogRecord& record : page.records) {
            offsets << record.offset;
            QCOMPARE(record.payload, "msg-" + QByteArray::number(qint64(record.offset)));
        }
        from = page.nextOffset;
    }
    QCOMPARE(offsets, offsetRange(0, 50));
    QCOMPARE(LogPage(store.read(topic, 20, 5)).records.size(), 5);
    QCOMPARE(store.read(topic, 20, 5).records.first().offset, 20u);
    // Reading at or past the end gives nothing and stays at the end.
    QVERIFY(store.read(topic, 50, 10).records.isEmpty());
    QCOMPARE(store.read(topic, 50, 10).nextOffset, 50u);
    QVERIFY(store.read(topic, 1000, 10).records.isEmpty());

    QCOMPARE(store.findOffsetForTime(topic, base + 10'000), 10u);
    QCOMPARE(store.findOffsetForTime(topic, base + 10'500), 11u); // the first at or after
    QCOMPARE(store.findOffsetForTime(topic, base - 1), 0u);
    QCOMPARE(store.findOffsetForTime(topic, base + 49'000), 49u);
    QCOMPARE(store.findOffsetForTime(topic, base + 100'000), 50u); // after the newest: the end
}

void MessageStoreTest::unknownTopicReadsNothing()
{
    QTemporaryDir dir;
    QTemporaryDir workingDir;
    const QString previousWorkingDir = QDir::currentPath();
    QVERIFY(QDir::setCurrent(workingDir.path()));
    MessageStore store;
    // Bad input: a store that is not open refuses appends and writes no file anywhere
    // (not even relative to the working directory).
    const qint64 offsetWhenClosed = store.append(recordFor(u"a"_s, "x"), 0);
    QVERIFY(!store.canAccept(0));
    const QStringList strayFiles = QDir(workingDir.path()).entryList(QDir::AllEntries | QDir::NoDotAndDotDot);
    QVERIFY(QDir::setCurrent(previousWorkingDir));
    {
        QCOMPARE(offsetWhenClosed, -1);
        QVERIFY2(strayFiles.isEmpty(), qPrintable(strayFiles.join(u", "_s)));
    }
    QVERIFY(store.open(dir.path(), nullptr));
    // An unknown topic: no records, no error, no time match, and no directory created.
    const LogPage page = store.read(u"never/published"_s, 0, 10);
    QVERIFY(page.records.isEmpty());
    QVERIFY(page.error.isEmpty());
    QCOMPARE(store.findOffsetForTime(u"never/published"_s, 0), std::nullopt);
    QVERIFY(!store.topic(u"never/published"_s));
    QVERIFY(QDir(topicsDirectory(dir)).entryList(QDir::Dirs | QDir::NoDotAndDotDot).isEmpty());
}

QTEST_GUILESS_MAIN(MessageStoreTest)
