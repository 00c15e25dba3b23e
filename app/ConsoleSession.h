#pragma once
// Everything one console window works with, wired once: the embedded broker (on its own
// thread), the connection (paho behind MqttClient), the live models, and the stores for
// profiles and templates. Received batches are routed here: $SYS/broker/... feeds the
// overview statistics (and the topic tree only when the user shows $SYS), everything else
// feeds the topic tree and the message history.

#include "broker/BrokerConfig.h"
#include "client/ConnectionProfile.h"
#include "client/MqttMessage.h"

#include <QElapsedTimer>
#include <QObject>
#include <memory>

namespace bs::broker {
class BrokerHost;
}
namespace bs::demo {
class DemoRunner;
}
namespace bs::client {
class AdminClient;
class MqttClient;
class ProfileStore;
} // namespace bs::client
namespace bs::models {
class DeadLetterModel;
class GroupStatsFeed;
class GroupTableModel;
class LagHistory;
class SysStatsModel;
class TopicHistoryStore;
class TopicTreeModel;
} // namespace bs::models
namespace bs::ui {
class TemplateStore;
}

namespace bs::app {

struct ConsoleOptions
{
    bool startEmbedded = true;
    quint16 embeddedPort = 1883; ///< Falls back to a free port when taken.
    QString dataDirectory;       ///< Empty: the user's application data location.
    QElapsedTimer sinceLaunch;
};

class ConsoleSession : public QObject
{
    Q_OBJECT
public:
    explicit ConsoleSession(ConsoleOptions options, QObject* parent = nullptr);
    ~ConsoleSession() override;

    void start();
    void connectTo(client::ConnectionProfile profile);
    void setSystemTopicsShown(bool shown);

    client::MqttClient& client() { return *m_client; }
    client::AdminClient& admin() { return *m_admin; }
    models::TopicTreeModel& topics() { return *m_topics; }
    models::TopicHistoryStore& history() { return *m_history; }
    models::SysStatsModel& sysStats() { return *m_sysStats; }
    models::LagHistory& lagHistory() { return *m_lagHistory; }
    models::GroupTableModel& groups() { return *m_groups; }
    models::DeadLetterModel& deadLetters() { return *m_deadLetters; }
    demo::DemoRunner& demo() { return *m_demo; }
    /// Starts the teaching demo against the embedded broker (once it listens).
    void startDemo();
    /// Keeps the dead-letter topic patterns the user edited (settings deadLetters/patterns).
    void saveDeadLetterPatterns(const QStringList& patterns);
    client::ProfileStore& profiles() { return *m_profiles; }
    ui::TemplateStore& templates() { return *m_templates; }
    client::ConnectionProfile embeddedProfile() const;
    QString embeddedBrokerInfo() const;
    QStringList knownTopics() const;

signals:
    void embeddedBrokerChanged(const QString& info);
    /// The first Connected after launch, with the time since launch.
    void firstConnected(qint64 msSinceLaunch);

private:
    void startEmbeddedBroker(quint16 port);
    void route(const client::MqttMessageBatch& batch);
    void subscribeViews();

    ConsoleOptions m_options;
    std::unique_ptr<broker::BrokerHost> m_embedded;
    QString m_embeddedError;
    std::unique_ptr<client::MqttClient> m_client;
    std::unique_ptr<client::AdminClient> m_admin;
    std::unique_ptr<models::TopicTreeModel> m_topics;
    std::unique_ptr<models::TopicHistoryStore> m_history;
    std::unique_ptr<models::SysStatsModel> m_sysStats;
    // Consumer groups: the feed (destroyed first) writes into the table and the history.
    std::unique_ptr<models::LagHistory> m_lagHistory;
    std::unique_ptr<models::GroupTableModel> m_groups;
    std::unique_ptr<models::GroupStatsFeed> m_groupStats;
    std::unique_ptr<models::DeadLetterModel> m_deadLetters;
    std::unique_ptr<demo::DemoRunner> m_demo;
    bool m_started = false;
    bool m_demoWanted = false; ///< startDemo() came before the embedded broker listened.
    std::unique_ptr<client::ProfileStore> m_profiles;
    std::unique_ptr<ui::TemplateStore> m_templates;
    bool m_showSystemTopics = false;
    bool m_reportedFirstConnect = false;
};

} // namespace bs::app
