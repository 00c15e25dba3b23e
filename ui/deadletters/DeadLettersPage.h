#pragma once
// The Dead letters page (issue 6). Above the table, the counts by reason and by source
// and the filters; the table (newest first; replayed letters greyed with a badge,
// reasons coloured); under it the inspector (every piece of death metadata, and the
// payload in the topic inspector's viewers). Actions — toolbar, context menu, keys:
//   Enter inspects, R replays the selection, Delete purges it (after a confirmation);
//   Replay all matching, Edit and replay…, Replay to topic…, Purge all matching.
// Every bulk action says first what it will do (a dry run: "312 messages back to group
// payment"), then shows progress with Cancel, then a summary, in the BulkActionBar.
//
// With our engine (AdminClient Available) rows come from the admin API through a
// DeadLetterFeed and replays go through a BulkReplayRunner. On any other broker
// (convention mode) rows are the messages on dead-letter topics (the model's patterns,
// editable here), and a replay republishes a copy to the original topic through the
// MqttClient (ConventionReplayer), after a dialog that warns that every subscriber of
// that topic will receive it again. The page subscribes the patterns starting with '$'
// (a '#' subscription does not receive them) through the client; the session routes
// received batches to DeadLetterModel::ingest() and admin answers to the AdminClient.
//
// Construction and the view live in DeadLettersPage.cpp, the actions in
// DeadLettersPageActions.cpp.

#include "models/deadletters/BulkReplayPlan.h"
#include "models/deadletters/DeadLetter.h"
#include "models/deadletters/DeadLetterFilter.h"
#include "models/deadletters/ReplayTarget.h"

#include <QPointer>
#include <QTimer>
#include <QWidget>

class QAction;
class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolBar;

namespace bs::client {
class AdminClient;
class MqttClient;
} // namespace bs::client
namespace bs::models {
class BulkReplayRunner;
class ConventionReplayer;
class DeadLetterFeed;
class DeadLetterFilterProxy;
class DeadLetterModel;
} // namespace bs::models

namespace bs::ui {

class BulkActionBar;
class DeadLetterDelegate;
class DeadLetterFilterBar;
class DeadLetterInspector;
class ReplayDialog;

class DeadLettersPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kViewUpdateMs = 100;
    static constexpr int kPayloadLoadDelayMs = 200;

    DeadLettersPage(client::AdminClient& admin, client::MqttClient& client, models::DeadLetterModel& letters,
                    QWidget* parent = nullptr);

    QTableView* tableView() const { return m_table; }
    models::DeadLetterFilterProxy* proxy() const { return m_proxy; }
    models::DeadLetterFeed* feed() const { return m_feed; }
    models::BulkReplayRunner* runner() const { return m_runner; }
    models::ConventionReplayer* conventionReplayer() const { return m_replayer; }
    DeadLetterInspector* inspector() const { return m_inspector; }
    DeadLetterFilterBar* filterBar() const { return m_filterBar; }
    BulkActionBar* bulkBar() const { return m_bulkBar; }
    QLineEdit* patternsEdit() const { return m_patterns; }
    /// The replay dialog while it is open (null otherwise).
    ReplayDialog* replayDialog() const;

    QAction* inspectAction() const { return m_inspectAction; }
    QAction* replayAction() const { return m_replayAction; }
    QAction* replayMatchingAction() const { return m_replayMatchingAction; }
    QAction* editAndReplayAction() const { return m_editAction; }
    QAction* replayToTopicAction() const { return m_replayToTopicAction; }
    QAction* purgeAction() const { return m_purgeAction; }
    QAction* purgeMatchingAction() const { return m_purgeMatchingAction; }
    QAction* refreshAction() const { return m_refreshAction; }

    QString countsText() const;
    QString modeText() const;
    /// What the page says when the table has no rows to show (empty when it has).
    QString emptyText() const;
    bool isShowingEmptyState() const;
    QString statusText() const;

    /// Selected letter ids, in view order.
    QStringList selectedIds() const;
    /// Selects (only) this letter and makes it current; false when it is not shown.
    bool selectLetter(const QString& id);

public slots:
    void inspectCurrent();
    void replaySelected();
    void replayMatching();
    void editAndReplay();
    void replayToTopic();
    void purgeSelected();
    void purgeMatching();

signals:
    /// The user changed the convention patterns (for whoever persists settings).
    void patternsEdited(const QStringList& patterns);

private:
    enum class Bulk : quint8
    {
        None,
        EngineReplay,
        ConventionReplay,
        PurgeSelected,
        PurgeMatching,
    };

    // DeadLettersPage.cpp
    QWidget* buildHeader();
    void scheduleViewUpdate();
    void updateView();
    void updateEmptyState();
    void updateActions();
    void onCurrentChanged();
    void onRowsChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight);
    void showLetter(const models::DeadLetter& letter);
    void applyPatterns();
    void setStatus(const QString& text, bool error = false);
    bool isEngine() const;
    bool isBusy() const;
    QList<models::DeadLetter> lettersOf(const QStringList& ids) const;
    const models::DeadLetter* currentLetter() const;

    // DeadLettersPageActions.cpp
    void buildActions();
    QToolBar* buildToolbar();
    void showMenu(const QPoint& position);
    void connectRunners();
    void openReplayDialog(int kind, const QList<models::DeadLetter>& letters);
    void replayThroughDialog(const models::ReplayTarget& target, const QList<models::DeadLetter>& letters);
    void startConventionReplay(const QList<models::DeadLetter>& letters, const models::ReplayTarget& target);
    void onBulkConfirmed();
    void onBulkCancelled();
    void onPurgeAnswered(qint64 count, bool dryRun);
    void onReplayFinished(const models::BulkReplaySummary& summary);
    void onFullLetterLoaded(const models::DeadLetter& letter);

    client::AdminClient& m_admin;
    client::MqttClient& m_client;
    models::DeadLetterModel& m_letters;
    models::DeadLetterFilterProxy* m_proxy;
    models::DeadLetterFeed* m_feed;
    models::BulkReplayRunner* m_runner;
    models::ConventionReplayer* m_replayer;
    DeadLetterDelegate* m_delegate;

    QLabel* m_counts = nullptr;
    QLabel* m_mode = nullptr;
    QLineEdit* m_patterns = nullptr;
    DeadLetterFilterBar* m_filterBar = nullptr;
    BulkActionBar* m_bulkBar = nullptr;
    QStackedWidget* m_tableStack = nullptr;
    QTableView* m_table = nullptr;
    QLabel* m_empty = nullptr;
    DeadLetterInspector* m_inspector = nullptr;
    QLabel* m_status = nullptr;
    QPointer<ReplayDialog> m_dialog;

    QAction* m_inspectAction = nullptr;
    QAction* m_replayAction = nullptr;
    QAction* m_replayMatchingAction = nullptr;
    QAction* m_editAction = nullptr;
    QAction* m_replayToTopicAction = nullptr;
    QAction* m_purgeAction = nullptr;
    QAction* m_purgeMatchingAction = nullptr;
    QAction* m_refreshAction = nullptr;

    QTimer m_viewUpdate;
    QTimer m_payloadLoad;
    Bulk m_bulk = Bulk::None;
    QStringList m_purgeIds;
    models::DeadLetterFilter m_purgeFilter;
    QStringList m_subscribed;        ///< Filters this page subscribed through the client.
    models::DeadLetter m_fullLetter; ///< The last letter loaded with its payload.
    QString m_editPendingId;         ///< Edit and replay waits for this letter's payload.
};

} // namespace bs::ui
