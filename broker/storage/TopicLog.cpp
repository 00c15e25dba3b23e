#include "broker/storage/TopicLog.h"

#include "broker/storage/FileReaper.h"

#include "broker/storage/RecordCodec.h"

#include <QDir>
#include <QRegularExpression>
#include <algorithm>
#include <cerrno>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {
constexpr qsizetype kKeptBufferBytes = 1024 * 1024;
} // namespace

bool RecoveryReport::isClean() const
{
    return truncatedTails.isEmpty() && skippedRanges.isEmpty() && rebuiltIndexes.isEmpty()
        && gaps.isEmpty();
}

quint64 RecoveryReport::missingOffsets() const
{
    quint64 missing = 0;
    for (const OffsetGap& gap : gaps)
        missing += gap.to - gap.from;
    return missing;
}

QString RecoveryReport::describe() const
{
    QStringList lines;
    for (const TruncatedTail& tail : truncatedTails)
        lines << u"%1: truncated %2 bytes of a torn or corrupt record at the end"_s.arg(tail.file, QString::number(tail.bytesRemoved));
    for (const SkippedRange& range : skippedRanges)
        lines << u"%1: skipped %2 corrupt bytes at position %3"_s.arg(range.file, QString::number(range.bytes), QString::number(range.position));
    for (const QString& index : rebuiltIndexes)
        lines << u"%1: index rebuilt from the log"_s.arg(index);
    for (const OffsetGap& gap : gaps)
        lines << u"offsets %1..%2 are missing (segment file %3 gone)"_s.arg(QString::number(gap.from), QString::number(gap.to - 1), gap.missingFile);
    return lines.join(u'\n');
}

TopicLog::~TopicLog()
{
    close();
}

bool TopicLog::open(const QString& dir, const TopicLogOptions& options, QString* error)
{
    close();
    m_dir = dir;
    m_options = options;
    m_report = {};
    if (!QDir().mkpath(dir)) {
        if (error)
            *error = u"Cannot create the log directory %1"_s.arg(dir);
        return false;
    }
    static const QRegularExpression segmentName(u"^([0-9]{20})\\.log$"_s);
    const QStringList files = QDir(dir).entryList({u"*.log"_s}, QDir::Files, QDir::Name);
    for (const QString& file : files) {
        const QRegularExpressionMatch match = segmentName.match(file);
        if (match.hasMatch())
            m_segments.emplace_back(dir, match.captured(1).toULongLong());
    }
    for (size_t i = 0; i < m_segments.size(); ++i) {
        LogSegment& segment = m_segments[i];
        const bool isLast = i + 1 == m_segments.size();
        qint64 truncated = 0;
        bool rebuilt = false;
        if (!segment.load(m_options.indexIntervalBytes, isLast, m_report.skippedRanges, truncated,
                          rebuilt, error)) {
            m_segments.clear();
            return false;
        }
        if (truncated > 0)
            m_report.truncatedTails.append({segment.logPath(), truncated});
        if (rebuilt)
            m_report.rebuiltIndexes.append(segment.indexPath());
        if (i > 0 && m_segments[i - 1].endOffset() < segment.baseOffset())
            m_report.gaps.append({m_segments[i - 1].endOffset(), segment.baseOffset(),
                                  QDir(dir).filePath(segmentFileStem(m_segments[i - 1].endOffset()) + u".log"_s)});
    }
    if (m_segments.empty()) {
        m_segments.emplace_back(dir, 0);
        QFile create(m_segments.back().logPath());
        if (!create.open(QIODevice::WriteOnly)) {
            if (error)
                *error = u"Cannot create %1: %2"_s.arg(create.fileName(), create.errorString());
            m_segments.clear();
            return false;
        }
    }
    m_nextOffset = m_durableEndOffset = m_segments.back().endOffset();
    m_durableLastArrivalMs = m_segments.back().lastArrivalMs();
    if (!openActiveFiles(error)) {
        m_segments.clear();
        return false;
    }
    m_open = true;
    return true;
}

void TopicLog::close()
{
    if (m_open)
        flush();
    m_activeLog.close();
    m_activeIndex.close();
    m_segments.clear();
    m_pending.clear();
    m_pendingIndex.clear();
    m_open = false;
}

bool TopicLog::openActiveFiles(QString* error)
{
    m_activeLog.close();
    m_activeIndex.close();
    const LogSegment& active = m_segments.back();
    m_activeLog.setFileName(active.logPath());
    m_activeIndex.setFileName(active.indexPath());
    const auto mode = QIODevice::WriteOnly | QIODevice::Append | QIODevice::Unbuffered;
    for (QFile* file : {&m_activeLog, &m_activeIndex}) {
        if (!file->open(mode)) {
            if (error)
                *error = u"Cannot open %1 for writing: %2"_s.arg(file->fileName(), file->errorString());
            return false;
        }
    }
    return true;
}

bool TopicLog::rollSegment(QString* error)
{
    m_segments.emplace_back(m_dir, m_nextOffset);
    if (!openActiveFiles(error)) {
        m_segments.pop_back();
        QString ignored;
        openActiveFiles(&ignored);
        return false;
    }
    m_durableLastArrivalMs = m_segments.back().lastArrivalMs();
    return true;
}

qint64 TopicLog::append(const LogRecord& record, QString* error)
{
    if (!m_open) {
        if (error)
            *error = u"The topic log is not open"_s;
        return -1;
    }
    const bool topicMayBeTooLong = record.topic.size() * 3 > 0xFFFF; // UTF-8: at most 3 bytes a QChar
    if ((topicMayBeTooLong && record.topic.toUtf8().size() > 0xFFFF)
        || record.payload.size() > qsizetype(kMaxRecordBodySize) - 0xFFFF * 2) {
        if (error)
            *error = u"The message is too large to store (topic or payload beyond MQTT limits)"_s;
        return -1;
    }
    const quint64 offset = m_nextOffset;
    // Encoded straight into the write buffer; on the rare roll it is moved to the new segment.
    const qsizetype before = m_pending.size();
    appendEncodedRecord(m_pending, record, offset);
    const qint64 recordSize = m_pending.size() - before;
    const qint64 segmentSize = m_segments.back().size() + before;
    const bool tooOld = m_options.segmentMaxAgeMs > 0 && !m_segments.back().index().isEmpty()
        && record.arrivalMs - m_segments.back().index().first().arrivalMs > m_options.segmentMaxAgeMs;
    if (segmentSize > 0 && (tooOld || segmentSize + recordSize > m_options.segmentBytes)) {
        QByteArray bytes = m_pending.mid(before);
        m_pending.truncate(before);
        if (!flush(error) || !rollSegment(error))
            return -1;
        m_pending = std::move(bytes);
    }
    LogSegment& active = m_segments.back();
    const qint64 position = active.size() + m_pending.size() - recordSize;
    if (active.noteAppended(offset, record.arrivalMs, position, m_options.indexIntervalBytes))
        m_pendingIndex.append(LogSegment::encodeIndexEntry(active.index().last()));
    ++m_nextOffset;
    if (m_pending.size() >= m_options.writeBufferBytes && !flush(error))
        return -1;
    return qint64(offset);
}

bool TopicLog::flush(QString* error)
{
    if (m_pending.isEmpty())
        return true;
    LogSegment& active = m_segments.back();
    const qint64 goodEnd = active.size();
    errno = 0;
    const qint64 written = m_activeLog.write(m_pending);
    if (written != m_pending.size()) {
        const int code = errno; // QFile's errorString() says "Unknown error" after a short write
        const QString reason = code != 0 ? qt_error_string(code) : m_activeLog.errorString();
        m_activeLog.resize(goodEnd); // never leave a partial record behind
        if (error)
            *error = u"Cannot write to %1 (%2): offsets %3..%4 were not stored; the log ends at offset %3"_s
                         .arg(active.logPath(), reason, QString::number(m_durableEndOffset),
                              QString::number(m_nextOffset - 1));
        active.rollBackTo(goodEnd, m_durableEndOffset, m_durableLastArrivalMs);
        m_nextOffset = m_durableEndOffset;
        m_pending.clear();
        m_pendingIndex.clear();
        return false;
    }
    active.setDurableSize(goodEnd + written);
    m_durableEndOffset = m_nextOffset;
    m_durableLastArrivalMs = active.lastArrivalMs();
    // Keep a modest buffer for the next batch instead of growing it from nothing each time.
    if (m_pending.capacity() <= kKeptBufferBytes)
        m_pending.truncate(0);
    else
        m_pending.clear();
    if (!m_pendingIndex.isEmpty()) {
        const qint64 indexEnd = m_activeIndex.size();
        if (m_activeIndex.write(m_pendingIndex) != m_pendingIndex.size())
            m_activeIndex.resize(indexEnd); // a short index is extended on the next open
        m_pendingIndex.clear();
    }
    return true;
}

bool TopicLog::sync(QString* error)
{
    if (!flush(error))
        return false;
    if (::fsync(m_activeLog.handle()) != 0 || ::fsync(m_activeIndex.handle()) != 0) {
        if (error)
            *error = u"Cannot sync %1 to disk"_s.arg(m_activeLog.fileName());
        return false;
    }
    return true;
}

QList<int> TopicLog::duplicateDescriptors() const
{
    QList<int> descriptors;
    for (const QFile* file : {&m_activeLog, &m_activeIndex}) {
        if (file->isOpen()) {
            const int fd = ::dup(file->handle());
            if (fd >= 0)
                descriptors.append(fd);
        }
    }
    return descriptors;
}

quint64 TopicLog::startOffset() const
{
    return m_segments.empty() ? 0 : m_segments.front().baseOffset();
}

qint64 TopicLog::sizeBytes() const
{
    qint64 total = m_pending.size();
    for (const LogSegment& segment : m_segments)
        total += segment.size();
    return total;
}

qsizetype TopicLog::segmentIndexFor(quint64 offset) const
{
    for (size_t i = 0; i < m_segments.size(); ++i) {
        if (m_segments[i].endOffset() > offset)
            return qsizetype(i);
    }
    return -1;
}

LogPage TopicLog::read(quint64 fromOffset, int maxRecords, qint64 maxBytes)
{
    LogPage page;
    page.nextOffset = std::max(fromOffset, startOffset());
    if (!m_open || maxRecords <= 0)
        return page;
    flush(&page.error);
    qint64 pageBytes = 0;
    const qsizetype first = segmentIndexFor(page.nextOffset);
    for (qsizetype i = first; i >= 0 && i < qsizetype(m_segments.size()); ++i) {
        const LogSegment& segment = m_segments[size_t(i)];
        QFile file(segment.logPath());
        if (!file.open(QIODevice::ReadOnly)) {
            page.error = u"Cannot read %1: %2"_s.arg(file.fileName(), file.errorString());
            return page;
        }
        const qint64 end = segment.size();
        qint64 position = segment.seekPositionFor(page.nextOffset);
        quint64 minOffset = segment.baseOffset();
        while (position < end) {
            RecordAtPosition next = readRecordAt(file, position, end);
            if (next.status != RecordAtPosition::Ok || next.record.offset < minOffset) {
                const qint64 resume = findNextRecord(file, position + 1, end, minOffset);
                page.skipped.append({segment.logPath(), position, (resume < 0 ? end : resume) - position});
                if (resume < 0)
                    break;
                position = resume;
                continue;
            }
            const quint64 offset = next.record.offset;
            if (offset >= page.nextOffset) {
                if (page.records.size() >= maxRecords
                    || (!page.records.isEmpty() && pageBytes + next.size > maxBytes))
                    return page;
                pageBytes += next.size;
                page.nextOffset = offset + 1;
                page.records.append(std::move(next.record));
            }
            minOffset = offset + 1;
            position += next.size;
        }
        page.nextOffset = std::max(page.nextOffset, segment.endOffset());
    }
    return page;
}

quint64 TopicLog::findOffsetForTime(qint64 msSinceEpoch)
{
    flush();
    for (const LogSegment& segment : m_segments) {
        if (segment.isEmpty() || segment.lastArrivalMs() < msSinceEpoch)
            continue;
        QFile file(segment.logPath());
        if (!file.open(QIODevice::ReadOnly))
            continue;
        qint64 position = segment.seekPositionForTime(msSinceEpoch);
        quint64 minOffset = segment.baseOffset();
        while (position < segment.size()) {
            const RecordAtPosition next = readRecordAt(file, position, segment.size());
            if (next.status != RecordAtPosition::Ok || next.record.offset < minOffset) {
                position = findNextRecord(file, position + 1, segment.size(), minOffset);
                if (position < 0)
                    break;
                continue;
            }
            if (next.record.arrivalMs >= msSinceEpoch)
                return next.record.offset;
            minOffset = next.record.offset + 1;
            position += next.size;
        }
    }
    return endOffset();
}

void TopicLog::deleteFirstSegment()
{
    const LogSegment& first = m_segments.front();
    if (m_options.reaper) {
        m_options.reaper->removeLater({first.logPath(), first.indexPath()});
    } else {
        QFile::remove(first.logPath());
        QFile::remove(first.indexPath());
    }
    m_segments.erase(m_segments.begin());
}

bool TopicLog::deleteOldestSegment()
{
    if (m_segments.size() < 2)
        return false;
    deleteFirstSegment();
    return true;
}

bool TopicLog::discardAll(QString* error)
{
    if (!flush(error))
        return false;
    if (m_segments.back().size() > 0 && !rollSegment(error))
        return false;
    deleteSegmentsBefore(m_nextOffset);
    return true;
}

qint64 TopicLog::oldestSegmentLastArrivalMs() const
{
    return m_segments.empty() ? std::numeric_limits<qint64>::min() : m_segments.front().lastArrivalMs();
}

int TopicLog::deleteSegmentsBefore(quint64 offset)
{
    int deleted = 0;
    while (m_segments.size() > 1 && m_segments.front().endOffset() <= offset) {
        deleteFirstSegment();
        ++deleted;
    }
    return deleted;
}

int TopicLog::applyRetentionBytes(qint64 maxBytes)
{
    int deleted = 0;
    while (m_segments.size() > 1 && sizeBytes() > maxBytes) {
        deleteFirstSegment();
        ++deleted;
    }
    return deleted;
}

int TopicLog::applyRetentionAge(qint64 maxAgeMs, qint64 nowMs)
{
    int deleted = 0;
    while (m_segments.size() > 1 && m_segments.front().lastArrivalMs() < nowMs - maxAgeMs) {
        deleteFirstSegment();
        ++deleted;
    }
    return deleted;
}

} // namespace bs::storage
