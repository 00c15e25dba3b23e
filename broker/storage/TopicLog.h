#pragma once
// TopicLog: a durable, segmented, append-only log of the messages of ONE topic.
//
// Directory layout (the caller owns the directory, one per topic):
//   00000000000000000000.log   records with offsets 0..N-1, back to back
//   00000000000000000000.idx   sparse index of that segment (see LogSegment.h)
//   0000000000000000000N.log   next segment, named by its base (first) offset, ...
// A segment rolls when appending would take it past TopicLogOptions::segmentBytes, or
// when its first record is older than segmentMaxAgeMs (so age retention can delete it).
// Only the last segment is written; older ones are only read and deleted whole.
//
// Record layout (integers big-endian; see RecordCodec.h):
//   "BSLG"                    4  magic
//   version = 1               1
//   body length               u32
//   CRC-32C of the body       u32
//   body:
//     offset                  u64
//     arrival time            i64  ms since the Unix epoch
//     flags                   u8   bits 0-1 QoS, bit 2 retain, others 0
//     topic                   MQTT UTF-8 string (u16 length + bytes)
//     properties              MQTT 5 property block (varint length + properties) as
//                             bs::mqtt::Properties::write() / read(Publish) produce it:
//                             payload format, message expiry, content type, response
//                             topic, correlation data, user properties in order, ...
//     payload                 the rest of the body
//
// Writing: append() encodes into a memory buffer (auto-flushed past writeBufferBytes);
// flush() writes it to the .log (then the new index entries to the .idx); sync() also
// fsyncs both. A failed or short write truncates the .log back to its last good end and
// drops the buffered records, so what was stored before is never damaged.
//
// Recovery in open(): every segment's .idx is checked against its .log (a bad or short
// .idx is rebuilt/extended by scanning) and the part of each .log after the last index
// entry is scanned. Undecodable bytes followed by a valid record are reported and
// skipped (resync: the next "BSLG" header whose CRC is right); undecodable bytes at the
// end of the last segment (a torn write) are truncated and reported; offsets missing
// between segments (a deleted segment) are reported as gaps. Corruption inside the
// already-indexed part of a segment is found by read(), which skips and reports it too.
//
// Not thread-safe: one owner thread.

#include "broker/storage/LogRecord.h"
#include "broker/storage/LogSegment.h"

#include <QFile>
#include <QList>
#include <QString>
#include <QStringList>
#include <vector>

namespace bs::storage {

class FileReaper;

struct TopicLogOptions
{
    qint64 segmentBytes = 64 * 1024 * 1024;
    qint64 indexIntervalBytes = 4 * 1024;
    qint64 writeBufferBytes = 64 * 1024; ///< append() flushes once this much is buffered.
    qint64 segmentMaxAgeMs = 0; ///< >0: a segment also rolls when its first record is this old.
    /// Deletes retired segments off the caller's thread; null: deleted at once.
    FileReaper* reaper = nullptr;
};

struct RecoveryReport
{
    struct TruncatedTail
    {
        QString file;
        qint64 bytesRemoved = 0;
    };
    struct OffsetGap
    {
        quint64 from = 0; ///< First missing offset.
        quint64 to = 0;   ///< One past the last missing offset.
        QString missingFile; ///< The segment file that would have held them.
    };

    QList<TruncatedTail> truncatedTails;
    QList<SkippedRange> skippedRanges;
    QStringList rebuiltIndexes; ///< .idx files that were missing, damaged or short.
    QList<OffsetGap> gaps;

    bool isClean() const;
    quint64 missingOffsets() const; ///< Offsets lost with missing segments.
    QString describe() const; ///< One line per finding, for the log.
};

struct LogPage
{
    QList<LogRecord> records;
    quint64 nextOffset = 0; ///< Where the next read() should start.
    QList<SkippedRange> skipped; ///< Corrupt bytes met (and skipped) while reading.
    QString error;               ///< Set when a segment file could not be read.
};

class TopicLog
{
public:
    TopicLog() = default;
    ~TopicLog();
    TopicLog(const TopicLog&) = delete;
    TopicLog& operator=(const TopicLog&) = delete;

    /// Opens (creating if needed) the log in dir and recovers it; see recoveryReport().
    bool open(const QString& dir, const TopicLogOptions& options = {}, QString* error = nullptr);
    /// Flushes and closes; the object can be opened again.
    void close();
    bool isOpen() const { return m_open; }
    const RecoveryReport& recoveryReport() const { return m_report; }
    QString directory() const { return m_dir; }

    /// Assigns the next offset to record (its offset field is ignored) and buffers it.
    /// Returns the offset, or -1 with error when the log is closed or an automatic flush
    /// failed (then every buffered record was dropped; endOffset() tells what is stored),
    /// or the topic/payload is beyond MQTT's limits (nothing changes then).
    qint64 append(const LogRecord& record, QString* error = nullptr);
    bool flush(QString* error = nullptr);
    bool sync(QString* error = nullptr);
    /// dup()s of the active segment's .log and .idx descriptors, for an fsync on another
    /// thread (the caller closes them); empty when closed.
    QList<int> duplicateDescriptors() const;

    quint64 startOffset() const; ///< First offset kept (after retention).
    quint64 endOffset() const { return m_nextOffset; } ///< Offset the next append gets.

    /// Up to maxRecords records from fromOffset on, stopping before maxBytes of encoded
    /// records (at least one record when there is one). Reads from disk through the
    /// sparse index; buffered records are flushed first.
    LogPage read(quint64 fromOffset, int maxRecords, qint64 maxBytes = 1024 * 1024);
    /// First offset whose arrival time is >= msSinceEpoch (endOffset() if none). Assumes
    /// arrival times do not go backwards by much; it returns the first match it meets.
    quint64 findOffsetForTime(qint64 msSinceEpoch);

    /// Deletes whole segments all of whose offsets are < offset (never the last one).
    int deleteSegmentsBefore(quint64 offset);
    /// Deletes the oldest segments while the log is larger than maxBytes.
    int applyRetentionBytes(qint64 maxBytes);
    /// Deletes the oldest segments whose newest record is older than nowMs - maxAgeMs.
    int applyRetentionAge(qint64 maxAgeMs, qint64 nowMs);

    /// Deletes the oldest segment if it is not the only one; false otherwise.
    bool deleteOldestSegment();
    /// Deletes every record (a purge): the log starts over empty at endOffset(), so offsets
    /// are never given out twice. False when the flush or the new segment fails.
    bool discardAll(QString* error = nullptr);
    /// Arrival time of the newest record of the oldest segment (min() when empty).
    qint64 oldestSegmentLastArrivalMs() const;
    qint64 lastArrivalMs() const { return m_segments.empty() ? 0 : m_segments.back().lastArrivalMs(); }

    qint64 sizeBytes() const; ///< Bytes of all .log files, buffered ones included (.idx not counted).
    int segmentCount() const { return int(m_segments.size()); }

private:
    bool openActiveFiles(QString* error);
    bool rollSegment(QString* error);
    void deleteFirstSegment();
    qsizetype segmentIndexFor(quint64 offset) const;

    bool m_open = false;
    QString m_dir;
    TopicLogOptions m_options;
    RecoveryReport m_report;
    std::vector<LogSegment> m_segments;
    QFile m_activeLog;
    QFile m_activeIndex;
    QByteArray m_pending;      ///< Encoded records not yet written.
    QByteArray m_pendingIndex; ///< Their new index entries.
    quint64 m_nextOffset = 0;
    quint64 m_durableEndOffset = 0;
    qint64 m_durableLastArrivalMs = 0;
};

} // namespace bs::storage
