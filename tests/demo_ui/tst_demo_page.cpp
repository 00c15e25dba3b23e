// The demo page end to end, offscreen: our engine in process (BrokerHost with a data
// directory, a free port, group stats every 200 ms), the console's PahoMqttClient with an
// AdminClient for the Replay button, and a DemoRunner at speed x10 behind a DemoPage of
// 1440x900. The cases run in order on one running demo: start (six groups, counts
// rising), email slow (the table's synchronous p50 rises far above the asynchronous one),
// Crash (the log says so), payment down then Replay (replayDeadLetters for payment, the
// answer shown), Stop and Reset (everything back to 0). The scenario runs on the runner's
// thread, so QTRY_*'s sleeps here cannot distort the latencies it measures.

#include "broker/BrokerHost.h"
#include "client/AdminClient.h"
#include "client/PahoMqttClient.h"
#include "demo/DemoRunner.h"
#include "ui/demo/DemoControlPanel.h"
#include "ui/demo/DemoEventLog.h"
#include "ui/demo/DemoPage.h"
#include "ui/demo/FlowView.h"
#include "ui/demo/GroupNode.h"
#include "ui/demo/LatencyComparison.h"
#include "ui/demo/ReplayDeadLettersBox.h"
#include "ui/demo/ServiceControls.h"

#include <QCheckBox>
#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using namespace bs::demo;
using bs::client::AdminClient;
using bs::ui::LatencyComparison;

namespace {

constexpr int kWaitMs = 20'000;

} // namespace

class TestDemoPage : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        bs::broker::BrokerConfig config;
        config.port = 0;
        config.dataDirectory = m_dataDir.path();
        config.groupStatsIntervalMs = 200;
        m_broker = std::make_unique<bs::broker::BrokerHost>(config);
        QSignalSpy started(m_broker.get(), &bs::broker::BrokerHost::started);
        m_broker->start();
        QVERIFY(started.wait(15'000));

        m_client = std::make_unique<bs::client::PahoMqttClient>();
        m_admin = std::make_unique<AdminClient>(*m_client);
        connect(m_client.get(), &bs::client::MqttClient::messagesReceived, m_admin.get(), &AdminClient::handleMessages);
        bs::client::ConnectionProfile profile;
        profile.host = u"127.0.0.1"_s;
        profile.port = m_broker->port();
        profile.clientId = u"demo-page-console"_s;
        profile.version = bs::client::MqttVersion::V5;
        m_client->connectToBroker(profile);
        QTRY_COMPARE_WITH_TIMEOUT(m_admin->availability(), AdminClient::Availability::Available, kWaitMs);

        DemoConfig demo;
        demo.port = m_broker->port();
        demo.speedFactor = 10.0;
        demo.orderRatePerSecond = 3.0;
        m_runner = std::make_unique<DemoRunner>(demo);
        m_page = std::make_unique<bs::ui::DemoPage>(*m_runner, *m_admin);
        m_page->resize(1440, 900);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        QTRY_VERIFY_WITH_TIMEOUT(m_runner->latestSnapshot() != nullptr, kWaitMs); // the idle picture
    }

    void cleanupTestCase()
    {
        m_page.reset();
        m_runner.reset(); // stops the scenario and joins its thread
        m_admin.reset();
        m_client.reset();
        m_broker.reset();
    }

    void startShowsSixGroupsWithCountsRising()
    {
        QCOMPARE(flow()->groupCount(), kServiceCount);
        QVERIFY(!controls()->stopButton()->isEnabled());
        controls()->startButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_runner->state(), DemoState::Running, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(everyGroup([](const GroupSnapshot& group) { return group.processed >= 3; }), kWaitMs);
        const quint64 before = flow()->shownGroup(Service::Analytics).processed;
        QTRY_VERIFY_WITH_TIMEOUT(flow()->shownGroup(Service::Analytics).processed >= before + 5, kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(everyGroup([](const GroupSnapshot& group) { return group.connectedInstances >= 1; }),
                                 kWaitMs);
        QVERIFY(flow()->shownOrdersCreated() >= before);
        QVERIFY(flow()->edgeLabel(Service::Payment).contains(u"/s"_s));
        QVERIFY(flow()->isAnimating());
        QTRY_VERIFY_WITH_TIMEOUT(flow()->dotCount() > 0, kWaitMs);
        QVERIFY(controls()->stopButton()->isEnabled());
        QVERIFY(!controls()->startButton()->isEnabled());
    }

    void emailSlowRaisesTheSynchronousLatencyFarAboveTheAsynchronous()
    {
        QTRY_VERIFY_WITH_TIMEOUT(latency()->shown(LatencyComparison::SyncRow).samples >= 20, kWaitMs);
        QVERIFY(latency()->verdict().contains(u"faster"_s));
        const double syncBefore = latency()->shown(LatencyComparison::SyncRow).p50Ms;

        controls()->faultSwitch(Fault::EmailSlow)->click();
        QTRY_VERIFY_WITH_TIMEOUT(flow()->groupNode(Service::Email).faults().slow, kWaitMs);
        // Email takes 60 ms x 50 = 3 s (300 ms at x10): every synchronous order waits for it
        // or times out; the asynchronous order service does not notice.
        QTRY_VERIFY_WITH_TIMEOUT(latency()->shown(LatencyComparison::SyncRow).p50Ms >= 200.0, 30'000);
        const bs::demo::OrderPathMetrics async = latency()->shown(LatencyComparison::AsyncRow);
        const bs::demo::OrderPathMetrics sync = latency()->shown(LatencyComparison::SyncRow);
        qInfo().noquote() << u"sync p50 %1 ms before, %2 ms with email slow; async p50 %3 ms; verdict: %4"_s
                                 .arg(syncBefore).arg(sync.p50Ms).arg(async.p50Ms).arg(latency()->verdict());
        QVERIFY2(sync.p50Ms >= 2 * syncBefore, qPrintable(u"%1 -> %2"_s.arg(syncBefore).arg(sync.p50Ms)));
        QVERIFY2(sync.p50Ms >= 10 * async.p50Ms, qPrintable(u"async %1, sync %2"_s.arg(async.p50Ms).arg(sync.p50Ms)));
        QVERIFY(latency()->cellText(LatencyComparison::SyncRow, LatencyComparison::P50Column) != u"—"_s);
        QVERIFY(latency()->verdict().contains(u"Email is slow"_s));

        controls()->faultSwitch(Fault::EmailSlow)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!flow()->groupNode(Service::Email).faults().slow, kWaitMs);
    }

    void crashButtonCrashesAnInstanceAndTheLogSaysSo()
    {
        controls()->services()->crashButton(Service::Payment)->click();
        QTRY_VERIFY_WITH_TIMEOUT(logText().contains(u"payment-"_s) && logText().contains(u" crashed"_s), kWaitMs);
        QTRY_VERIFY_WITH_TIMEOUT(flow()->shownGroup(Service::Payment).crashes >= 1, kWaitMs);
    }

    void replayButtonSendsPaymentsDeadLettersBackAndShowsTheAnswer()
    {
        controls()->faultSwitch(Fault::PaymentDown)->click();
        QTRY_VERIFY_WITH_TIMEOUT(flow()->shownDeadLetters(Service::Payment) >= 5, kWaitMs);
        QVERIFY(flow()->groupNode(Service::Payment).faults().down);
        controls()->faultSwitch(Fault::PaymentDown)->click();
        QTRY_VERIFY_WITH_TIMEOUT(!flow()->groupNode(Service::Payment).faults().down, kWaitMs);

        QSignalSpy answered(m_admin.get(), &AdminClient::answered);
        controls()->replayBox()->button()->click();
        QVERIFY(!controls()->replayBox()->button()->isEnabled()); // one request at a time
        QTRY_VERIFY_WITH_TIMEOUT(controls()->replayBox()->outcome().startsWith(u"Replayed "_s), kWaitMs);
        QVERIFY(controls()->replayBox()->button()->isEnabled());
        const auto replay = std::find_if(answered.begin(), answered.end(), [](const QList<QVariant>& answer) {
            return answer.at(1).toString() == u"replayDeadLetters"_s;
        });
        QVERIFY(replay != answered.end());
        const QJsonObject result = replay->at(2).toJsonObject();
        QVERIFY(result.value(u"replayed"_s).toInteger() >= 1);
        for (const QJsonValue& id : result.value(u"ids"_s).toArray())
            QVERIFY2(id.toString().startsWith(u"$DLQ/payment/"_s), qPrintable(id.toString())); // payment's only
        QVERIFY(controls()->replayBox()->outcome().contains(u"to payment"_s));
    }

    void stopThenResetReturnsEveryCounterToZero()
    {
        controls()->stopButton()->click();
        QTRY_COMPARE_WITH_TIMEOUT(m_runner->state(), DemoState::Idle, kWaitMs);
        QVERIFY(flow()->shownOrdersCreated() > 0);

        controls()->resetButton()->click();
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((confirm = m_page->findChild<QMessageBox*>(u"confirmReset"_s)) && confirm->isVisible(),
                                 kWaitMs);
        QVERIFY(confirm->text().contains(u"dead letters"_s));
        confirm->button(QMessageBox::Yes)->click();

        QTRY_VERIFY_WITH_TIMEOUT(m_runner->latestSnapshot()->state == DemoState::Idle
                                     && logText().contains(u"reset: "_s), kWaitMs);
        QCOMPARE(flow()->shownOrdersCreated(), quint64(0));
        for (Service service : kAllServices) {
            QCOMPARE(flow()->shownGroup(service).processed, quint64(0));
            QCOMPARE(flow()->shownGroup(service).crashes, quint64(0));
            QCOMPARE(flow()->shownDeadLetters(service), quint64(0));
        }
        QCOMPARE(latency()->shown(LatencyComparison::SyncRow).samples, 0);
        QCOMPARE(latency()->cellText(LatencyComparison::AsyncRow, LatencyComparison::P50Column), u"—"_s);
        QVERIFY(!controls()->faultSwitch(Fault::PaymentDown)->isChecked());
        QVERIFY(controls()->startButton()->isEnabled());
    }

private:
    bs::ui::FlowView* flow() const { return m_page->flowView(); }
    bs::ui::DemoControlPanel* controls() const { return m_page->controls(); }
    LatencyComparison* latency() const { return m_page->latency(); }
    QString logText() const { return m_page->eventLog()->toPlainText(); }

    template<typename Predicate>
    bool everyGroup(Predicate predicate) const
    {
        for (Service service : kAllServices) {
            if (!predicate(flow()->shownGroup(service)))
                return false;
        }
        return true;
    }

    QTemporaryDir m_dataDir;
    std::unique_ptr<bs::broker::BrokerHost> m_broker;
    std::unique_ptr<bs::client::PahoMqttClient> m_client;
    std::unique_ptr<AdminClient> m_admin;
    std::unique_ptr<DemoRunner> m_runner;
    std::unique_ptr<bs::ui::DemoPage> m_page;
};

QTEST_MAIN(TestDemoPage)
#include "tst_demo_page.moc"
