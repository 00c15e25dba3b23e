#pragma once
// A replay of many dead letters through our engine's admin API, step by step, never
// blocking:
//   Listing    — with a filter: listDeadLetters (state pending, every page) for the ids;
//   DryRun     — replayDeadLetters with dryRun for the whole selection, which gives the
//                confirmation line ("312 messages back to group payment");
//   AwaitingConfirmation — until confirm() (or cancel());
//   Replaying  — replayDeadLetters in chunks of BulkReplayPlan::kDefaultChunkSize ids, all
//                with one requestId (a QUuid), so a chunk retried after a timeout never
//                replays a letter twice; progress after each chunk; cancel() stops
//                between chunks;
//   Finished   — finished(summary): replayed, skipped by the loop guard, failed.
// A single letter (Replay on one row) skips the dry run: start(ids, target, false).
//
// Mode-independent bookkeeping is the BulkReplayPlan's; this class only talks.

#include "models/deadletters/BulkReplayPlan.h"
#include "models/deadletters/DeadLetterFilter.h"
#include "models/deadletters/ReplayTarget.h"

#include <QObject>

namespace bs::client {
class AdminClient;
}

namespace bs::models {

class BulkReplayRunner : public QObject
{
    Q_OBJECT
public:
    enum class Phase : quint8
    {
        Idle,
        Listing,
        DryRun,
        AwaitingConfirmation,
        Replaying,
        Finished,
    };
    Q_ENUM(Phase)

    struct DryRunResult
    {
        qint64 matched = 0;
        qint64 wouldReplay = 0;
        qint64 skippedLoopGuard = 0;
        QString text; ///< The confirmation line.
    };

    static constexpr int kListPageLimit = 1000;
    static constexpr int kMaxAttempts = 3; ///< Per chunk, for timeouts and lost connections.

    explicit BulkReplayRunner(client::AdminClient& admin, QObject* parent = nullptr);

    /// These letters. confirmFirst: dry run and wait for confirm(); else replay at once.
    void start(const QStringList& ids, const ReplayTarget& target, bool confirmFirst = true);
    /// Every pending letter the filter selects (all pages), dry run, then confirm().
    void startMatching(const DeadLetterFilter& filter, const ReplayTarget& target);
    void confirm();
    /// Before the replay: ends at once (nothing replayed). During it: after the chunk in
    /// flight, with a summary.
    void cancel();

    Phase phase() const { return m_phase; }
    bool isRunning() const { return m_phase != Phase::Idle && m_phase != Phase::Finished; }
    const BulkReplayPlan& plan() const { return m_plan; }
    const ReplayTarget& target() const { return m_target; }
    QString requestId() const { return m_requestId; }
    const DryRunResult& dryRun() const { return m_dryRun; }

signals:
    void phaseChanged(bs::models::BulkReplayRunner::Phase phase);
    void dryRunReady(const QString& text);
    /// Letters the engine replayed (marked on its side): mark them in the table.
    void lettersReplayed(const QStringList& ids, const QString& target);
    void progress(int processed, int total);
    void finished(const bs::models::BulkReplaySummary& summary);
    /// Listing or the dry run failed: nothing was replayed.
    void failed(const QString& message);

private:
    void setPhase(Phase phase);
    void requestListPage(const QString& after);
    void requestDryRun();
    void sendNextChunk();
    void sendChunk();
    void onAnswered(quint64 requestId, const QString& command, const QJsonObject& result);
    void onFailed(quint64 requestId, const QString& command, const QString& code, const QString& message);
    void finish();
    void abandon(const QString& message);

    client::AdminClient& m_admin;
    Phase m_phase = Phase::Idle;
    DeadLetterFilter m_filter;
    ReplayTarget m_target;
    QStringList m_ids;
    BulkReplayPlan m_plan;
    QString m_requestId;
    QStringList m_chunk;
    int m_attempts = 0;
    quint64 m_pending = 0;
    DryRunResult m_dryRun;
};

} // namespace bs::models
