#pragma once
// Helpers shared by the TopicLog tests: a small numbered record, whole-log reads,
// segment file paths, and a log filled with N records.

#include "broker/storage/RecordCodec.h"
#include "broker/storage/TopicLog.h"

#include <QDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::storage;

namespace topic_log_test {

constexpr qint64 kBaseTime = 1'700'000'000'000;

inline LogRecord smallRecord(int i)
{
    LogRecord record;
    record.arrivalMs = kBaseTime + i * 1000;
    record.topic = u"sensors/temp"_s;
    record.qos = quint8(i % 3);
    record.payload = QByteArray::number(i).rightJustified(40, '.');
    return record;
}

inline QList<quint64> offsetsOf(const QList<LogRecord>& records)
{
    QList<quint64> offsets;
    for (const LogRecord& record : records)
        offsets << record.offset;
    return offsets;
}

/// Reads the whole log in pages of pageSize records.
inline QList<LogRecord> readAll(TopicLog& log, int pageSize = 1000)
{
    QList<LogRecord> all;
    quint64 from = log.startOffset();
    while (from < log.endOffset()) {
        const LogPage page = log.read(from, pageSize);
        if (page.records.isEmpty())
            break;
        all << page.records;
        from = page.nextOffset;
    }
    return all;
}

inline QString segmentPath(const QString& dir, quint64 base, const QString& suffix)
{
    return QDir(dir).filePath(segmentFileStem(base) + suffix);
}

inline void fillLog(const QString& dir, int count, const TopicLogOptions& options)
{
    TopicLog log;
    QVERIFY(log.open(dir, options));
    for (int i = 0; i < count; ++i)
        QCOMPARE(log.append(smallRecord(i)), qint64(i));
    QVERIFY(log.sync());
}

} // namespace topic_log_test

using namespace topic_log_test;
