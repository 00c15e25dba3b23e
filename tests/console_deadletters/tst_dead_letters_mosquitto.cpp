// End to end with a real Mosquitto, which has no admin API: the console's AdminClient
// becomes Unavailable after its probe, and the page works by convention. A message
// published to dlq/orders with the user property dlq-original-topic=orders is a row; R on
// it opens the warning ("every subscriber of orders will receive it again"), Replay
// republishes a copy to orders, a subscriber of orders receives it, and the row is marked.

#include "ConsolePageHarness.h"

#include "models/deadletters/DeadLetterFilterProxy.h"
#include "models/deadletters/DeadLetterPatterns.h"
#include "peers/BrokerProcess.h"
#include "ui/deadletters/BulkActionBar.h"
#include "ui/deadletters/ReplayDialog.h"

#include <QFile>
#include <QPushButton>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace bs::client;
using bs::peers::BrokerProcess;
using bs::peers::ServerKind;
using bs::test::ConsolePageHarness;
using bs::test::connectClient;
using bs::test::subscribeAndWait;

class DeadLettersMosquittoTest : public QObject
{
    Q_OBJECT

private slots:
    void conventionLetterIsRepublishedToItsOriginalTopic()
    {
        if (!QFile::exists(u"/usr/sbin/mosquitto"_s))
            QSKIP("Mosquitto is not installed");
        auto mosquitto = BrokerProcess::create(ServerKind::Mosquitto);
        QVERIFY2(mosquitto->start(), qPrintable(mosquitto->errorString()));

        ConsolePageHarness console;
        QVERIFY(console.showActive());
        console.client.subscribe(u"#"_s, SubscribeOptions(2)); // the session's topic-tree subscription
        QVERIFY(connectClient(console.client, mosquitto->port(), u"console"_s));
        QTRY_COMPARE_WITH_TIMEOUT(console.admin.availability(), AdminClient::Availability::Unavailable,
                                  AdminClient::kProbeTimeoutMs + 5000);
        QCOMPARE(console.letters.mode(), bs::models::DeadLetterModel::Mode::Convention);
        QTRY_VERIFY(console.page.emptyText().startsWith(u"No dead letters yet."_s));

        PahoMqttClient subscriber;
        QVERIFY(connectClient(subscriber, mosquitto->port(), u"order-service"_s));
        QVERIFY(subscribeAndWait(subscriber, u"orders"_s));
        QList<MqttMessagePtr> received;
        connect(&subscriber, &MqttClient::messagesReceived, this,
                [&](const MqttMessageBatch& batch) { received.append(batch); });

        PahoMqttClient producer;
        QVERIFY(connectClient(producer, mosquitto->port(), u"failing-worker"_s));
        MqttMessage dead;
        dead.topic = u"dlq/orders"_s;
        dead.payload = "order-7";
        dead.qos = 1;
        dead.properties.userProperties = {{u"dlq-original-topic"_s, u"orders"_s}, {u"dlq-reason"_s, u"rejected"_s}};
        producer.publish(dead);

        QTRY_COMPARE_WITH_TIMEOUT(console.page.proxy()->rowCount(), 1, 10000);
        const bs::models::DeadLetter letter = *console.letters.letterAt(0);
        QCOMPARE(letter.originalTopic, u"orders"_s);
        QCOMPARE(letter.reason, u"rejected"_s);
        QVERIFY(received.isEmpty());

        QVERIFY(console.page.selectLetter(letter.id));
        console.page.tableView()->setFocus();
        QTest::keyClick(console.page.tableView(), Qt::Key_R);
        bs::ui::ReplayDialog* dialog = console.page.replayDialog();
        QVERIFY(dialog);
        QVERIFY(dialog->warningText().startsWith(u"Every subscriber of orders will receive it again"_s));
        QTest::mouseClick(dialog->replayButton(), Qt::LeftButton);

        QTRY_COMPARE_WITH_TIMEOUT(received.size(), 1, 10000);
        QCOMPARE(received.first()->topic, u"orders"_s);
        QCOMPARE(received.first()->payload, QByteArray("order-7"));
        QCOMPARE(bs::models::userPropertyValue(*received.first(), u"dlq-replay-count"), u"1"_s);
        QCOMPARE(bs::models::userPropertyValue(*received.first(), u"dlq-original-topic"), QString());
        QTRY_VERIFY_WITH_TIMEOUT(console.letters.letterById(letter.id)->isReplayed(), 10000);
        QTRY_COMPARE_WITH_TIMEOUT(console.page.bulkBar()->text(),
                                  u"Replayed 1 of 1: 0 skipped by the loop guard, 0 failed."_s, 10000);
        QCOMPARE(console.page.proxy()->rowCount(), 1); // still listed, marked
        console.client.disconnectFromBroker();
    }
};

QTEST_MAIN(DeadLettersMosquittoTest)
#include "tst_dead_letters_mosquitto.moc"
