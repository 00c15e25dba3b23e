#pragma once
// The Consumer groups page (issue 6): the broker's consumer groups in a sortable,
// filterable table (lag, lag in seconds, in flight, rates, dead letters; rows whose lag
// grows are marked by GroupLagDelegate), the selected group's members and per-topic
// offsets, the selected groups' lag over time overlaid with their trends in words, and the
// actions create / seek / delete (GroupActions, with confirmations).
//
// Data: the GroupTableModel is shared with the session, which feeds it the live
// $SYS/brokerscope/groups/... statistics (GroupStatsFeed); this page asks listGroups when
// shown, after every action and every kRefreshIntervalMs while visible, never with more
// than one listGroups in flight (a refresh asked meanwhile is sent when the answer comes).
//
// On a broker without our admin API (AdminClient::availability() Unavailable, e.g.
// Mosquitto) the page says in a sentence why nothing can be shown and what can (the
// Topics page, dead letters by convention); while the probe runs it says so; it is never
// blank. Nothing here blocks: dialogs and questions are open()ed.

#include "client/AdminClient.h"

#include <QJsonObject>
#include <QTimer>
#include <QWidget>

class QLabel;
class QLineEdit;
class QStackedWidget;
class QTableView;
class QToolButton;

namespace bs::models {
class GroupFilterProxy;
class GroupTableModel;
class LagHistory;
} // namespace bs::models

namespace bs::ui {

class GroupActions;
class GroupDetailsPanel;
class GroupLagPanel;

class GroupsPage : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kRefreshIntervalMs = 5'000;

    GroupsPage(client::AdminClient& admin, models::GroupTableModel& groups, models::LagHistory& history,
               QWidget* parent = nullptr);

    /// The names of the selected groups, in table order.
    QStringList selectedGroups() const;
    /// The row object of the group whose details are shown; empty when none.
    QJsonObject currentGroup() const;
    /// Selects the groups (and sessions) with these names; the first name's row becomes the
    /// current one, whose details show.
    void selectGroups(const QStringList& names);

    /// False while a sentence shows instead of the groups (not our broker, probing, offline).
    bool isShowingGroups() const;
    /// That sentence, as plain text.
    QString noticeText() const;
    /// The last action's or refresh's outcome, in words.
    QString statusText() const;
    bool isListing() const { return m_listRequest != 0; }

    QTableView* groupsView() const { return m_groupsView; }
    GroupDetailsPanel* details() const { return m_details; }
    GroupLagPanel* lagPanel() const { return m_lagPanel; }
    models::GroupFilterProxy* filterProxy() const { return m_proxy; }
    GroupActions* actions() const { return m_actions; }

public slots:
    /// Asks listGroups now (or right after the one in flight).
    void refresh();
    void askToCreateGroup();
    void askToSeekGroup();
    void askToDeleteGroup();

signals:
    /// The notice's links: what the user can look at on a broker without groups.
    void topicsPageRequested();
    void deadLettersPageRequested();

protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    QWidget* buildToolbar();
    QWidget* buildGroupsTable();
    QWidget* buildNotice();
    void onAnswered(quint64 requestId, const QString& command, const QJsonObject& result);
    void onFailed(quint64 requestId, const QString& command, const QString& code, const QString& message);
    void onAvailabilityChanged();
    void onSelectionChanged();
    void refreshDetails();
    void updateActions();
    void updateEmptyHint();
    void showStatus(const QString& text, bool error);

    client::AdminClient& m_admin;
    models::GroupTableModel& m_groups;
    models::LagHistory& m_history;
    models::GroupFilterProxy* m_proxy = nullptr;
    GroupActions* m_actions = nullptr;
    QStackedWidget* m_stack = nullptr;
    QWidget* m_content = nullptr;
    QLabel* m_notice = nullptr;
    QLineEdit* m_filter = nullptr;
    QToolButton* m_refreshButton = nullptr;
    QToolButton* m_createButton = nullptr;
    QToolButton* m_seekButton = nullptr;
    QToolButton* m_deleteButton = nullptr;
    QLabel* m_status = nullptr;
    QLabel* m_emptyHint = nullptr;
    QTableView* m_groupsView = nullptr;
    GroupDetailsPanel* m_details = nullptr;
    GroupLagPanel* m_lagPanel = nullptr;
    QTimer m_refreshTimer;
    quint64 m_listRequest = 0;
    bool m_refreshAgain = false;
    QString m_currentKey; ///< The group whose details show (GroupTableModel key).
};

} // namespace bs::ui
