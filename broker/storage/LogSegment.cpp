#include "broker/storage/LogSegment.h"

#include "broker/storage/RecordCodec.h"

#include <QDir>
#include <QtEndian>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {

constexpr qint64 kIndexEntrySize = 24;
constexpr qint64 kResyncChunk = 64 * 1024;

qint64 bigEndian64(const char* bytes)
{
    return qFromBigEndian<qint64>(bytes);
}

} // namespace

RecordAtPosition readRecordAt(QFile& file, qint64 position, qint64 fileEnd)
{
    RecordAtPosition result;
    if (position + kRecordHeaderSize > fileEnd) {
        result.status = RecordAtPosition::Torn;
        return result;
    }
    if (file.pos() != position && !file.seek(position))
        return result;
    const QByteArray header = file.read(kRecordHeaderSize);
    const std::optional<quint32> bodyLength = bodyLengthFromHeader(header);
    if (!bodyLength)
        return result;
    if (position + kRecordHeaderSize + qint64(*bodyLength) > fileEnd) {
        result.status = RecordAtPosition::Torn;
        return result;
    }
    const QByteArray body = file.read(*bodyLength);
    std::optional<LogRecord> record = decodeRecord(header, body);
    if (!record)
        return result;
    result.status = RecordAtPosition::Ok;
    result.record = std::move(*record);
    result.size = kRecordHeaderSize + *bodyLength;
    return result;
}

qint64 findNextRecord(QFile& file, qint64 from, qint64 fileEnd, quint64 minOffset)
{
    const QByteArrayView magic(kRecordMagic, 4);
    for (qint64 chunkStart = from; chunkStart < fileEnd; chunkStart += kResyncChunk) {
        if (!file.seek(chunkStart))
            return -1;
        // overlap by magic size - 1 so a magic split between chunks is still found
        const QByteArray chunk = file.read(std::min(kResyncChunk + 3, fileEnd - chunkStart));
        for (qsizetype at = chunk.indexOf(magic); at >= 0 && at < kResyncChunk;
             at = chunk.indexOf(magic, at + 1)) {
            const RecordAtPosition candidate = readRecordAt(file, chunkStart + at, fileEnd);
            if (candidate.status == RecordAtPosition::Ok && candidate.record.offset >= minOffset)
                return chunkStart + at;
        }
    }
    return -1;
}

QString segmentFileStem(quint64 baseOffset)
{
    return u"%1"_s.arg(baseOffset, 20, 10, QLatin1Char('0'));
}

LogSegment::LogSegment(const QString& dir, quint64 baseOffset)
    : m_baseOffset(baseOffset)
    , m_logPath(QDir(dir).filePath(segmentFileStem(baseOffset) + u".log"_s))
    , m_indexPath(QDir(dir).filePath(segmentFileStem(baseOffset) + u".idx"_s))
    , m_endOffset(baseOffset)
{
}

void LogSegment::loadIndexFile(qint64 logSize)
{
    m_index.clear();
    QFile file(m_indexPath);
    if (!file.open(QIODevice::ReadOnly))
        return;
    const QByteArray bytes = file.readAll();
    for (qint64 at = 0; at + kIndexEntrySize <= bytes.size(); at += kIndexEntrySize) {
        const char* raw = bytes.constData() + at;
        const IndexEntry entry{static_cast<quint64>(bigEndian64(raw)), bigEndian64(raw + 8),
                               bigEndian64(raw + 16)};
        const bool valid = m_index.isEmpty()
            ? entry.offset == m_baseOffset && entry.position == 0
            : entry.offset > m_index.last().offset && entry.position > m_index.last().position;
        if (!valid || entry.position >= logSize)
            break;
        m_index.append(entry);
    }
}

bool LogSegment::load(qint64 indexInterval, bool truncateBadTail, QList<SkippedRange>& skipped,
                      qint64& truncatedBytes, bool& rebuiltIndex, QString* error)
{
    truncatedBytes = 0;
    rebuiltIndex = false;
    QFile log(m_logPath);
    if (!log.open(QIODevice::ReadOnly)) {
        if (error)
            *error = u"Cannot open %1: %2"_s.arg(m_logPath, log.errorString());
        return false;
    }
    const qint64 logSize = log.size();
    const qint64 indexFileSize = QFileInfo(m_indexPath).size();
    loadIndexFile(logSize);
    const qsizetype loadedEntries = m_index.size();
    bool indexFileExact = indexFileSize == loadedEntries * kIndexEntrySize;

    qint64 position = 0;
    m_endOffset = m_baseOffset;
    if (!m_index.isEmpty()) {
        const IndexEntry last = m_index.last();
        const RecordAtPosition check = readRecordAt(log, last.position, logSize);
        if (check.status == RecordAtPosition::Ok && check.record.offset == last.offset) {
            position = last.position;
            m_endOffset = last.offset;
        } else {
            m_index.clear();
            indexFileExact = false;
        }
    }

    qint64 goodEnd = position;
    while (position < logSize) {
        RecordAtPosition next = readRecordAt(log, position, logSize);
        if (next.status == RecordAtPosition::Ok && next.record.offset >= m_endOffset) {
            noteAppended(next.record.offset, next.record.arrivalMs, position, indexInterval);
            position += next.size;
            goodEnd = position;
            continue;
        }
        const qint64 resume = findNextRecord(log, position + 1, logSize, m_endOffset);
        if (resume < 0)
            break;
        skipped.append({m_logPath, position, resume - position});
        position = resume;
    }
    log.close();
    m_size = logSize;

    if (goodEnd < logSize) {
        if (truncateBadTail) {
            if (!QFile::resize(m_logPath, goodEnd)) {
                if (error)
                    *error = u"Cannot truncate the damaged end of %1"_s.arg(m_logPath);
                return false;
            }
            truncatedBytes = logSize - goodEnd;
            m_size = goodEnd;
        } else {
            skipped.append({m_logPath, goodEnd, logSize - goodEnd});
        }
    }

    if (m_index.size() != loadedEntries || !indexFileExact) {
        rebuiltIndex = !(m_index.isEmpty() && indexFileSize == 0 && m_size == 0);
        if (!writeIndexFile(error))
            return false;
    }
    return true;
}

qint64 LogSegment::seekPositionFor(quint64 offset) const
{
    const auto after = std::partition_point(m_index.cbegin(), m_index.cend(),
                                            [offset](const IndexEntry& e) { return e.offset <= offset; });
    return after == m_index.cbegin() ? 0 : std::prev(after)->position;
}

qint64 LogSegment::seekPositionForTime(qint64 arrivalMs) const
{
    const auto after = std::partition_point(m_index.cbegin(), m_index.cend(),
                                            [arrivalMs](const IndexEntry& e) { return e.arrivalMs < arrivalMs; });
    return after == m_index.cbegin() ? 0 : std::prev(after)->position;
}

bool LogSegment::noteAppended(quint64 offset, qint64 arrivalMs, qint64 position, qint64 indexInterval)
{
    m_endOffset = offset + 1;
    m_lastArrivalMs = arrivalMs;
    if (m_index.isEmpty() || position - m_index.last().position >= indexInterval) {
        m_index.append({offset, position, arrivalMs});
        return true;
    }
    return false;
}

void LogSegment::rollBackTo(qint64 position, quint64 endOffset, qint64 lastArrivalMs)
{
    while (!m_index.isEmpty() && m_index.last().position >= position)
        m_index.removeLast();
    m_size = position;
    m_endOffset = endOffset;
    m_lastArrivalMs = lastArrivalMs;
}

QByteArray LogSegment::encodeIndexEntry(const IndexEntry& entry)
{
    QByteArray bytes(kIndexEntrySize, Qt::Uninitialized);
    qToBigEndian<quint64>(entry.offset, bytes.data());
    qToBigEndian<qint64>(entry.position, bytes.data() + 8);
    qToBigEndian<qint64>(entry.arrivalMs, bytes.data() + 16);
    return bytes;
}

bool LogSegment::writeIndexFile(QString* error) const
{
    QByteArray bytes;
    bytes.reserve(m_index.size() * kIndexEntrySize);
    for (const IndexEntry& entry : m_index)
        bytes.append(encodeIndexEntry(entry));
    QFile file(m_indexPath);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate) || file.write(bytes) != bytes.size()) {
        if (error)
            *error = u"Cannot write %1: %2"_s.arg(m_indexPath, file.errorString());
        file.close();
        QFile::resize(m_indexPath, 0); // an empty index is rebuilt on the next open
        return false;
    }
    return true;
}

} // namespace bs::storage
