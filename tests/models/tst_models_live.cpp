// The console's live path end to end: our engine (BrokerHost, $SYS every second) ->
// PahoMqttClient -> TopicTreeModel, TopicHistoryStore and SysStatsModel, wired the way the
// console wires them (messagesReceived to each ingest slot). The models run under
// QAbstractItemModelTester.
#include "broker/BrokerHost.h"
#include "client/PahoMqttClient.h"
#include "models/history/TopicHistoryStore.h"
#include "models/overview/SysStatsModel.h"
#include "models/topics/TopicTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace bs;
using namespace bs::models;
using namespace Qt::StringLiterals;

class ModelsLiveTest : public QObject
{
    Q_OBJECT
private slots:
    void engineToModels()
    {
        broker::BrokerConfig config;
        config.sysIntervalSeconds = 1;
        broker::BrokerHost host(config);
        QSignalSpy started(&host, &broker::BrokerHost::started);
        host.start();
        QVERIFY(started.wait());

        TopicTreeModel tree;
        QAbstractItemModelTester tester(&tree, QAbstractItemModelTester::FailureReportingMode::QtTest);
        TopicHistoryStore history;
        SysStatsModel stats;
        client::PahoMqttClient client;
        connect(&client, &client::MqttClient::messagesReceived, &tree, &TopicTreeModel::ingest);
        connect(&client, &client::MqttClient::messagesReceived, &history, &TopicHistoryStore::ingest);
        connect(&client, &client::MqttClient::messagesReceived, &stats, &SysStatsModel::ingest);

        client::ConnectionProfile profile;
        profile.host = u"127.0.0.1"_s;
        profile.port = host.port();
        QSignalSpy states(&client, &client::MqttClient::stateChanged);
        client.connectToBroker(profile);
        QTRY_VERIFY_WITH_TIMEOUT(client.state() == client::ConnectionState::Connected, 15'000);
        QSignalSpy subscribed(&client, &client::MqttClient::subscribed);
        client.subscribe(u"live/#"_s, 1);
        client.subscribe(u"$SYS/broker/#"_s, 0);
        QTRY_COMPARE_WITH_TIMEOUT(subscribed.count(), 2, 10'000);

        for (int i = 0; i < 50; ++i) {
            client::MqttMessage message;
            message.topic = i % 2 ? u"live/a"_s : u"live/b/c"_s;
            message.payload = QByteArray::number(i);
            message.qos = 1;
            message.retain = i == 49;
            client.publish(message);
        }
        QTRY_COMPARE_WITH_TIMEOUT(tree.indexOfTopic(u"live"_s).data(TopicTreeModel::MessageCountRole).toULongLong(), 50u, 10'000);
        QCOMPARE(tree.indexOfTopic(u"live/a"_s).data(TopicTreeModel::MessageCountRole).toULongLong(), 25u);
        QCOMPARE(history.size(u"live/b/c"_s), 25);
        QCOMPARE(history.entries(u"live/a"_s).constLast().message->payload, "49"_ba);

        // $SYS: names the model knows, and a rate once two live updates have come.
        QTRY_VERIFY_WITH_TIMEOUT(stats.latest(SysStatsModel::Series::MessagesInPerSecond).has_value(), 10'000);
        QVERIFY(stats.version().startsWith(u"brokerscope"_s));
        QVERIFY(stats.latest(SysStatsModel::Series::ClientsConnected).value_or(0) >= 1);
        QVERIFY(stats.latest(SysStatsModel::Series::Subscriptions).value_or(0) >= 2);
        QVERIFY(stats.latest(SysStatsModel::Series::MessagesInPerSecond).value() >= 0);
        QVERIFY(stats.uptimeSeconds().has_value());
        QVERIFY(tree.indexOfTopic(u"$SYS/broker/uptime"_s).isValid());

        client.disconnectFromBroker();
    }
};

QTEST_GUILESS_MAIN(ModelsLiveTest)
#include "tst_models_live.moc"
