#pragma once
// Helpers shared by the MessageStore and daemon storage tests: records with a chosen
// topic/payload/arrival time, whole-topic reads through a MessageStore, and offsets.

#include "broker/storage/MessageStore.h"

#include <QDateTime>
#include <QTest>

using namespace Qt::StringLiterals;

/// Runs a helper that records QtTest failures, and returns from the test when it failed.
#define BS_STORAGE_CALL(expression)                                                        \
    do {                                                                                   \
        expression;                                                                        \
        if (QTest::currentTestFailed())                                                    \
            return;                                                                        \
    } while (false)

namespace message_store_test {

inline bs::storage::LogRecord recordFor(const QString& topic, const QByteArray& payload,
                                        qint64 arrivalMs = QDateTime::currentMSecsSinceEpoch())
{
    bs::storage::LogRecord record;
    record.topic = topic;
    record.payload = payload;
    record.arrivalMs = arrivalMs;
    record.qos = 1;
    return record;
}

/// Everything a topic holds, read page by page from its start offset.
struct TopicContents
{
    QList<bs::storage::LogRecord> records;
    QList<bs::storage::SkippedRange> skipped;
    QString error;

    QList<QByteArray> payloads() const
    {
        QList<QByteArray> list;
        for (const bs::storage::LogRecord& record : records)
            list << record.payload;
        return list;
    }
    QList<quint64> offsets() const
    {
        QList<quint64> list;
        for (const bs::storage::LogRecord& record : records)
            list << record.offset;
        return list;
    }
};

/// Reads topic from its first kept offset to its end in pages of pageSize records. An
/// unknown topic gives no records (and no error).
inline TopicContents readTopic(bs::storage::MessageStore& store, const QString& topic,
                               int pageSize = 500)
{
    TopicContents contents;
    const auto summary = store.topic(topic);
    if (!summary)
        return contents;
    quint64 from = summary->startOffset;
    while (from < summary->endOffset) {
        const bs::storage::LogPage page = store.read(topic, from, pageSize);
        contents.records << page.records;
        contents.skipped << page.skipped;
        if (!page.error.isEmpty())
            contents.error = page.error;
        if (page.nextOffset <= from)
            break; // no progress: a read error
        from = page.nextOffset;
    }
    return contents;
}

inline QList<quint64> offsetRange(quint64 from, quint64 to)
{
    QList<quint64> list;
    for (quint64 offset = from; offset < to; ++offset)
        list << offset;
    return list;
}

} // namespace message_store_test

using namespace message_store_test;
