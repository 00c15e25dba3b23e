// TopicLog: round trip of every field, segment rolling, paging reads, time lookup,
// retention.

#include "TopicLogTestSupport.h"

#include <QFile>
#include <QTemporaryDir>

class TopicLogTest : public QObject
{
    Q_OBJECT

private slots:
    void roundTripsEveryFieldAndProperty();
    void emptyLogStartsAtZero();
    void rollsSegmentsAtTheSizeLimit();
    void readsPagesAcrossSegments();
    void pageStopsAtMaxBytesButReturnsOneRecord();
    void findsOffsetForTime();
    void retentionByBytesAndAge();
    void deleteSegmentsBeforeKeepsActiveSegment();
};

void TopicLogTest::roundTripsEveryFieldAndProperty()
{
    QTemporaryDir dir;
    LogRecord record;
    record.arrivalMs = kBaseTime + 123;
    record.topic = u"plant/ü/line-1"_s;
    record.qos = 2;
    record.retain = true;
    record.properties.payloadFormatIndicator = 1;
    record.properties.messageExpiryInterval = 3600;
    record.properties.contentType = u"application/json"_s;
    record.properties.responseTopic = u"plant/replies"_s;
    record.properties.correlationData = QByteArray("\x00\x01\xFFid", 5);
    record.properties.userProperties = {{u"b"_s, u"2"_s}, {u"a"_s, u"1"_s}, {u"b"_s, u"3"_s}};
    record.payload = QByteArray("\x00\xFE binary \x01", 11);

    for (int reopen = 0; reopen < 2; ++reopen) {
        TopicLog log;
        QVERIFY(log.open(dir.path()));
        QVERIFY(log.recoveryReport().isClean());
        if (reopen == 0)
            QCOMPARE(log.append(record), 0);
        const LogPage page = log.read(0, 10);
        QCOMPARE(page.records.size(), 1);
        const LogRecord& back = page.records.first();
        QCOMPARE(back.offset, 0u);
        QCOMPARE(back.arrivalMs, record.arrivalMs);
        QCOMPARE(back.topic, record.topic);
        QCOMPARE(back.qos, record.qos);
        QCOMPARE(back.retain, true);
        QCOMPARE(back.properties.payloadFormatIndicator, record.properties.payloadFormatIndicator);
        QCOMPARE(back.properties.messageExpiryInterval, record.properties.messageExpiryInterval);
        QCOMPARE(back.properties.contentType, record.properties.contentType);
        QCOMPARE(back.properties.responseTopic, record.properties.responseTopic);
        QCOMPARE(back.properties.correlationData, record.properties.correlationData);
        QCOMPARE(back.properties.userProperties, record.properties.userProperties);
        QCOMPARE(back.payload, record.payload);
        QCOMPARE(page.nextOffset, 1u);
        QCOMPARE(log.endOffset(), 1u);
    }
}

void TopicLogTest::emptyLogStartsAtZero()
{
    QTemporaryDir dir;
    TopicLog log;
    QVERIFY(log.open(dir.filePath(u"topic"_s)));
    QCOMPARE(log.startOffset(), 0u);
    QCOMPARE(log.endOffset(), 0u);
    QVERIFY(log.read(0, 10).records.isEmpty());
    QCOMPARE(log.findOffsetForTime(kBaseTime), 0u);
    QVERIFY(QFile::exists(segmentPath(dir.filePath(u"topic"_s), 0, u".log"_s)));
}

void TopicLogTest::rollsSegmentsAtTheSizeLimit()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.segmentBytes = 1024;
    fillLog(dir.path(), 100, options);

    const QStringList logs = QDir(dir.path()).entryList({u"*.log"_s}, QDir::Files, QDir::Name);
    QVERIFY2(logs.size() > 5, qPrintable(logs.join(u' ')));
    QCOMPARE(logs.first(), u"00000000000000000000.log"_s);
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    QVERIFY2(log.recoveryReport().isClean(), qPrintable(log.recoveryReport().describe()));
    QCOMPARE(log.segmentCount(), logs.size());
    QCOMPARE(log.endOffset(), 100u);
    quint64 expectedBase = 0;
    for (const QString& name : logs) {
        QVERIFY(QFileInfo(QDir(dir.path()).filePath(name)).size() <= 1024);
        const LogPage first = log.read(name.left(20).toULongLong(), 1);
        QCOMPARE(first.records.first().offset, name.left(20).toULongLong()); // named by base offset
        QVERIFY(name.left(20).toULongLong() >= expectedBase);
        expectedBase = name.left(20).toULongLong();
    }
}

void TopicLogTest::readsPagesAcrossSegments()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.segmentBytes = 1024;
    options.indexIntervalBytes = 128;
    fillLog(dir.path(), 100, options);
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    QList<quint64> offsets;
    quint64 from = 0;
    for (int pages = 0; from < 100 && pages < 100; ++pages) {
        const LogPage page = log.read(from, 7);
        QVERIFY(page.records.size() <= 7);
        offsets << offsetsOf(page.records);
        from = page.nextOffset;
    }
    QList<quint64> expected;
    for (quint64 i = 0; i < 100; ++i)
        expected << i;
    QCOMPARE(offsets, expected);
    // A read from the middle of a segment seeks through the sparse index.
    const LogPage middle = log.read(57, 3);
    QCOMPARE(offsetsOf(middle.records), (QList<quint64>{57, 58, 59}));
    QCOMPARE(middle.records.first().payload, smallRecord(57).payload);
    QVERIFY(log.read(100, 10).records.isEmpty());
}

void TopicLogTest::pageStopsAtMaxBytesButReturnsOneRecord()
{
    QTemporaryDir dir;
    TopicLog log;
    QVERIFY(log.open(dir.path()));
    for (int i = 0; i < 10; ++i)
        log.append(smallRecord(i));
    const qint64 recordSize = encodeRecord(smallRecord(0)).size();
    QCOMPARE(log.read(0, 100, 3 * recordSize).records.size(), 3);
    QCOMPARE(log.read(0, 100, 1).records.size(), 1);

    LogRecord tooLarge = smallRecord(10);
    tooLarge.topic = QString(70'000, u'x');
    QString error;
    QCOMPARE(log.append(tooLarge, &error), -1);
    QVERIFY(error.contains(u"too large"_s));
    QCOMPARE(log.endOffset(), 10u);
    QCOMPARE(log.append(smallRecord(10)), 10);
}

void TopicLogTest::findsOffsetForTime()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.segmentBytes = 1024;
    options.indexIntervalBytes = 200;
    fillLog(dir.path(), 100, options);
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    QCOMPARE(log.findOffsetForTime(0), 0u);
    QCOMPARE(log.findOffsetForTime(kBaseTime + 42'000), 42u);
    QCOMPARE(log.findOffsetForTime(kBaseTime + 42'001), 43u);
    QCOMPARE(log.findOffsetForTime(kBaseTime + 99'000), 99u);
    QCOMPARE(log.findOffsetForTime(kBaseTime + 100'000), 100u); // after the end: endOffset()
}

void TopicLogTest::retentionByBytesAndAge()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.segmentBytes = 1024;
    fillLog(dir.path(), 100, options);
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    const int segments = log.segmentCount();

    // Age: records are one second apart; keep what is younger than 30 s at +100 s.
    const int byAge = log.applyRetentionAge(30'000, kBaseTime + 100'000);
    QVERIFY(byAge > 0);
    QCOMPARE(log.segmentCount(), segments - byAge);
    QVERIFY(log.startOffset() > 0);
    QVERIFY(log.startOffset() <= 70); // nothing younger than the limit went
    QCOMPARE(log.read(0, 1).records.first().offset, log.startOffset());
    QVERIFY(!QFile::exists(segmentPath(dir.path(), 0, u".log"_s)));

    // Bytes: oldest whole segments go until the log fits.
    const int byBytes = log.applyRetentionBytes(2048);
    QVERIFY(byBytes > 0);
    QVERIFY(log.sizeBytes() <= 2048);
    QCOMPARE(log.endOffset(), 100u);
    QCOMPARE(readAll(log).last().offset, 99u);

    TopicLog reopened;
    log.close();
    QVERIFY(reopened.open(dir.path(), options));
    QVERIFY(reopened.recoveryReport().isClean());
    QVERIFY(reopened.startOffset() > 0);
}

void TopicLogTest::deleteSegmentsBeforeKeepsActiveSegment()
{
    QTemporaryDir dir;
    TopicLogOptions options;
    options.segmentBytes = 1024;
    fillLog(dir.path(), 100, options);
    TopicLog log;
    QVERIFY(log.open(dir.path(), options));
    QCOMPARE(log.deleteSegmentsBefore(0), 0);
    log.deleteSegmentsBefore(50);
    QVERIFY(log.startOffset() <= 50);
    QVERIFY(log.startOffset() > 0);
    log.deleteSegmentsBefore(1000);
    QCOMPARE(log.segmentCount(), 1);
    QCOMPARE(log.endOffset(), 100u);
    QCOMPARE(log.append(smallRecord(100)), 100);
}

QTEST_GUILESS_MAIN(TopicLogTest)
#include "tst_topic_log.moc"
