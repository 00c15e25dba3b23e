#include "app/ConsoleSession.h"

#include "broker/BrokerHost.h"
#include "client/AdminClient.h"
#include "client/PahoMqttClient.h"
#include "demo/DemoRunner.h"
#include "client/ProfileStore.h"
#include "models/deadletters/DeadLetterModel.h"
#include "models/deadletters/DeadLetterPatterns.h"
#include "models/groups/GroupStatsFeed.h"
#include "models/groups/GroupTableModel.h"
#include "models/history/TopicHistoryStore.h"
#include "models/lag/LagHistory.h"
#include "models/overview/SysStatsModel.h"
#include "models/topics/TopicTreeModel.h"
#include "ui/dialogs/TemplateStore.h"

#include <QDir>
#include <algorithm>
#include <QSettings>
#include <QStandardPaths>

namespace bs::app {

namespace {
const QString kSystemPrefix = QStringLiteral("$SYS/");

bool isSystemTopic(const client::MqttMessagePtr& message)
{
    return message->topic.startsWith(kSystemPrefix);
}
} // namespace

ConsoleSession::ConsoleSession(ConsoleOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options)),
      m_client(std::make_unique<client::PahoMqttClient>()),
      m_admin(std::make_unique<client::AdminClient>(*m_client)),
      m_topics(std::make_unique<models::TopicTreeModel>()),
      m_history(std::make_unique<models::TopicHistoryStore>()),
      m_sysStats(std::make_unique<models::SysStatsModel>()),
      m_lagHistory(std::make_unique<models::LagHistory>()),
      m_groups(std::make_unique<models::GroupTableModel>(m_lagHistory.get())),
      m_groupStats(std::make_unique<models::GroupStatsFeed>(*m_groups, *m_lagHistory)),
      m_deadLetters(std::make_unique<models::DeadLetterModel>()),
      m_demo(std::make_unique<demo::DemoRunner>()),
      m_profiles(std::make_unique<client::ProfileStore>(std::make_unique<QSettings>(),
                                                        QStringLiteral("brokerscope"))),
      m_templates(std::make_unique<ui::TemplateStore>(std::make_unique<QSettings>()))
{
    if (m_options.dataDirectory.isEmpty()) {
        m_options.dataDirectory =
            QStandardPaths::writableLocation(QStandardPaths::AppDataLocation) + QStringLiteral("/embedded-broker");
    }
    // Messages kept per topic for the inspector (settings key history/messagesPerTopic).
    const int perTopic = QSettings().value(QStringLiteral("history/messagesPerTopic"),
                                           models::TopicHistoryStore::kDefaultCapacityPerTopic).toInt();
    m_history->setCapacityPerTopic(std::clamp(perTopic, 1, 100'000));
    const QStringList patterns = QSettings().value(QStringLiteral("deadLetters/patterns")).toStringList();
    if (!patterns.isEmpty())
        m_deadLetters->setPatterns(models::DeadLetterPatterns(patterns));
    connect(m_client.get(), &client::MqttClient::messagesReceived, this, &ConsoleSession::route);
    connect(m_client.get(), &client::MqttClient::stateChanged, this, [this](client::ConnectionState state) {
        if (state == client::ConnectionState::Connected && !m_reportedFirstConnect) {
            m_reportedFirstConnect = true;
            emit firstConnected(m_options.sinceLaunch.isValid() ? m_options.sinceLaunch.elapsed() : -1);
        }
    });
    subscribeViews();
}

ConsoleSession::~ConsoleSession()
{
    m_demo.reset(); // its clients and our own go before the embedded broker they talk to
    m_admin.reset();
    m_client.reset();
    m_embedded.reset();
}

void ConsoleSession::subscribeViews()
{
    // Remembered by the client and restored after every reconnect.
    client::SubscribeOptions everything(2); // every topic, at its own QoS
    everything.retainAsPublished = true;    // so the tree can mark retained topics
    m_client->subscribe(QStringLiteral("#"), everything);
    m_client->subscribe(QStringLiteral("$SYS/broker/#"), 0); // the overview's statistics
    // Groups' live stats; not retain-as-published: a retained value is a replay of an old one.
    m_client->subscribe(models::GroupStatsFeed::kSubscriptionFilter.toString(), 0);
    // $DLQ/# (and any $ pattern) is subscribed by the dead letters page itself.
}

void ConsoleSession::start()
{
    m_started = true;
    if (m_options.startEmbedded)
        startEmbeddedBroker(m_options.embeddedPort);
}

void ConsoleSession::startEmbeddedBroker(quint16 port)
{
    broker::BrokerConfig config;
    config.port = port;
    config.dataDirectory = m_options.dataDirectory;
    config.sysIntervalSeconds = 2; // lively overview charts on a laptop
    QDir().mkpath(config.dataDirectory);
    m_embedded = std::make_unique<broker::BrokerHost>(config);
    connect(m_embedded.get(), &broker::BrokerHost::started, this, [this] {
        emit embeddedBrokerChanged(embeddedBrokerInfo());
        connectTo(embeddedProfile());
        m_demo->setBroker(QStringLiteral("127.0.0.1"), m_embedded->port());
        if (std::exchange(m_demoWanted, false))
            m_demo->start();
    });
    connect(m_embedded.get(), &broker::BrokerHost::failed, this, [this, port](const QString& error) {
        if (port != 0) {
            m_embeddedError = tr("port %1 was taken (%2); using a free port").arg(port).arg(error);
            startEmbeddedBroker(0);
            return;
        }
        m_embeddedError = error;
        emit embeddedBrokerChanged(embeddedBrokerInfo());
    });
    m_embedded->start();
}

client::ConnectionProfile ConsoleSession::embeddedProfile() const
{
    client::ConnectionProfile profile;
    profile.id = QStringLiteral("embedded");
    profile.name = tr("Embedded broker");
    profile.embedded = true;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = m_embedded ? m_embedded->port() : 0;
    profile.version = client::MqttVersion::V5;
    profile.keepAliveSeconds = 30;
    return profile;
}

QString ConsoleSession::embeddedBrokerInfo() const
{
    if (!m_embedded || !m_embedded->isRunning())
        return m_embeddedError.isEmpty() ? QString() : tr("not running: %1").arg(m_embeddedError);
    QString info = tr("127.0.0.1:%1, data in %2").arg(m_embedded->port()).arg(m_options.dataDirectory);
    if (!m_embeddedError.isEmpty())
        info += QStringLiteral(" (") + m_embeddedError + u')';
    return info;
}

void ConsoleSession::connectTo(client::ConnectionProfile profile)
{
    if (profile.embedded) {
        if (!m_embedded || !m_embedded->isRunning()) {
            startEmbeddedBroker(m_options.embeddedPort);
            return;
        }
        profile = embeddedProfile();
    }
    const client::ConnectionProfile current = m_client->profile();
    if (current.host != profile.host || current.port != profile.port) {
        // Another broker: its topics are not this one's.
        m_topics->clear();
        m_history->clear();
        m_sysStats->clear();
        m_groupStats->clear();
        m_groups->clear();
        m_lagHistory->clear();
        m_deadLetters->clear();
    }
    m_client->connectToBroker(profile);
}

void ConsoleSession::setSystemTopicsShown(bool shown)
{
    m_showSystemTopics = shown;
    if (!shown) {
        m_topics->removeSubtree(QStringLiteral("$SYS"));
        m_history->removeSubtree(QStringLiteral("$SYS"));
    }
}

void ConsoleSession::route(const client::MqttMessageBatch& batch)
{
    client::MqttMessageBatch system;
    client::MqttMessageBatch application;
    client::MqttMessageBatch adminAnswers;
    application.reserve(batch.size());
    for (const client::MqttMessagePtr& message : batch) {
        if (m_admin->isReply(message->topic))
            adminAnswers.append(message); // the console's own traffic: not a topic to show
        else
            (isSystemTopic(message) ? system : application).append(message);
    }
    if (!adminAnswers.isEmpty())
        m_admin->handleMessages(adminAnswers);
    m_deadLetters->ingest(batch); // it takes $DLQ/... and the convention patterns' topics
    if (!system.isEmpty()) {
        m_sysStats->ingest(system);
        m_groupStats->handleMessages(system);
        if (m_showSystemTopics)
            application.append(system);
    }
    if (!application.isEmpty()) {
        m_topics->ingest(application);
        m_history->ingest(application);
    }
}

void ConsoleSession::startDemo()
{
    if (m_embedded && m_embedded->isRunning()) {
        m_demo->setBroker(QStringLiteral("127.0.0.1"), m_embedded->port());
        m_demo->start();
        return;
    }
    m_demoWanted = true; // started when the embedded broker listens
    if (m_started && !m_embedded)
        startEmbeddedBroker(m_options.embeddedPort);
    else
        m_options.startEmbedded = true; // start() starts it
}

void ConsoleSession::saveDeadLetterPatterns(const QStringList& patterns)
{
    QSettings().setValue(QStringLiteral("deadLetters/patterns"), patterns);
}

QStringList ConsoleSession::knownTopics() const
{
    QStringList topics;
    std::function<void(const QModelIndex&)> walk = [&](const QModelIndex& parent) {
        for (int row = 0; row < m_topics->rowCount(parent); ++row) {
            const QModelIndex index = m_topics->index(row, 0, parent);
            if (index.data(models::TopicTreeModel::LastMessageRole).value<client::MqttMessagePtr>())
                topics.append(index.data(models::TopicTreeModel::FullTopicRole).toString());
            walk(index);
        }
    };
    walk({});
    return topics;
}

} // namespace bs::app
