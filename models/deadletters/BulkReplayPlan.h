#pragma once
// The bookkeeping of a bulk replay, without any I/O: the letter ids cut into chunks
// (kDefaultChunkSize each), which chunk is next, what the answers said so far, whether
// the user cancelled, and the summary at the end. BulkReplayRunner (our engine) and
// ConventionReplayer (a generic broker) drive it; it is tested on its own.
//
// Cancel takes effect between chunks: the chunk in flight is finished and counted, the
// rest are never sent, and the summary says how far it got.

#include <QJsonObject>
#include <QList>
#include <QStringList>

namespace bs::models {

struct BulkReplaySummary
{
    int total = 0;     ///< Letters in the plan.
    int processed = 0; ///< Letters whose chunk was answered.
    int replayed = 0;
    int skippedLoopGuard = 0;
    int skippedAlreadyReplayed = 0;
    int failed = 0;
    QList<std::pair<QString, QString>> failures; ///< (id, why), at most kMaxFailures.
    bool cancelled = false;

    static constexpr int kMaxFailures = 100;
    /// "Replayed 310 of 312: 2 skipped by the loop guard, 0 failed." or
    /// "Cancelled after 200 of 312: replayed 200, …"; the first failure's reason follows.
    QString text() const;
};

class BulkReplayPlan
{
public:
    static constexpr int kDefaultChunkSize = 100;

    explicit BulkReplayPlan(QStringList ids = {}, int chunkSize = kDefaultChunkSize);

    int total() const { return int(m_ids.size()); }
    int chunkSize() const { return m_chunkSize; }
    int chunkCount() const;
    QStringList chunk(int index) const;
    const QStringList& ids() const { return m_ids; }

    /// True while a chunk is left to send and the plan was not cancelled.
    bool hasNextChunk() const;
    /// The next chunk to send; it is "in flight" until answered or failed.
    QStringList takeNextChunk();
    bool isChunkInFlight() const { return m_inFlight >= 0; }

    /// The in-flight chunk was answered: a replayDeadLetters result (replayed,
    /// skippedLoopGuard, skippedAlreadyReplayed, failed, failures).
    void recordAnswer(const QJsonObject& result);
    /// Per letter, for replays made by the console itself (convention mode).
    void recordReplayed(const QString& id);
    void recordFailure(const QString& id, const QString& why);
    /// The in-flight chunk failed as a whole (error, timeout): all its letters failed.
    void recordChunkFailure(const QString& why);
    /// Marks the in-flight chunk done once its letters are all counted (convention mode).
    void finishChunk();

    void cancel() { m_summary.cancelled = true; }
    bool isCancelled() const { return m_summary.cancelled; }
    /// Nothing in flight, and nothing left to send (or cancelled).
    bool isFinished() const { return !isChunkInFlight() && !hasNextChunk(); }

    int processed() const { return m_summary.processed; }
    const BulkReplaySummary& summary() const { return m_summary; }

private:
    void addFailure(const QString& id, const QString& why);

    QStringList m_ids;
    int m_chunkSize;
    int m_nextChunk = 0;
    int m_inFlight = -1;
    BulkReplaySummary m_summary;
};

} // namespace bs::models
