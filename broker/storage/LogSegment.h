#pragma once
// One segment of a topic log: <base>.log holds records back to back, <base>.idx a sparse
// index of fixed 24-byte entries (u64 offset, i64 file position, i64 arrival ms, all
// big-endian), one for the first record and then one whenever at least
// indexIntervalBytes of log lie since the previous entry. The in-memory index is the
// same list. The .idx may lag the .log (it is written after it) and can always be
// rebuilt from the .log by scanning.

#include "broker/storage/LogRecord.h"

#include <QFile>
#include <QList>
#include <QString>
#include <limits>

namespace bs::storage {

struct IndexEntry
{
    quint64 offset = 0;
    qint64 position = 0;
    qint64 arrivalMs = 0;
};

/// Bytes of a segment file that could not be decoded and were skipped.
struct SkippedRange
{
    QString file;
    qint64 position = 0;
    qint64 bytes = 0;
};

/// Result of reading one record at a file position.
struct RecordAtPosition
{
    enum Status { Ok, Torn, Corrupt } status = Corrupt;
    LogRecord record;
    qint64 size = 0; ///< Header + body, when Ok.
};

/// Reads the record starting at position (the file must be open for reading).
RecordAtPosition readRecordAt(QFile& file, qint64 position, qint64 fileEnd);
/// First position >= from holding a valid record with an offset >= minOffset, or -1.
qint64 findNextRecord(QFile& file, qint64 from, qint64 fileEnd, quint64 minOffset);

QString segmentFileStem(quint64 baseOffset);

class LogSegment
{
public:
    LogSegment(const QString& dir, quint64 baseOffset);

    quint64 baseOffset() const { return m_baseOffset; }
    QString logPath() const { return m_logPath; }
    QString indexPath() const { return m_indexPath; }

    qint64 size() const { return m_size; }           ///< Bytes durably in the .log.
    quint64 endOffset() const { return m_endOffset; } ///< One past the last record.
    bool isEmpty() const { return m_endOffset == m_baseOffset && m_index.isEmpty(); }
    qint64 lastArrivalMs() const { return m_lastArrivalMs; }
    const QList<IndexEntry>& index() const { return m_index; }

    /// Loads the .idx (keeping its valid prefix) and scans the .log from the last entry
    /// to its end, adding index entries and rewriting the .idx when it changed.
    /// Undecodable bytes followed by a valid record are skipped and listed in skipped;
    /// undecodable bytes at the end are cut off when truncateBadTail (the returned
    /// number of bytes), else listed as skipped. rebuiltIndex tells whether the .idx was
    /// missing, damaged or incomplete. False with error when the files cannot be used.
    bool load(qint64 indexInterval, bool truncateBadTail, QList<SkippedRange>& skipped,
              qint64& truncatedBytes, bool& rebuiltIndex, QString* error);

    /// Position to start reading for offset (from the sparse index).
    qint64 seekPositionFor(quint64 offset) const;
    /// Position to start searching for the first record at or after arrivalMs.
    qint64 seekPositionForTime(qint64 arrivalMs) const;

    /// Records that the record with this offset/time now lies at position (durable or
    /// pending); adds an index entry when due and returns whether it did.
    bool noteAppended(quint64 offset, qint64 arrivalMs, qint64 position, qint64 indexInterval);
    /// Forgets everything from position on (after a failed write).
    void rollBackTo(qint64 position, quint64 endOffset, qint64 lastArrivalMs);
    void setDurableSize(qint64 size) { m_size = size; }

    /// Rewrites the whole .idx from the in-memory index.
    bool writeIndexFile(QString* error) const;
    static QByteArray encodeIndexEntry(const IndexEntry& entry);

private:
    void loadIndexFile(qint64 logSize);

    quint64 m_baseOffset;
    QString m_logPath;
    QString m_indexPath;
    qint64 m_size = 0;
    quint64 m_endOffset;
    qint64 m_lastArrivalMs = std::numeric_limits<qint64>::min();
    QList<IndexEntry> m_index;
};

} // namespace bs::storage
