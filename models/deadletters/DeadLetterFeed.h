#pragma once
// Keeps a DeadLetterModel up to date from our engine's admin API, and does what the
// dead-letters page asks of the engine besides replays:
// - Mode follows the AdminClient: Available -> Engine (and a listing at once),
//   Unavailable -> Convention (the model takes matching messages itself), else Unknown.
// - Listing: listDeadLetters, kPageLimit letters a page, following `next` up to kMaxRows
//   letters; the result goes to DeadLetterModel::applyListing (reconciled by id). A live
//   $DLQ message (engineLetterArrived) schedules a refresh kRefreshDebounceMs later; more
//   messages meanwhile ride on the same refresh; one that arrives during a listing
//   schedules another after it.
// - The full payload of one letter (payload "full") for the inspector.
// - Purges: by ids, or everything a filter selects (with a dry run for the confirmation).
// Nothing blocks; answers are matched by request id.

#include "models/deadletters/DeadLetter.h"
#include "models/deadletters/DeadLetterFilter.h"

#include <QHash>
#include <QObject>
#include <QTimer>

namespace bs::client {
class AdminClient;
}

namespace bs::models {

class DeadLetterModel;
struct DeadLetterCounts;

class DeadLetterFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr int kRefreshDebounceMs = 500;
    static constexpr int kPageLimit = 1000;
    static constexpr int kMaxRows = 10'000;

    DeadLetterFeed(client::AdminClient& admin, DeadLetterModel& letters, QObject* parent = nullptr);

    /// Lists now (engine mode only); a listing in progress is followed by another.
    void refresh();
    void scheduleRefresh();
    bool isRefreshing() const { return m_listing != 0; }
    bool isRefreshScheduled() const { return m_debounce.isActive(); }
    /// The last listing held more letters than kMaxRows; total() says how many.
    bool isTruncated() const { return m_truncated; }

    void loadFullLetter(const QString& id);
    void purge(const QStringList& ids);
    void purgeMatching(const DeadLetterFilter& filter, bool dryRun);

signals:
    void refreshed();
    void fullLetterLoaded(const bs::models::DeadLetter& letter);
    /// count: letters purged, or for a dry run, letters a purge would delete.
    void purgeAnswered(qint64 count, bool dryRun);
    /// what: "list", "load", "purge"; message: the broker's or the client's words.
    void requestFailed(const QString& what, const QString& message);

private:
    enum class Request : quint8
    {
        ListPage,
        LoadFull,
        Purge,
        PurgeDryRun,
    };
    void onAvailability();
    void requestPage(const QString& after);
    void onAnswered(quint64 requestId, const QString& command, const QJsonObject& result);
    void onFailed(quint64 requestId, const QString& command, const QString& code, const QString& message);
    void finishListing();

    client::AdminClient& m_admin;
    DeadLetterModel& m_letters;
    QTimer m_debounce;
    QHash<quint64, Request> m_requests;
    QHash<quint64, QStringList> m_purgedIds;
    quint64 m_listing = 0; ///< The page request in flight, or 0.
    bool m_refreshAgain = false;
    bool m_truncated = false;
    QList<DeadLetter> m_collected;
    QJsonObject m_firstPage;
};

} // namespace bs::models
