// The inject dialog with the real client: a PahoMqttClient connected to our engine in
// process (BrokerHost) publishes what the dialog holds, and a second PahoMqttClient
// subscribed to the topic receives it with every property, user properties in order.

#include "broker/BrokerHost.h"
#include "client/PahoMqttClient.h"
#include "ui/dialogs/InjectDialog.h"
#include "ui/dialogs/TemplateStore.h"

#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::client;
using bs::ui::InjectDialog;
using bs::ui::PublishSummary;

namespace {

bool connectClient(PahoMqttClient& client, quint16 port, const QString& clientId)
{
    ConnectionProfile profile;
    profile.port = port;
    profile.clientId = clientId;
    profile.version = MqttVersion::V5;
    client.connectToBroker(profile);
    return QTest::qWaitFor([&] { return client.state() == ConnectionState::Connected; }, 15000);
}

} // namespace

class TestInjectRealEngine : public QObject
{
    Q_OBJECT

private slots:
    void publishedMessageArrivesWithEveryProperty()
    {
        bs::broker::BrokerConfig config;
        bs::broker::BrokerHost host(config);
        QSignalSpy started(&host, &bs::broker::BrokerHost::started);
        host.start();
        QVERIFY(started.wait());

        PahoMqttClient publisher;
        PahoMqttClient subscriber;
        QVERIFY(connectClient(publisher, host.port(), u"inject-publisher"_s));
        QVERIFY(connectClient(subscriber, host.port(), u"inject-subscriber"_s));
        QSignalSpy subscribed(&subscriber, &MqttClient::subscribed);
        QSignalSpy received(&subscriber, &MqttClient::messagesReceived);
        subscriber.subscribe(u"plant/+/temperature"_s, 2);
        QVERIFY(subscribed.wait(10000));
        QVERIFY(subscribed.first().at(2).toString().isEmpty());

        QTemporaryDir dir;
        bs::ui::TemplateStore templates(
            std::make_unique<QSettings>(dir.filePath(u"t.ini"_s), QSettings::IniFormat));
        InjectDialog dialog(publisher, templates, nullptr);
        dialog.show();

        MqttMessage sent;
        sent.topic = u"plant/line1/temperature"_s;
        sent.payload = R"({"celsius": 21.5})"_ba;
        sent.qos = 1;
        sent.properties.payloadFormatIndicator = 1;
        sent.properties.messageExpiryInterval = 600;
        sent.properties.contentType = u"application/json"_s;
        sent.properties.responseTopic = u"plant/line1/replies"_s;
        sent.properties.correlationData = QByteArray::fromHex("00ff10ab");
        sent.properties.userProperties = {{u"z"_s, u"last"_s}, {u"a"_s, u"first"_s}, {u"z"_s, u"again"_s}};
        dialog.setMessage(sent);

        QSignalSpy finished(&dialog, &InjectDialog::publishFinished);
        QTest::mouseClick(dialog.findChild<QPushButton*>(u"publishButton"_s), Qt::LeftButton);
        QVERIFY(finished.wait(10000));
        const auto summary = finished.first().first().value<PublishSummary>();
        QVERIFY2(summary.succeeded == 1, qPrintable(summary.toString()));

        QTRY_VERIFY_WITH_TIMEOUT(!received.isEmpty(), 10000);
        const auto batch = received.first().first().value<MqttMessageBatch>();
        QCOMPARE(batch.size(), 1);
        const MqttMessage& got = *batch.first();
        QCOMPARE(got.topic, sent.topic);
        QCOMPARE(got.payload, sent.payload);
        QCOMPARE(got.qos, sent.qos);
        QCOMPARE(got.properties.payloadFormatIndicator, sent.properties.payloadFormatIndicator);
        QVERIFY(got.properties.messageExpiryInterval);
        QVERIFY(*got.properties.messageExpiryInterval <= 600 && *got.properties.messageExpiryInterval >= 590);
        QCOMPARE(got.properties.contentType, sent.properties.contentType);
        QCOMPARE(got.properties.responseTopic, sent.properties.responseTopic);
        QCOMPARE(got.properties.correlationData, sent.properties.correlationData);
        QCOMPARE(got.properties.userProperties, sent.properties.userProperties);
    }
};

QTEST_MAIN(TestInjectRealEngine)
#include "tst_inject_real_engine.moc"
