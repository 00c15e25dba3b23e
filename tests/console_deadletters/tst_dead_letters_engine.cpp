// End to end with our engine in process (BrokerHost, a data directory, a free port): a
// consumer of the durable group payment ($share/payment/orders, our PahoMqttClient, which
// cannot NACK) publishes the order it failed on to $DLQ/payment/orders — an explicit dead
// letter. The console (PahoMqttClient + AdminClient + DeadLettersPage) shows it as a row;
// R on that row replays it to the group, the consumer receives it again, and the row is
// marked replayed.

#include "ConsolePageHarness.h"

#include "broker/BrokerHost.h"
#include "models/deadletters/DeadLetterFeed.h"
#include "models/deadletters/DeadLetterFilterProxy.h"
#include "models/deadletters/DeadLetterPatterns.h"
#include "ui/deadletters/BulkActionBar.h"

#include <QTableView>
#include <QTemporaryDir>

using namespace Qt::StringLiterals;
using namespace bs::client;
using bs::test::ConsolePageHarness;
using bs::test::connectClient;
using bs::test::subscribeAndWait;

class DeadLettersEngineTest : public QObject
{
    Q_OBJECT

private slots:
    void replayedLetterReachesTheConsumerAgain()
    {
        QTemporaryDir dataDir;
        QVERIFY(dataDir.isValid());
        bs::broker::BrokerConfig config;
        config.dataDirectory = dataDir.path();
        bs::broker::BrokerHost host(config);
        QSignalSpy started(&host, &bs::broker::BrokerHost::started);
        host.start();
        QVERIFY(started.wait(10000));

        ConsolePageHarness console;
        QVERIFY(console.showActive());
        QVERIFY(connectClient(console.client, host.port(), u"console"_s));
        QTRY_COMPARE_WITH_TIMEOUT(console.admin.availability(), AdminClient::Availability::Available, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(console.page.emptyText().startsWith(u"No dead letters."_s), 10000);

        // The consumer: the first delivery fails and goes to $DLQ by hand.
        PahoMqttClient consumer;
        QVERIFY(connectClient(consumer, host.port(), u"payment-1"_s));
        QVERIFY(subscribeAndWait(consumer, u"$share/payment/orders"_s));
        QList<MqttMessagePtr> deliveries;
        connect(&consumer, &MqttClient::messagesReceived, this, [&](const MqttMessageBatch& batch) {
            for (const MqttMessagePtr& message : batch) {
                deliveries.append(message);
                if (deliveries.size() > 1)
                    continue;
                MqttMessage dead = *message;
                dead.topic = u"$DLQ/payment/orders"_s;
                dead.qos = 1;
                dead.properties.subscriptionIdentifiers.clear();
                dead.properties.userProperties.append({u"dlq-error"_s, u"cannot parse the order"_s});
                consumer.publish(dead);
            }
        });

        PahoMqttClient producer;
        QVERIFY(connectClient(producer, host.port(), u"shop"_s));
        MqttMessage order;
        order.topic = u"orders"_s;
        order.payload = "order-42";
        order.qos = 1;
        producer.publish(order);

        QTRY_COMPARE_WITH_TIMEOUT(console.page.proxy()->rowCount(), 1, 10000);
        const bs::models::DeadLetter letter = *console.letters.letterAt(0);
        QCOMPARE(letter.group, u"payment"_s);
        QCOMPARE(letter.originalTopic, u"orders"_s);
        QCOMPARE(letter.reason, u"explicit"_s);
        QCOMPARE(letter.error, u"cannot parse the order"_s);
        QCOMPARE(letter.member, u"payment-1"_s);
        QVERIFY(!letter.isReplayed());
        QCOMPARE(deliveries.size(), 1);

        QVERIFY(console.page.selectLetter(letter.id));
        console.page.tableView()->setFocus();
        QTest::keyClick(console.page.tableView(), Qt::Key_R);

        QTRY_COMPARE_WITH_TIMEOUT(deliveries.size(), 2, 10000);
        const MqttMessage& again = *deliveries.at(1);
        QCOMPARE(again.topic, u"orders"_s);
        QCOMPARE(again.payload, QByteArray("order-42"));
        QCOMPARE(bs::models::userPropertyValue(again, u"dlq-replayed-from"), letter.id);
        QCOMPARE(bs::models::userPropertyValue(again, u"dlq-replay-count"), u"1"_s);
        QTRY_VERIFY_WITH_TIMEOUT(console.letters.letterById(letter.id)->isReplayed(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(console.page.bulkBar()->text(),
                                  u"Replayed 1 of 1: 0 skipped by the loop guard, 0 failed."_s, 10000);
        // The engine's own listing says so too (the refresh after the replay), still one row.
        QTRY_COMPARE_WITH_TIMEOUT(console.letters.counts().replayed, 1, 10000);
        QTRY_VERIFY_WITH_TIMEOUT(!console.page.feed()->isRefreshing() && !console.page.feed()->isRefreshScheduled(), 10000);
        QCOMPARE(console.letters.rowCount(), 1);
        QCOMPARE(console.letters.letterById(letter.id)->lastReplayTarget, u"group"_s);
    }
};

QTEST_MAIN(DeadLettersEngineTest)
#include "tst_dead_letters_engine.moc"
