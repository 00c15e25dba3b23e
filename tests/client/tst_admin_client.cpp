// AdminClient (the console's side of the engine's admin API) with a real PahoMqttClient:
// against our engine the probe makes it Available and requests are answered by id, errors
// come back with the broker's code; against Mosquitto (no admin API) the probe times out
// and it is Unavailable; requests fail with "timeout" or "not-connected", never hang.

#include "ClientRecorder.h"
#include "ClientTestBroker.h"
#include "ClientTestData.h"

#include "client/AdminClient.h"
#include "client/PahoMqttClient.h"

#include <QJsonArray>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::clienttest;
using bs::client::AdminClient;
using bs::client::MqttMessageBatch;

class AdminClientTest : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QString error;
        QVERIFY2(startBrokerPool(m_brokers, &error), qPrintable(error));
    }
    void cleanupTestCase() { m_brokers.clear(); }

    void engineAnswersByRequestId()
    {
        bs::client::PahoMqttClient client;
        AdminClient admin(client);
        connect(&client, &bs::client::MqttClient::messagesReceived, &admin, &AdminClient::handleMessages);
        ClientRecorder recorder(client);
        QVERIFY(connectAndWait(client, recorder, m_brokers.at(BrokerKind::Engine)->profile(bs::client::MqttVersion::V5, u"admin"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(admin.availability(), AdminClient::Availability::Available, 5000);

        QSignalSpy answered(&admin, &AdminClient::answered);
        QSignalSpy failed(&admin, &AdminClient::failed);
        const quint64 stats = admin.request(u"stats"_s);
        const quint64 browse = admin.request(u"browseTopic"_s, {{u"topic"_s, u"nowhere"_s}});
        QTRY_COMPARE_WITH_TIMEOUT(answered.size() + failed.size(), 2, 5000);
        QCOMPARE(answered.first().at(0).toULongLong(), stats);
        QCOMPARE(answered.first().at(1).toString(), u"stats"_s);
        QVERIFY(answered.first().at(2).toJsonObject().contains(u"clientsConnected"_s));
        // This engine runs without a data directory: no logs to browse.
        QCOMPARE(failed.first().at(0).toULongLong(), browse);
        QCOMPARE(failed.first().at(2).toString(), u"unavailable"_s);
        QVERIFY(!failed.first().at(3).toString().isEmpty());
        QCOMPARE(admin.pendingCount(), 0);
    }

    void genericBrokerIsUnavailable()
    {
        bs::client::PahoMqttClient client;
        AdminClient admin(client);
        connect(&client, &bs::client::MqttClient::messagesReceived, &admin, &AdminClient::handleMessages);
        ClientRecorder recorder(client);
        QSignalSpy availability(&admin, &AdminClient::availabilityChanged);
        QVERIFY(connectAndWait(client, recorder, m_brokers.at(BrokerKind::Mosquitto)->profile(bs::client::MqttVersion::V5, u"admin"_s)));
        QTRY_COMPARE_WITH_TIMEOUT(admin.availability(), AdminClient::Availability::Unavailable,
                                  AdminClient::kProbeTimeoutMs + 3000);
        QCOMPARE(availability.first().first().value<AdminClient::Availability>(), AdminClient::Availability::Probing);
        QVERIFY(!admin.unavailableReason().isEmpty());
        QSignalSpy failed(&admin, &AdminClient::failed);
        admin.request(u"listGroups"_s, {}, 300);
        QVERIFY(failed.wait(3000));
        QCOMPARE(failed.first().at(2).toString(), u"timeout"_s);
    }

    void notConnectedFailsAtOnce()
    {
        bs::client::PahoMqttClient client;
        AdminClient admin(client);
        QSignalSpy failed(&admin, &AdminClient::failed);
        const quint64 id = admin.request(u"stats"_s);
        QVERIFY(failed.wait(1000));
        QCOMPARE(failed.first().at(0).toULongLong(), id);
        QCOMPARE(failed.first().at(2).toString(), u"not-connected"_s);
        QCOMPARE(admin.availability(), AdminClient::Availability::Unknown);
    }

    // Answers for requests it does not know (cancelled, someone else's) are ignored.
    void strayAnswersAreIgnored()
    {
        bs::client::PahoMqttClient client;
        AdminClient admin(client);
        QSignalSpy answered(&admin, &AdminClient::answered);
        auto stray = std::make_shared<bs::client::MqttMessage>();
        stray->topic = admin.replyTopic();
        stray->payload = R"({"command":"stats","result":{}})"_ba;
        stray->properties.correlationData = "77"_ba;
        admin.handleMessages(MqttMessageBatch{stray});
        QCOMPARE(answered.size(), 0);
    }

private:
    BrokerPool m_brokers;
};

QTEST_GUILESS_MAIN(AdminClientTest)
#include "tst_admin_client.moc"
