// Connect latency of PahoMqttClient to the in-process engine, the console's launch path.
// paho.mqtt.c makes a connect wait for its receive thread's 1 s poll (see
// client/paho/PahoRuntime.h); PahoMqttClient avoids it. Behaviour is asserted (a connect
// while another connection is idle is nudged, and every connect succeeds); the times are
// printed, never asserted (speed belongs to benchmarks).

#include "ClientRecorder.h"
#include "ClientTestBroker.h"

#include "client/PahoMqttClient.h"
#include "client/paho/PahoRuntime.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::clienttest;
using bs::client::MqttVersion;
using bs::client::PahoMqttClient;
using bs::client::paho::PahoRuntime;

class TestConnectLatency : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_broker = ClientTestBroker::create(BrokerKind::Engine);
        QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    }

    void connectWhileAnotherIsIdle_data()
    {
        QTest::addColumn<bool>("nudging");
        QTest::newRow("nudging") << true;
        QTest::newRow("without-nudging") << false;
    }

    void connectWhileAnotherIsIdle()
    {
        QFETCH(bool, nudging);
        PahoRuntime& runtime = PahoRuntime::instance();
        runtime.setNudgingEnabled(nudging);
        auto restore = qScopeGuard([&] { runtime.setNudgingEnabled(true); });
        QVERIFY(QTest::qWaitFor([&] { return runtime.retiringCount() == 0; }, kWaitMs));

        PahoMqttClient first;
        ClientRecorder firstRecorder(first);
        first.connectToBroker(m_broker->profile(MqttVersion::V5, u"first"_s));
        QVERIFY(firstRecorder.waitForState(bs::client::ConnectionState::Connected));

        // The first connection is idle now: paho's receive thread sits in its 1 s poll.
        const quint64 nudgesBefore = runtime.nudgesSent();
        PahoMqttClient second;
        ClientRecorder secondRecorder(second);
        second.connectToBroker(m_broker->profile(MqttVersion::V5, u"second"_s));
        QVERIFY(secondRecorder.waitForState(bs::client::ConnectionState::Connected));
        const quint64 nudges = runtime.nudgesSent() - nudgesBefore;
        if (nudging)
            QVERIFY(nudges > 0);
        else
            QCOMPARE(nudges, quint64(0));

        first.disconnectFromBroker();
        second.disconnectFromBroker();
        // Every handle retired: paho's threads stop, and the next connect starts them fresh.
        QVERIFY(QTest::qWaitFor([&] { return runtime.retiringCount() == 0; }, kWaitMs));
        PahoMqttClient third;
        ClientRecorder thirdRecorder(third);
        third.connectToBroker(m_broker->profile(MqttVersion::V5, u"third"_s));
        QVERIFY(thirdRecorder.waitForState(bs::client::ConnectionState::Connected));

        qInfo("connect latency (%s): first %lld ms, second while the first is idle %lld ms "
              "(%llu nudges), after all closed %lld ms",
              nudging ? "nudging" : "without nudging", first.lastConnectLatencyMs(),
              second.lastConnectLatencyMs(), nudges, third.lastConnectLatencyMs());
    }

private:
    std::unique_ptr<ClientTestBroker> m_broker;
};

QTEST_GUILESS_MAIN(TestConnectLatency)
#include "tst_connect_latency.moc"
