#pragma once
// MessageStore: every topic's durable log under <data>/topics/ (see TopicDirectory.h),
// with the fsync policy, retention and the write-failure state the engine needs.
//
// Topics are kept in a hash of TopicEntry: a summary that is always in memory (offsets,
// bytes, times — a few dozen bytes a topic) and the TopicLog itself, which is opened on
// demand and closed again when more than maxOpenLogs are open (least recently used
// first), so ten thousand topics do not hold twenty thousand file descriptors.
//
// Writing is two-phase: append() buffers records in their logs; commit() writes every
// dirty log to its file (and fsyncs them with FsyncPolicy::Always: group commit). The
// engine calls commit() once per event-loop pass and acknowledges publishes after it.
// When a write fails (disk full, file size limit, I/O error) nothing already stored is
// damaged, the failed batch is dropped, and canAccept() says no for a second; then the
// next publish tries again, so the broker serves again once space returns.
//
// Not thread-safe: the broker's thread only.

#include "broker/storage/FileReaper.h"
#include "broker/storage/StorageOptions.h"
#include "broker/storage/TopicLog.h"

#include <QHash>
#include <QLoggingCategory>
#include <QSet>
#include <QStringList>
#include <memory>
#include <optional>
#include <unordered_map>

Q_DECLARE_LOGGING_CATEGORY(lcStorage)

namespace bs::storage {

struct TopicSummary
{
    QString topic;
    quint64 startOffset = 0;   ///< First offset still on disk.
    quint64 endOffset = 0;     ///< Offset of the next message.
    qint64 bytes = 0;          ///< Size of its .log files.
    qint64 lastArrivalMs = 0;  ///< 0 when it has no message.
    int segments = 0;

    quint64 messageCount() const { return endOffset - startOffset; }
};

class MessageStore
{
public:
    explicit MessageStore(StorageOptions options = {});
    ~MessageStore();
    MessageStore(const MessageStore&) = delete;
    MessageStore& operator=(const MessageStore&) = delete;

    /// Opens <dataDirectory>/topics, recovering every log found. Recovery findings go to
    /// the log (category brokerscope.storage) and to recoveryLines().
    bool open(const QString& dataDirectory, QString* error);
    void close();
    bool isOpen() const { return m_open; }
    const StorageOptions& options() const { return m_options; }
    QStringList recoveryLines() const { return m_recoveryLines; }
    qint64 recoveredMessages() const { return m_recoveredMessages; }

    /// False while writes are failing (for a second after each failure).
    bool canAccept(qint64 nowMs) const;
    QString lastError() const { return m_lastError; }

    /// Buffers the record in its topic's log. Returns the offset, or -1 (see lastError()).
    qint64 append(const LogRecord& record, qint64 nowMs);
    /// Writes every buffered record (fsyncs too with FsyncPolicy::Always). False when a
    /// write failed since the last commit: the records those topics buffered since then
    /// are lost (failedTopics lists them); the other topics' records are written.
    bool commit(qint64 nowMs, QSet<QString>* failedTopics = nullptr);
    /// fsyncs logs written since the last sync (FsyncPolicy::Interval's timer).
    bool syncWritten();
    /// The same, handed over: dup()ed descriptors of the logs written since the last sync,
    /// for fsync on another thread so the broker's thread never waits for the disk.
    QList<int> takeDescriptorsToSync();

    LogPage read(const QString& topic, quint64 fromOffset, int maxRecords,
                 qint64 maxBytes = 1024 * 1024);
    /// First offset of topic at or after msSinceEpoch; nullopt for an unknown topic.
    std::optional<quint64> findOffsetForTime(const QString& topic, qint64 msSinceEpoch);

    QList<TopicSummary> topics() const;
    std::optional<TopicSummary> topic(const QString& name) const;
    qint64 totalBytes() const;

    /// Deletes every record of topic; its offsets go on from where they were. False (and
    /// lastError()) when the log cannot be opened or written.
    bool discardAll(const QString& topic);

    /// Applies the age and size limits; returns how many segments were deleted. Their files
    /// are renamed away at once and unlinked on a thread of their own (see FileReaper).
    /// With budgetMs >= 0 it stops once that much time has gone (deleting one segment can
    /// mean opening its log); retentionPending() then says there is more to do.
    int applyRetention(qint64 nowMs, qint64 budgetMs = -1);
    bool retentionPending() const { return m_retentionPending; }
    /// Blocks until retired segments' files are unlinked (close() does it too).
    void waitForDeletions() { m_reaper.waitForDone(); }

private:
    struct TopicEntry
    {
        TopicSummary summary;
        QString directory;
        qint64 oldestSegmentLastArrivalMs = 0;
        std::unique_ptr<TopicLog> log;
        quint64 lastUse = 0;
    };

    TopicEntry* entryFor(const QString& topic, bool create);
    TopicLog* ensureOpen(TopicEntry& entry);
    bool openLog(TopicEntry& entry, QString* error);
    void closeLog(TopicEntry& entry);
    void closeIdleLogs();
    void refreshSummary(TopicEntry& entry);
    void recoverTopicDirectory(const QString& directory);
    void noteFailure(const QString& error, qint64 nowMs);
    void noteSuccess();
    TopicLogOptions logOptions() const;

    StorageOptions m_options;
    bool m_open = false;
    QString m_topicsDirectory;
    std::unordered_map<QString, TopicEntry> m_topics;
    QSet<QString> m_dirty;    ///< Topics with buffered records.
    QSet<QString> m_unsynced; ///< Topics written since the last fsync.
    QSet<QString> m_failedSinceCommit; ///< Topics whose buffered records a read failed to write.
    int m_openLogs = 0;
    qint64 m_lastNowMs = 0; ///< The caller's clock at the last append/commit.
    quint64 m_useCounter = 0;
    QStringList m_recoveryLines;
    qint64 m_recoveredMessages = 0;
    QString m_lastError;
    std::optional<qint64> m_failedAtMs;
    bool m_retentionPending = false;
    mutable FileReaper m_reaper; ///< mutable: logOptions() hands out its address.
};

} // namespace bs::storage
