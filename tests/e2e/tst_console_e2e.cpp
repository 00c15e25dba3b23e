// The console end to end (issue 3): a message published by mosquitto_pub appears in the
// topic tree and the inspector with its properties; a message injected from the console
// reaches mosquitto_sub; after the broker is stopped and started again the console
// reconnects and its views keep receiving without a new subscribe. Against the embedded
// engine and a real Mosquitto.
#include "app/ConsoleSession.h"
#include "app/MainWindow.h"
#include "client/MqttClient.h"
#include "models/history/MessageHistoryModel.h"
#include "models/topics/TopicTreeModel.h"
#include "ui/dialogs/InjectDialog.h"
#include "ui/pages/TopicExplorerPage.h"
#include "ui/payload/MessageInspector.h"

#include "peers/BrokerProcess.h"
#include "peers/MosquittoClients.h"

#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTemporaryDir>
#include <QTest>

using namespace bs;
using bs::client::ConnectionState;

namespace {

/// A console window connected to the chosen broker: the embedded engine, or an outside
/// server process.
struct Console
{
    QTemporaryDir data;
    std::unique_ptr<peers::BrokerProcess> server;
    std::unique_ptr<app::ConsoleSession> session;
    std::unique_ptr<app::MainWindow> window;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;

    bool open(const QString& kind)
    {
        app::ConsoleOptions options;
        options.dataDirectory = data.path();
        options.embeddedPort = 0;
        options.startEmbedded = kind == u"embedded";
        session = std::make_unique<app::ConsoleSession>(options);
        window = std::make_unique<app::MainWindow>(*session);
        window->show();
        if (options.startEmbedded) {
            session->start();
        } else {
            server = peers::BrokerProcess::create(*peers::serverKindFromName(kind));
            if (!server->start())
                return false;
            client::ConnectionProfile profile;
            profile.name = kind;
            profile.port = server->port();
            session->connectTo(profile);
        }
        if (!QTest::qWaitFor([&] { return session->client().state() == ConnectionState::Connected; }, 10'000))
            return false;
        port = session->client().profile().port;
        return true;
    }
};

void addServerRows(bool withEmbedded)
{
    QTest::addColumn<QString>("kind");
    if (withEmbedded)
        QTest::newRow("embedded engine") << QStringLiteral("embedded");
    else
        QTest::newRow("brokerscope daemon") << QStringLiteral("brokerscope");
    QTest::newRow("mosquitto") << QStringLiteral("mosquitto");
}

} // namespace

class ConsoleEndToEnd : public QObject
{
    Q_OBJECT
private slots:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void publishedMessageAppearsWithItsProperties_data() { addServerRows(true); }
    void publishedMessageAppearsWithItsProperties()
    {
        QFETCH(QString, kind);
        Console console;
        QVERIFY(console.open(kind));
        peers::MosquittoPub pub(console.host, console.port, peers::MqttVersion::V5);
        pub.topic(QStringLiteral("e2e/orders/created"))
            .message(R"({"orderId": 42, "total": 99.5})")
            .qos(1)
            .property(QStringLiteral("publish"), QStringLiteral("content-type"), QStringLiteral("application/json"))
            .userProperty(QStringLiteral("publish"), QStringLiteral("b"), QStringLiteral("2"))
            .userProperty(QStringLiteral("publish"), QStringLiteral("a"), QStringLiteral("1"));
        QVERIFY2(pub.run(), qPrintable(pub.describe()));

        models::TopicTreeModel& topics = console.session->topics();
        QTRY_VERIFY_WITH_TIMEOUT(topics.indexOfTopic(QStringLiteral("e2e/orders/created")).isValid(), 10'000);
        ui::TopicExplorerPage* page = console.window->topicsPage();
        QVERIFY(page->selectTopic(QStringLiteral("e2e/orders/created")));
        models::MessageHistoryModel* history = page->historyModel();
        QTRY_COMPARE_WITH_TIMEOUT(history->rowCount(), 1, 5000);
        const client::MqttMessagePtr message = history->messageAt(0);
        QVERIFY(message);
        QCOMPARE(message->payload, QByteArray(R"({"orderId": 42, "total": 99.5})"));
        QCOMPARE(message->properties.contentType, QStringLiteral("application/json"));
        const QList<client::UserProperty> expected{{QStringLiteral("b"), QStringLiteral("2")},
                                                   {QStringLiteral("a"), QStringLiteral("1")}};
        QCOMPARE(message->properties.userProperties, expected); // order kept end to end
        // ...and the inspector shows that newest message.
        QTRY_VERIFY_WITH_TIMEOUT(page->inspector()->currentMessage() == message, 5000);
        // A retained message published while the console watches is marked retained
        // (the console subscribes with Retain As Published, MQTT 5 §3.8.3.1).
        peers::MosquittoPub retained(console.host, console.port, peers::MqttVersion::V5);
        retained.topic(QStringLiteral("e2e/config/vat")).message("0.21").retain();
        QVERIFY2(retained.run(), qPrintable(retained.describe()));
        QTRY_VERIFY_WITH_TIMEOUT(topics.indexOfTopic(QStringLiteral("e2e/config/vat"))
                                     .data(models::TopicTreeModel::IsRetainedRole).toBool(), 10'000);
        QVERIFY(!topics.indexOfTopic(QStringLiteral("e2e/orders/created"))
                     .data(models::TopicTreeModel::IsRetainedRole).toBool());

        // The tree counts it on every level above.
        QCOMPARE(topics.indexOfTopic(QStringLiteral("e2e/orders")).data(models::TopicTreeModel::MessageCountRole).toULongLong(), 1ull);
        QCOMPARE(topics.indexOfTopic(QStringLiteral("e2e")).data(models::TopicTreeModel::MessageCountRole).toULongLong(), 2ull);
    }

    void injectedMessageReachesMosquittoSub_data() { addServerRows(true); }
    void injectedMessageReachesMosquittoSub()
    {
        QFETCH(QString, kind);
        Console console;
        QVERIFY(console.open(kind));
        peers::MosquittoSub sub(console.host, console.port, peers::MqttVersion::V5);
        sub.topic(QStringLiteral("e2e/inject")).count(1).timeoutSeconds(20);
        QVERIFY(sub.start());
        QVERIFY(sub.waitUntilSubscribed());

        client::MqttMessage prefill;
        prefill.topic = QStringLiteral("e2e/inject");
        prefill.payload = "hello from the console";
        prefill.qos = 1;
        prefill.properties.userProperties = {{QStringLiteral("source"), QStringLiteral("inject")}};
        console.window->openInjectDialog(prefill);
        auto* dialog = console.window->findChild<ui::InjectDialog*>();
        QVERIFY(dialog);
        dialog->publish();
        QVERIFY(sub.waitForMessages(1));
        const auto received = sub.messages().first();
        QCOMPARE(received.payload, QByteArray("hello from the console"));
        QCOMPARE(received.userProperties.size(), 1);
        QCOMPARE(received.userProperties.first().first, QStringLiteral("source"));
    }

    void deletesRetainedSubtreeAfterAsking()
    {
        Console console;
        QVERIFY(console.open(QStringLiteral("embedded")));
        for (const char* topic : {"e2e/shelf/a", "e2e/shelf/b/c"}) {
            peers::MosquittoPub pub(console.host, console.port, peers::MqttVersion::V5);
            pub.topic(QString::fromLatin1(topic)).message("stock").retain();
            QVERIFY2(pub.run(), qPrintable(pub.describe()));
        }
        models::TopicTreeModel& topics = console.session->topics();
        QTRY_COMPARE_WITH_TIMEOUT(topics.retainedTopicsUnder(topics.indexOfTopic(QStringLiteral("e2e/shelf"))).size(), 2, 10'000);

        ui::TopicExplorerPage* page = console.window->topicsPage();
        page->deleteRetainedUnder(topics.indexOfTopic(QStringLiteral("e2e/shelf")));
        auto* box = page->findChild<QMessageBox*>();
        QVERIFY(box);
        QVERIFY2(box->text().contains(QStringLiteral("2 retained messages under e2e/shelf")), qPrintable(box->text()));
        box->button(QMessageBox::Yes)->click();

        // The broker no longer holds them: a new subscriber gets nothing retained, only the
        // marker published after it subscribed.
        QTRY_COMPARE_WITH_TIMEOUT(topics.retainedTopicsUnder(topics.indexOfTopic(QStringLiteral("e2e/shelf"))).size(), 0, 10'000);
        peers::MosquittoSub sub(console.host, console.port, peers::MqttVersion::V5);
        sub.topic(QStringLiteral("e2e/shelf/#")).count(1).timeoutSeconds(20);
        QVERIFY(sub.start());
        QVERIFY(sub.waitUntilSubscribed());
        peers::MosquittoPub marker(console.host, console.port, peers::MqttVersion::V5);
        marker.topic(QStringLiteral("e2e/shelf/marker")).message("after");
        QVERIFY(marker.run());
        QVERIFY(sub.waitForMessages(1));
        QCOMPARE(sub.messages().first().topic, QStringLiteral("e2e/shelf/marker"));
    }

    void reconnectsAfterBrokerRestart_data() { addServerRows(false); }
    void reconnectsAfterBrokerRestart()
    {
        QFETCH(QString, kind);
        Console console;
        QVERIFY(console.open(kind));
        const quint16 port = console.port;
        QVERIFY(console.server->stop());
        QTRY_VERIFY_WITH_TIMEOUT(console.session->client().state() == ConnectionState::Reconnecting, 10'000);

        peers::BrokerOptions options;
        options.port = port;
        auto restarted = peers::BrokerProcess::create(*peers::serverKindFromName(kind), options);
        QVERIFY2(restarted->start(), qPrintable(restarted->errorString()));
        QTRY_VERIFY_WITH_TIMEOUT(console.session->client().state() == ConnectionState::Connected, 40'000);

        // The views' subscriptions came back by themselves: a retained message published
        // now reaches the tree whenever the re-sent subscription lands.
        peers::MosquittoPub pub(console.host, port, peers::MqttVersion::V5);
        pub.topic(QStringLiteral("e2e/after/restart")).message("back").qos(1).retain();
        QVERIFY2(pub.run(), qPrintable(pub.describe()));
        QTRY_VERIFY_WITH_TIMEOUT(
            console.session->topics().indexOfTopic(QStringLiteral("e2e/after/restart")).isValid(), 10'000);
    }
};

QTEST_MAIN(ConsoleEndToEnd)
#include "tst_console_e2e.moc"
