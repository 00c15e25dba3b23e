#include "broker/storage/MessageStore.h"

#include "broker/storage/TopicDirectory.h"

#include <QDir>
#include <QElapsedTimer>
#include <algorithm>

Q_LOGGING_CATEGORY(lcStorage, "brokerscope.storage")

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {
constexpr qint64 kRetryAfterFailureMs = 1000;
} // namespace

MessageStore::MessageStore(StorageOptions options) : m_options(std::move(options)) {}

MessageStore::~MessageStore()
{
    close();
}

TopicLogOptions MessageStore::logOptions() const
{
    TopicLogOptions options;
    options.segmentBytes = m_options.segmentBytes;
    options.segmentMaxAgeMs = m_options.segmentMaxAgeMs;
    // One index entry per 16 KB of log: 1.5 GB of log costs ~2 MB of memory, and a read
    // scans at most 16 KB past the entry it starts from.
    options.indexIntervalBytes = 16 * 1024;
    // Never flush behind the engine's back: it acknowledges after commit().
    options.writeBufferBytes = std::numeric_limits<qint64>::max();
    options.reaper = &m_reaper;
    return options;
}

bool MessageStore::open(const QString& dataDirectory, QString* error)
{
    close();
    m_topicsDirectory = QDir(dataDirectory).filePath(u"topics"_s);
    if (!QDir().mkpath(m_topicsDirectory)) {
        if (error)
            *error = u"cannot create %1"_s.arg(m_topicsDirectory);
        return false;
    }
    m_recoveryLines.clear();
    m_recoveredMessages = 0;
    const QStringList names = QDir(m_topicsDirectory).entryList(QDir::Dirs | QDir::NoDotAndDotDot);
    for (const QString& name : names)
        recoverTopicDirectory(QDir(m_topicsDirectory).filePath(name));
    m_open = true;
    return true;
}

void MessageStore::recoverTopicDirectory(const QString& directory)
{
    QString topic = readTopicNameFile(directory);
    m_reaper.removeLeftovers(directory);
    TopicEntry entry;
    entry.directory = directory;
    QString error;
    if (!openLog(entry, &error)) {
        m_recoveryLines << u"%1: cannot open: %2; its messages are not served"_s.arg(directory, error);
        qCWarning(lcStorage).noquote() << m_recoveryLines.last();
        return;
    }
    if (topic.isNull()) {
        // No TOPIC file (e.g. deleted): the records name their topic.
        const LogPage first = entry.log->read(entry.log->startOffset(), 1);
        if (first.records.isEmpty()) {
            m_recoveryLines << u"%1: no TOPIC file and no message; ignored"_s.arg(directory);
            qCWarning(lcStorage).noquote() << m_recoveryLines.last();
            closeLog(entry);
            return;
        }
        topic = first.records.first().topic;
        writeTopicNameFile(directory, topic);
        m_recoveryLines << u"%1: TOPIC file rewritten from the log"_s.arg(directory);
        qCWarning(lcStorage).noquote() << m_recoveryLines.last();
    }
    const RecoveryReport& report = entry.log->recoveryReport();
    if (!report.isClean()) {
        for (const QString& line : report.describe().split(u'\n'))
            m_recoveryLines << u"topic '%1': %2"_s.arg(topic, line);
        qCWarning(lcStorage).noquote() << u"recovered topic '%1':\n  "_s.arg(topic)
                                                 + report.describe().replace(u'\n', u"\n  "_s);
    }
    entry.summary.topic = topic;
    refreshSummary(entry);
    m_recoveredMessages += qint64(entry.summary.messageCount() - report.missingOffsets());
    const auto it = m_topics.insert_or_assign(topic, std::move(entry)).first;
    it->second.lastUse = ++m_useCounter;
    closeIdleLogs();
}

void MessageStore::close()
{
    if (!m_open)
        return;
    commit(0);
    syncWritten();
    for (auto& [topic, entry] : m_topics)
        closeLog(entry);
    m_topics.clear();
    m_dirty.clear();
    m_unsynced.clear();
    m_reaper.waitForDone();
    m_open = false;
}

bool MessageStore::openLog(TopicEntry& entry, QString* error)
{
    auto log = std::make_unique<TopicLog>();
    if (!log->open(entry.directory, logOptions(), error))
        return false;
    entry.log = std::move(log);
    ++m_openLogs;
    return true;
}

void MessageStore::closeLog(TopicEntry& entry)
{
    if (!entry.log)
        return;
    if (m_options.fsync != FsyncPolicy::Never)
        entry.log->sync();
    entry.log->close();
    entry.log.reset();
    --m_openLogs;
    m_unsynced.remove(entry.summary.topic);
}

TopicLog* MessageStore::ensureOpen(TopicEntry& entry)
{
    entry.lastUse = ++m_useCounter;
    if (!entry.log) {
        QString error;
        if (!openLog(entry, &error)) {
            m_lastError = error;
            return nullptr;
        }
        closeIdleLogs();
    }
    return entry.log.get();
}

void MessageStore::closeIdleLogs()
{
    while (m_openLogs > m_options.maxOpenLogs) {
        TopicEntry* oldest = nullptr;
        for (auto& [topic, entry] : m_topics) {
            const bool justUsed = entry.lastUse == m_useCounter;
            if (entry.log && !justUsed && !m_dirty.contains(topic)
                && (!oldest || entry.lastUse < oldest->lastUse))
                oldest = &entry;
        }
        if (!oldest)
            return;
        closeLog(*oldest);
    }
}

MessageStore::TopicEntry* MessageStore::entryFor(const QString& topic, bool create)
{
    auto it = m_topics.find(topic);
    if (it != m_topics.end())
        return &it->second;
    if (!create)
        return nullptr;
    TopicEntry entry;
    entry.summary.topic = topic;
    entry.directory = QDir(m_topicsDirectory).filePath(topicDirectoryName(topic));
    QString error;
    if (!QDir().mkpath(entry.directory) || !writeTopicNameFile(entry.directory, topic)) {
        m_lastError = u"cannot create %1"_s.arg(entry.directory);
        return nullptr;
    }
    if (!openLog(entry, &error)) {
        m_lastError = error;
        return nullptr;
    }
    refreshSummary(entry);
    entry.lastUse = ++m_useCounter;
    TopicEntry* created = &m_topics.insert_or_assign(topic, std::move(entry)).first->second;
    closeIdleLogs();
    return created;
}

void MessageStore::refreshSummary(TopicEntry& entry)
{
    const TopicLog& log = *entry.log;
    entry.summary.startOffset = log.startOffset();
    entry.summary.endOffset = log.endOffset();
    entry.summary.bytes = log.sizeBytes();
    entry.summary.segments = log.segmentCount();
    entry.summary.lastArrivalMs = log.endOffset() > log.startOffset() ? log.lastArrivalMs() : 0;
    entry.oldestSegmentLastArrivalMs = log.oldestSegmentLastArrivalMs();
}

bool MessageStore::canAccept(qint64 nowMs) const
{
    return m_open && (!m_failedAtMs || nowMs - *m_failedAtMs >= kRetryAfterFailureMs);
}

qint64 MessageStore::append(const LogRecord& record, qint64 nowMs)
{
    if (!m_open) {
        m_lastError = u"the message store is not open"_s;
        return -1;
    }
    m_lastNowMs = nowMs;
    TopicEntry* entry = entryFor(record.topic, true);
    TopicLog* log = entry ? ensureOpen(*entry) : nullptr;
    if (!log) {
        noteFailure(m_lastError, nowMs);
        return -1;
    }
    QString error;
    const qint64 offset = log->append(record, &error);
    if (offset < 0) {
        m_lastError = error;
        return -1; // too large: not a storage failure
    }
    m_dirty.insert(record.topic);
    refreshSummary(*entry);
    return offset;
}

bool MessageStore::commit(qint64 nowMs, QSet<QString>* failedTopics)
{
    // Failures met since the last commit (a read that had to write first) count too.
    m_lastNowMs = nowMs;
    bool ok = m_failedSinceCommit.isEmpty();
    if (failedTopics)
        *failedTopics = m_failedSinceCommit;
    m_failedSinceCommit.clear();
    const bool wroteSomething = !m_dirty.isEmpty();
    for (const QString& topic : std::as_const(m_dirty)) {
        TopicEntry* entry = entryFor(topic, false);
        if (!entry || !entry->log)
            continue;
        QString error;
        const bool written = m_options.fsync == FsyncPolicy::Always ? entry->log->sync(&error)
                                                                    : entry->log->flush(&error);
        refreshSummary(*entry);
        if (!written) {
            ok = false;
            noteFailure(error, nowMs);
            if (failedTopics)
                failedTopics->insert(topic);
        } else if (m_options.fsync == FsyncPolicy::Interval) {
            m_unsynced.insert(topic);
        }
    }
    m_dirty.clear();
    if (ok && wroteSomething && m_failedAtMs)
        noteSuccess();
    closeIdleLogs();
    return ok;
}

bool MessageStore::syncWritten()
{
    bool ok = true;
    for (const QString& topic : std::as_const(m_unsynced)) {
        TopicEntry* entry = entryFor(topic, false);
        if (entry && entry->log && !entry->log->sync()) {
            ok = false;
            qCWarning(lcStorage).noquote() << u"cannot fsync the log of '%1'"_s.arg(topic);
        }
    }
    m_unsynced.clear();
    return ok;
}

void MessageStore::noteFailure(const QString& error, qint64 nowMs)
{
    if (!m_failedAtMs) {
        qCWarning(lcStorage).noquote()
            << u"cannot write: %1 — publishes are refused until the disk takes writes again"_s.arg(error);
    }
    m_lastError = error;
    m_failedAtMs = nowMs;
}

void MessageStore::noteSuccess()
{
    qCInfo(lcStorage).noquote() << u"writing again; publishes are accepted"_s;
    m_failedAtMs.reset();
}

QList<int> MessageStore::takeDescriptorsToSync()
{
    QList<int> descriptors;
    for (const QString& topic : std::as_const(m_unsynced)) {
        TopicEntry* entry = entryFor(topic, false);
        if (entry && entry->log)
            descriptors += entry->log->duplicateDescriptors();
    }
    m_unsynced.clear();
    return descriptors;
}

LogPage MessageStore::read(const QString& topic, quint64 fromOffset, int maxRecords, qint64 maxBytes)
{
    TopicEntry* entry = entryFor(topic, false);
    TopicLog* log = entry ? ensureOpen(*entry) : nullptr;
    if (!log) {
        LogPage page;
        page.nextOffset = fromOffset;
        if (entry)
            page.error = m_lastError;
        return page;
    }
    QString error;
    if (m_dirty.contains(topic)) {
        // Reading flushes the buffered records; a failure here is the next commit's too.
        const bool written = m_options.fsync == FsyncPolicy::Always ? log->sync(&error) : log->flush(&error);
        m_dirty.remove(topic);
        refreshSummary(*entry);
        if (!written) {
            noteFailure(error, m_lastNowMs);
            m_failedSinceCommit.insert(topic);
        } else if (m_options.fsync == FsyncPolicy::Interval) {
            m_unsynced.insert(topic);
        }
    }
    LogPage page = log->read(fromOffset, maxRecords, maxBytes);
    if (page.error.isEmpty() && !error.isEmpty())
        page.error = error;
    closeIdleLogs();
    return page;
}

std::optional<quint64> MessageStore::findOffsetForTime(const QString& topic, qint64 msSinceEpoch)
{
    TopicEntry* entry = entryFor(topic, false);
    TopicLog* log = entry ? ensureOpen(*entry) : nullptr;
    if (!log)
        return std::nullopt;
    return log->findOffsetForTime(msSinceEpoch);
}

QList<TopicSummary> MessageStore::topics() const
{
    QList<TopicSummary> list;
    list.reserve(m_topics.size());
    for (const auto& [topic, entry] : m_topics)
        list.append(entry.summary);
    return list;
}

std::optional<TopicSummary> MessageStore::topic(const QString& name) const
{
    const auto it = m_topics.find(name);
    if (it == m_topics.end())
        return std::nullopt;
    return it->second.summary;
}

qint64 MessageStore::totalBytes() const
{
    qint64 total = 0;
    for (const auto& [topic, entry] : m_topics)
        total += entry.summary.bytes;
    return total;
}

bool MessageStore::discardAll(const QString& topic)
{
    TopicEntry* entry = entryFor(topic, false);
    if (!entry)
        return true;
    TopicLog* log = ensureOpen(*entry);
    QString error;
    if (!log || !log->discardAll(&error)) {
        if (!error.isEmpty())
            m_lastError = error;
        return false;
    }
    refreshSummary(*entry);
    return true;
}

int MessageStore::applyRetention(qint64 nowMs, qint64 budgetMs)
{
    QElapsedTimer elapsed;
    elapsed.start();
    auto outOfTime = [&] { return budgetMs >= 0 && elapsed.elapsed() >= budgetMs; };
    m_retentionPending = false;
    int deleted = 0;
    for (auto& [name, entry] : m_topics) {
        if (entry.summary.segments < 2)
            continue;
        const QString& topic = entry.summary.topic;
        const qint64 maxAge = m_options.maxAgeFor(topic);
        const qint64 maxBytes = m_options.maxBytesFor(topic);
        const bool tooOld = maxAge > 0 && entry.oldestSegmentLastArrivalMs < nowMs - maxAge;
        const bool tooBig = maxBytes > 0 && entry.summary.bytes > maxBytes;
        if (!tooOld && !tooBig)
            continue;
        if (outOfTime()) {
            m_retentionPending = true;
            break;
        }
        TopicLog* log = ensureOpen(entry);
        if (!log)
            continue;
        if (tooOld)
            deleted += log->applyRetentionAge(maxAge, nowMs);
        if (tooBig)
            deleted += log->applyRetentionBytes(maxBytes);
        refreshSummary(entry);
    }
    // All logs together: the segment whose newest record is the oldest goes first.
    qint64 total = totalBytes();
    while (m_options.totalMaxBytes > 0 && total > m_options.totalMaxBytes) {
        if (outOfTime()) {
            m_retentionPending = true;
            break;
        }
        TopicEntry* oldest = nullptr;
        for (auto& [name, entry] : m_topics) {
            if (entry.summary.segments > 1
                && (!oldest || entry.oldestSegmentLastArrivalMs < oldest->oldestSegmentLastArrivalMs))
                oldest = &entry;
        }
        TopicLog* log = oldest ? ensureOpen(*oldest) : nullptr;
        if (!log || !log->deleteOldestSegment())
            break;
        total -= oldest->summary.bytes;
        refreshSummary(*oldest);
        total += oldest->summary.bytes;
        ++deleted;
    }
    if (deleted > 0) {
        qCInfo(lcStorage).noquote() << QStringLiteral("retention deleted %1 segment(s) in %2 ms%3")
                                           .arg(deleted)
                                           .arg(elapsed.elapsed())
                                           .arg(m_retentionPending ? QStringLiteral(", more to do") : QString());
    }
    closeIdleLogs();
    return deleted;
}

} // namespace bs::storage
