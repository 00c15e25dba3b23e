#pragma once
// The topic explorer: a live tree of every topic (filterable by text or MQTT filter,
// sortable by any column), the selected topic's message history, and the inspector for
// the selected message. Deleting retained messages (one topic or a subtree) asks first.

#include "client/MqttMessage.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QLineEdit;
class QTableView;
class QToolButton;
class QTreeView;

namespace bs::client {
class MqttClient;
}
namespace bs::models {
class MessageHistoryModel;
class TopicFilterProxy;
class TopicHistoryStore;
class TopicTreeModel;
} // namespace bs::models

namespace bs::ui {

class MessageInspector;
class TopicActivityDelegate;

class TopicExplorerPage : public QWidget
{
    Q_OBJECT
public:
    TopicExplorerPage(models::TopicTreeModel& topics, models::TopicHistoryStore& history,
                      client::MqttClient& client, QWidget* parent = nullptr);

    /// Selects a topic in the tree (and its newest message), if it is there.
    bool selectTopic(const QString& topic);
    /// Asks (a non-modal QMessageBox) and then clears every retained message at or under
    /// the topic tree's index by publishing empty retained messages (§3.3.1.3).
    void deleteRetainedUnder(const QModelIndex& sourceIndex);
    QTreeView* treeView() const { return m_tree; }
    models::TopicFilterProxy* proxy() const { return m_proxy; }
    models::MessageHistoryModel* historyModel() const { return m_historyModel; }
    MessageInspector* inspector() const { return m_inspector; }

signals:
    /// "Inject to this topic…" and the inspector's "Edit and republish".
    void injectRequested(const bs::client::MqttMessage& prefill);
    void systemTopicsToggled(bool shown);

private:
    QWidget* buildToolbar();
    QWidget* buildHistoryPane();
    void onTopicSelected(const QModelIndex& proxyIndex);
    void onHistoryRowSelected();
    void showTreeMenu(const QPoint& position);
    void repaintFades();

    models::TopicTreeModel& m_topics;
    models::TopicHistoryStore& m_history;
    client::MqttClient& m_client;
    models::TopicFilterProxy* m_proxy;
    models::MessageHistoryModel* m_historyModel;
    TopicActivityDelegate* m_delegate;
    QLineEdit* m_filter = nullptr;
    QLabel* m_filterError = nullptr;
    QCheckBox* m_showSystem = nullptr;
    QTreeView* m_tree = nullptr;
    QTableView* m_historyView = nullptr;
    QToolButton* m_pause = nullptr;
    QLabel* m_historyTitle = nullptr;
    MessageInspector* m_inspector = nullptr;
    bool m_followNewest = true;
};

} // namespace bs::ui
