// The "black-friday" scenario (issue 7) against the real engine, in process: a BrokerHost
// with a data directory (consumer groups need one) and group stats every 200 ms, the
// scenario at speed x10, stopped and reset between the cases. Each case waits for effects
// with generous timeouts in a running event loop (runUntil), never with a fixed sleep.

#include "DemoTestSupport.h"

#include "broker/BrokerHost.h"
#include "demo/DemoScenario.h"

#include <QJsonDocument>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QThread>
#include <QElapsedTimer>
#include <QTest>
#include <memory>

using namespace bs::demo;

namespace {

constexpr int kLongWaitMs = 30000;

const GroupSnapshot& groupOf(const DemoSnapshot& snapshot, Service service)
{
    return snapshot.groups.at(indexOf(service));
}

QString describe(const DemoSnapshot& snapshot)
{
    QString text = QStringLiteral("created %1; async p50 %2 ms p99 %3 ms (%4 samples); sync p50 %5 ms p99 %6 ms, "
                                  "errors %7 (%8 samples);")
                       .arg(snapshot.ordersCreated).arg(snapshot.async.p50Ms).arg(snapshot.async.p99Ms)
                       .arg(snapshot.async.samples).arg(snapshot.sync.p50Ms).arg(snapshot.sync.p99Ms)
                       .arg(snapshot.sync.errorRate).arg(snapshot.sync.samples);
    for (const GroupSnapshot& group : snapshot.groups) {
        text += QStringLiteral(" %1: %2/%3 instances, processed %4, failed %5, crashes %6, lag %7, dead %8;")
                    .arg(group.group).arg(group.connectedInstances).arg(group.targetInstances).arg(group.processed)
                    .arg(group.failed).arg(group.crashes).arg(group.lag).arg(group.deadLetters);
    }
    return text;
}

} // namespace

/// Waits (kLongWaitMs at most) until the condition holds; on failure names it and shows
/// the scenario's state.
#define WAIT_UNTIL(condition)                                                                       \
    QVERIFY2(runUntil([&] { return bool(condition); }, kLongWaitMs),                                \
             qPrintable(QStringLiteral(#condition "\n") + describe(*snapshot())))

class TestBlackFriday : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        bs::broker::BrokerConfig config;
        config.dataDirectory = m_dataDir.path();
        config.groupStatsIntervalMs = 200;
        m_broker = std::make_unique<bs::broker::BrokerHost>(config);
        QSignalSpy started(m_broker.get(), &bs::broker::BrokerHost::started);
        m_broker->start();
        QVERIFY(started.wait(15000));

        DemoConfig demo;
        demo.port = m_broker->port();
        demo.speedFactor = 10.0;
        demo.orderRatePerSecond = 2.0;
        m_scenario = std::make_unique<DemoScenario>(demo);
    }

    void init()
    {
        m_scenario->stop(); // a reset of a running scenario would start it again
        m_scenario->reset();
        WAIT_UNTIL(m_scenario->state() == DemoState::Idle);
        QCOMPARE(m_scenario->makeSnapshot()->ordersCreated, quint64(0));
    }

    void cleanup()
    {
        qInfo().noquote() << describe(*snapshot());
    }

    void cleanupTestCase()
    {
        m_scenario.reset();
        m_broker.reset();
    }

    void asyncLatencyStaysLowWhileSlowEmailStallsTheSyncChain()
    {
        m_scenario->setProcessingMs(Service::Email, 20); // slow: x50 = 1 s a call (100 ms at x10)
        m_scenario->setOrderRate(3.0);
        m_scenario->setFault(Fault::EmailSlow, true);
        QSignalSpy snapshots(m_scenario.get(), &DemoScenario::snapshot);
        QElapsedTimer running;
        running.start();
        startScenario();

        WAIT_UNTIL(snapshot()->sync.samples >= 40 && snapshot()->async.samples >= 40);
        const DemoSnapshotPtr now = snapshot();
        QVERIFY2(now->async.p50Ms * 10.0 <= now->sync.p50Ms, qPrintable(describe(*now)));
        QVERIFY2(now->sync.p50Ms >= 100.0, qPrintable(describe(*now))); // at least the slow email call
        QVERIFY2(now->async.p99Ms < now->sync.p99Ms, qPrintable(describe(*now)));
        QCOMPARE(now->async.errorRate, 0.0);
        // Snapshots: at most every 250 ms, and one for each change of state (Starting, Running).
        QVERIFY(!snapshots.isEmpty());
        QVERIFY2(snapshots.size() <= running.elapsed() / 250 + 3, qPrintable(QString::number(snapshots.size())));
        const auto last = snapshots.last().first().value<DemoSnapshotPtr>();
        QVERIFY(last && last->emailSlow && last->groups.size() == kServiceCount);
    }

    void runsOnAWorkerThreadDrivenByQueuedCalls()
    {
        QThread worker;
        auto* scenario = new DemoScenario(m_scenario->config());
        scenario->moveToThread(&worker);
        connect(&worker, &QThread::finished, scenario, &QObject::deleteLater);
        worker.start();

        DemoSnapshotPtr latest;
        QStringList lines;
        connect(scenario, &DemoScenario::snapshot, this, [&](const DemoSnapshotPtr& snapshot) { latest = snapshot; });
        connect(scenario, &DemoScenario::eventLogged, this, [&](const QString& line) { lines.append(line); });
        QMetaObject::invokeMethod(scenario, &DemoScenario::start);
        QMetaObject::invokeMethod(scenario, [scenario] { scenario->setInstances(Service::Email, 2); });
        QVERIFY(runUntil([&] {
            return latest && latest->state == DemoState::Running && latest->ordersCreated >= 10
                && groupOf(*latest, Service::Email).connectedInstances == 2
                && groupOf(*latest, Service::Email).processed >= 5;
        }, kLongWaitMs));
        QVERIFY(!lines.isEmpty());
        QMetaObject::invokeMethod(scenario, &DemoScenario::stop);
        QVERIFY(runUntil([&] { return latest->state == DemoState::Idle; }, kLongWaitMs));
        worker.quit();
        QVERIFY(worker.wait(10000));
    }

    void poisonOrderIsDeadLetteredByEveryGroupAfterTheDeliveryLimit()
    {
        DemoTestClient watcher(QStringLiteral("test-dlq-watcher"), m_broker->port());
        QVERIFY(watcher.connectAndWait());
        QVERIFY(watcher.subscribeAndWait(QStringLiteral("$DLQ/#"), 1));
        startScenario();
        WAIT_UNTIL(snapshot()->ordersCreated >= 5);

        m_scenario->setFault(Fault::PoisonOrder, true);
        WAIT_UNTIL(poisonOrderIds().size() == 1);
        const QByteArray poison = poisonOrderIds().first().toUtf8();

        for (Service service : kAllServices) {
            const QString topic = QStringLiteral("$DLQ/%1/shop/orders").arg(serviceName(service));
            const auto isPoisonLetter = [&](const ReceivedMessage& message) {
                return message.topic == topic && message.payload.contains(poison);
            };
            const QList<ReceivedMessage>& letters = watcher.received();
            WAIT_UNTIL(std::any_of(letters.begin(), letters.end(), isPoisonLetter));
            const ReceivedMessage letter = *std::find_if(letters.begin(), letters.end(), isPoisonLetter);
            QCOMPARE(letter.userProperty(QStringLiteral("dlq-reason")), QStringLiteral("delivery_limit"));
            QCOMPARE(letter.userProperty(QStringLiteral("dlq-group")), serviceName(service));
            QCOMPARE(letter.userProperty(QStringLiteral("dlq-delivery-count")), QStringLiteral("5"));
            QVERIFY(groupOf(*snapshot(), service).crashes >= 5); // one crash per delivery
        }
        // Only the poison order died: any other letter would be a healthy order lost.
        for (const ReceivedMessage& message : watcher.received())
            QVERIFY2(message.payload.contains(poison), qPrintable(message.topic));
        QVERIFY(m_scenario->eventLog().contains(QStringLiteral("crashed on poison order ") + QString::fromUtf8(poison)));
    }

    void paymentDownThenReplayedChargesEveryOrderExactlyOnce()
    {
        DemoTestClient admin(QStringLiteral("test-admin"), m_broker->port());
        QVERIFY(admin.connectAndWait());
        m_scenario->setOrderRate(4.0);
        startScenario();
        WAIT_UNTIL(m_scenario->paymentLedger().chargedOrders() >= 10);

        m_scenario->setFault(Fault::PaymentDown, true);
        WAIT_UNTIL(payment().failed >= 20);
        m_scenario->setFault(Fault::ProducerStopped, true);

        // Every order settled: charged, or rejected (PUBACK 0x80) and dead-lettered.
        const quint64 created = quint64(m_scenario->createdOrderIds().size());
        WAIT_UNTIL(payment().processed + payment().failed == created && payment().lag == 0
                   && payment().deadLetters == payment().failed
                   && groupOf(*snapshot(), Service::Inventory).processed == created);
        const quint64 rejected = payment().failed;
        QCOMPARE(quint64(m_scenario->paymentLedger().chargedOrders()) + rejected, created);

        // Payment comes back; its dead letters go back to its group only.
        m_scenario->setFault(Fault::PaymentDown, false);
        const QJsonObject replay = admin.adminCall({{QStringLiteral("command"), QStringLiteral("replayDeadLetters")},
                                                    {QStringLiteral("requestId"), QStringLiteral("test-replay-1")},
                                                    {QStringLiteral("group"), QStringLiteral("payment")},
                                                    {QStringLiteral("reason"), QStringLiteral("rejected")}});
        QVERIFY2(replay.contains(QStringLiteral("result")), QJsonDocument(replay).toJson().constData());
        QCOMPARE(quint64(replay.value(QStringLiteral("result")).toObject().value(QStringLiteral("replayed")).toInteger()),
                 rejected);
        WAIT_UNTIL(quint64(m_scenario->paymentLedger().chargedOrders()) == created);
        verifyEveryOrderChargedOnce();
        QCOMPARE(groupOf(*snapshot(), Service::Inventory).processed, created); // no other group saw them again

        // The same letters once more (as a confused operator would): the idempotent payment
        // acknowledges them as duplicates and charges nobody twice.
        const QJsonObject again = admin.adminCall({{QStringLiteral("command"), QStringLiteral("replayDeadLetters")},
                                                   {QStringLiteral("requestId"), QStringLiteral("test-replay-2")},
                                                   {QStringLiteral("group"), QStringLiteral("payment")},
                                                   {QStringLiteral("state"), QStringLiteral("replayed")}});
        QVERIFY2(again.contains(QStringLiteral("result")), QJsonDocument(again).toJson().constData());
        WAIT_UNTIL(m_scenario->paymentLedger().duplicatesSkipped() >= rejected);
        WAIT_UNTIL(payment().lag == 0);
        verifyEveryOrderChargedOnce();
        QCOMPARE(snapshot()->paymentDuplicatesSkipped, m_scenario->paymentLedger().duplicatesSkipped());
    }

    void crashedPaymentInstanceIsRestartedAndItsRedeliveryIsNotChargedTwice()
    {
        m_scenario->setProcessingMs(Service::Payment, 3000); // 300 ms at x10: always busy
        startScenario();
        WAIT_UNTIL(m_scenario->paymentLedger().chargedOrders() >= 2 && payment().lag >= 4);

        m_scenario->crashInstance(Service::Payment); // charged, then dead before its PUBACK
        WAIT_UNTIL(m_scenario->eventLog().contains(QStringLiteral("crashed after finishing order")));
        QCOMPARE(payment().crashes, quint64(1));
        WAIT_UNTIL(m_scenario->paymentLedger().duplicatesSkipped() == 1); // redelivered, skipped
        WAIT_UNTIL(payment().connectedInstances == 2);                     // restarted
        for (const QString& order : m_scenario->createdOrderIds())
            QVERIFY2(m_scenario->paymentLedger().chargeCount(order) <= 1, qPrintable(order));
    }

    void autoscalerAddsInstancesWhenLagPassesTheThresholdAndRemovesThemWhenDrained()
    {
        m_scenario->setProcessingMs(Service::Analytics, 200); // one instance: 50 orders/s at x10
        m_scenario->setOrderRate(10.0);                       // 100 orders/s at x10
        m_scenario->setAutoscale(true, 20);
        startScenario();

        WAIT_UNTIL(groupOf(*snapshot(), Service::Analytics).targetInstances >= 2);
        QVERIFY(m_scenario->eventLog().contains(QStringLiteral("analytics: lag ")));
        QVERIFY(m_scenario->eventLog().contains(QStringLiteral("passed 20, added an instance (1 -> 2)")));
        QVERIFY(snapshot()->eventLog.join(u'\n').contains(QStringLiteral("added an instance (1 -> 2)")));
        WAIT_UNTIL(groupOf(*snapshot(), Service::Analytics).connectedInstances >= 2);

        m_scenario->setFault(Fault::ProducerStopped, true);
        WAIT_UNTIL(m_scenario->eventLog().contains(QStringLiteral("analytics: drained")));
        WAIT_UNTIL(groupOf(*snapshot(), Service::Analytics).targetInstances == 1);
    }

    void reportsABrokerThatCannotBeReached()
    {
        QTcpServer closed; // a port that nobody listens on any more
        QVERIFY(closed.listen(QHostAddress::LocalHost));
        DemoConfig config = m_scenario->config();
        config.port = closed.serverPort();
        closed.close();
        DemoScenario scenario(config);
        QSignalSpy failed(&scenario, &DemoScenario::failed);
        scenario.start();
        QVERIFY(runUntil([&] { return !failed.isEmpty(); }, kLongWaitMs));
        QCOMPARE(scenario.state(), DemoState::Idle);
        QVERIFY(scenario.eventLog().contains(QStringLiteral("cannot reach the broker")));
    }

private:
    void startScenario()
    {
        m_scenario->start();
        WAIT_UNTIL(m_scenario->state() == DemoState::Running);
    }

    DemoSnapshotPtr snapshot() const { return m_scenario->makeSnapshot(); }
    GroupSnapshot payment() const { return groupOf(*snapshot(), Service::Payment); }

    QStringList poisonOrderIds() const
    {
        QStringList ids = m_scenario->createdOrderIds(true);
        const QStringList healthy = m_scenario->createdOrderIds(false);
        ids.removeIf([&](const QString& id) { return healthy.contains(id); });
        return ids;
    }

    void verifyEveryOrderChargedOnce()
    {
        const QStringList orders = m_scenario->createdOrderIds();
        QVERIFY(!orders.isEmpty());
        for (const QString& order : orders)
            QVERIFY2(m_scenario->paymentLedger().chargeCount(order) == 1, qPrintable(order));
        QCOMPARE(m_scenario->paymentLedger().chargedOrders(), orders.size()); // nothing else charged
    }

    QTemporaryDir m_dataDir;
    std::unique_ptr<bs::broker::BrokerHost> m_broker;
    std::unique_ptr<DemoScenario> m_scenario;
};

QTEST_GUILESS_MAIN(TestBlackFriday)
#include "tst_black_friday.moc"
