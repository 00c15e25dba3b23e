#include "demo/DemoScenario.h"

#include <algorithm>

namespace bs::demo {

namespace {

constexpr int kMaxInstances = 20;

QString onOff(bool on)
{
    return on ? QStringLiteral("on") : QStringLiteral("off");
}

} // namespace

DemoScenario::DemoScenario(DemoConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_behaviour(m_config), m_log(m_config.eventLogCapacity, this),
      m_environment{m_config, m_behaviour, m_ledger, m_log}, m_deadlines(m_clock, this),
      m_sync(m_config, m_behaviour, m_deadlines), m_orders(m_config, m_behaviour, m_clock, this),
      m_control(m_config, this), m_snapshotTimer(this)
{
    m_clock.start();
    for (Service service : kAllServices)
        m_groups[size_t(indexOf(service))] = std::make_unique<ServiceGroup>(service, m_environment, this);
    configureAutoscaler(m_config.autoscale, m_config.autoscaleLagThreshold);
    m_snapshotTimer.setInterval(std::max(250, m_config.snapshotIntervalMs));
    connect(&m_snapshotTimer, &QTimer::timeout, this, &DemoScenario::publishSnapshot);
    connect(&m_log, &EventLog::logged, this, &DemoScenario::eventLogged);
    connect(&m_orders, &OrderService::orderCreated, this, [this](const QString&, bool poison) {
        if (m_state == DemoState::Running)
            m_sync.submit(poison);
    });
    connect(&m_control, &BrokerControl::lagReported, this, &DemoScenario::onLag);
    connect(&m_control, &BrokerControl::lost, this, [this](const QString& why) {
        if (m_state == DemoState::Idle)
            return;
        m_log.append(QStringLiteral("lost the broker (%1): the scenario stopped").arg(why));
        stop();
        emit failed(why);
    });
}

DemoScenario::~DemoScenario()
{
    halt();
}

void DemoScenario::setState(DemoState state)
{
    if (m_state == state)
        return;
    m_state = state;
    emit stateChanged(state);
    publishSnapshot();
}

void DemoScenario::start()
{
    if (m_state != DemoState::Idle)
        return;
    setState(DemoState::Starting);
    m_control.open([this](const QStringList& errors) {
        if (m_state != DemoState::Starting)
            return;
        if (!errors.isEmpty()) {
            m_log.append(errors.join(QStringLiteral("; ")));
            setState(DemoState::Idle);
            emit failed(errors.join(QStringLiteral("; ")));
            return;
        }
        m_control.prepareGroups([this](const QStringList& groupErrors) {
            if (!groupErrors.isEmpty())
                m_log.append(QStringLiteral("the groups are not durable (does the broker have a data directory?): ")
                             + groupErrors.join(QStringLiteral("; ")));
            if (m_state == DemoState::Starting)
                beginRunning();
        });
    });
}

void DemoScenario::beginRunning()
{
    for (Service service : kAllServices)
        group(service).setTargetInstances(m_behaviour.settings(service).instances);
    m_orders.start(m_run);
    m_snapshotTimer.start();
    setState(DemoState::Running);
    m_log.append(QStringLiteral("Black Friday: the order service publishes %1 orders/s to %2 (speed x%3)")
                     .arg(m_orders.rate()).arg(m_config.ordersTopic).arg(m_behaviour.speedFactor()));
}

void DemoScenario::halt()
{
    m_snapshotTimer.stop();
    m_orders.stop();
    for (const auto& serviceGroup : m_groups)
        serviceGroup->leaveAll();
    m_sync.abandonAll();
    m_deadlines.clear();
}

void DemoScenario::stop()
{
    if (m_state == DemoState::Idle || m_state == DemoState::Resetting)
        return;
    halt();
    m_control.close(); // no demo client stays connected
    setState(DemoState::Idle);
}

void DemoScenario::reset()
{
    if (m_state == DemoState::Resetting)
        return;
    const bool startAgain = m_state != DemoState::Idle;
    halt();
    setState(DemoState::Resetting);
    m_control.open([this, startAgain](const QStringList& errors) {
        if (!errors.isEmpty())
            return finishReset(startAgain);
        m_control.dropGroups([this, startAgain](const QStringList& dropErrors) {
            if (!dropErrors.isEmpty())
                m_log.append(QStringLiteral("reset: ") + dropErrors.join(QStringLiteral("; ")));
            finishReset(startAgain);
        });
    });
}

void DemoScenario::finishReset(bool startAgain)
{
    if (m_state != DemoState::Resetting)
        return;
    m_control.close();
    ++m_run; // order ids never repeat an earlier run's
    m_behaviour.reset(m_config);
    m_ledger.clear();
    m_orders.clear();
    m_sync.clearMetrics();
    m_control.clearStats();
    for (const auto& serviceGroup : m_groups)
        serviceGroup->clearCounters();
    configureAutoscaler(m_config.autoscale, m_config.autoscaleLagThreshold);
    m_log.clear();
    m_log.append(QStringLiteral("reset: groups and their dead letters removed, every setting as at the start"));
    setState(DemoState::Idle);
    if (startAgain)
        start();
}

void DemoScenario::setOrderRate(double perSecond)
{
    m_orders.setRate(perSecond);
    m_log.append(QStringLiteral("order rate: %1 orders/s").arg(m_orders.rate(), 0, 'f', m_orders.rate() < 10 ? 1 : 0));
}

void DemoScenario::setInstances(Service service, int instances)
{
    m_behaviour.settings(service).instances = std::clamp(instances, 0, kMaxInstances);
    if (m_state == DemoState::Running)
        group(service).setTargetInstances(m_behaviour.settings(service).instances);
    m_log.append(QStringLiteral("%1: %2 instances").arg(serviceName(service)).arg(m_behaviour.settings(service).instances));
}

void DemoScenario::setProcessingMs(Service service, int milliseconds)
{
    m_behaviour.settings(service).processingMs = std::max(1, milliseconds);
    m_log.append(QStringLiteral("%1: %2 ms per order").arg(serviceName(service)).arg(m_behaviour.settings(service).processingMs));
}

void DemoScenario::setFailureRate(Service service, double rate)
{
    m_behaviour.settings(service).failureRate = std::clamp(rate, 0.0, 1.0);
    m_log.append(QStringLiteral("%1: fails %2% of orders").arg(serviceName(service)).arg(m_behaviour.settings(service).failureRate * 100.0));
}

void DemoScenario::setFault(Fault fault, bool on)
{
    switch (fault) {
    case Fault::PoisonOrder:
        if (on) {
            m_orders.injectPoison();
            m_log.append(QStringLiteral("a poison order was published: every service that takes it crashes"));
        }
        return;
    case Fault::EmailSlow:
        m_log.append(QStringLiteral("email slow (x%1): %2").arg(m_config.emailSlowFactor).arg(onOff(on)));
        break;
    case Fault::PaymentDown:
        m_log.append(on ? QStringLiteral("payment is down: its instances reject every order (dead letters)")
                        : QStringLiteral("payment is back: replay its dead letters to charge those orders"));
        break;
    case Fault::ProducerStopped:
        m_log.append(on ? QStringLiteral("order service stopped: the consumers drain their backlog")
                        : QStringLiteral("order service producing again"));
        break;
    }
    m_behaviour.set(fault, on);
}

void DemoScenario::crashInstance(Service service)
{
    group(service).crashOne();
}

void DemoScenario::setAutoscale(bool enabled, quint64 lagThreshold)
{
    configureAutoscaler(enabled, lagThreshold);
    m_log.append(enabled ? QStringLiteral("autoscaler on: one more instance when a group's lag passes %1").arg(lagThreshold)
                         : QStringLiteral("autoscaler off"));
}

void DemoScenario::setSpeedFactor(double speed)
{
    m_behaviour.setSpeedFactor(speed);
    configureAutoscaler(m_autoscaler.isEnabled(), m_autoscaler.lagThreshold());
    m_log.append(QStringLiteral("speed x%1").arg(m_behaviour.speedFactor()));
}

void DemoScenario::configureAutoscaler(bool enabled, quint64 threshold)
{
    m_autoscaler.configure(enabled, threshold, m_config.autoscaleMaxInstances,
                           m_behaviour.scaledUs(m_config.autoscaleCooldownMs));
}

void DemoScenario::onLag(Service service, quint64 lag)
{
    if (m_state != DemoState::Running)
        return;
    ServiceGroup& serviceGroup = group(service);
    const double perInstance = 1e6 / double(std::max<qint64>(1, m_behaviour.processingUs(service)));
    const double arrival = m_behaviour.isOn(Fault::ProducerStopped) ? 0.0 : m_orders.effectiveRate();
    const auto decision = m_autoscaler.onLag(service, lag, serviceGroup.targetInstances(),
                                             m_behaviour.settings(service).instances, m_deadlines.nowUs(),
                                             arrival, perInstance);
    if (!decision)
        return;
    serviceGroup.setTargetInstances(decision->instances);
    m_log.append(decision->sentence);
}

DemoSnapshotPtr DemoScenario::makeSnapshot() const
{
    auto snapshot = std::make_shared<DemoSnapshot>();
    const qint64 now = m_deadlines.nowUs();
    snapshot->takenAt = QDateTime::currentDateTime();
    snapshot->state = m_state;
    snapshot->speedFactor = m_behaviour.speedFactor();
    snapshot->orderRateSetting = m_orders.rate();
    snapshot->ordersPerSecondEffective = m_orders.effectiveRate();
    snapshot->ordersCreated = m_orders.ordersCreated();
    snapshot->producerStopped = m_behaviour.isOn(Fault::ProducerStopped);
    snapshot->emailSlow = m_behaviour.isOn(Fault::EmailSlow);
    snapshot->paymentDown = m_behaviour.isOn(Fault::PaymentDown);
    snapshot->poisonOrdersInjected = m_orders.poisonOrders();
    snapshot->autoscale = m_autoscaler.isEnabled();
    snapshot->autoscaleLagThreshold = m_autoscaler.lagThreshold();
    for (Service service : kAllServices) {
        const ServiceGroup& serviceGroup = *m_groups[size_t(indexOf(service))];
        const BrokerGroupStats& stats = m_control.stats(service);
        GroupSnapshot row;
        row.service = service;
        row.group = serviceGroup.name();
        row.settings = m_behaviour.settings(service);
        row.targetInstances = serviceGroup.targetInstances();
        row.connectedInstances = serviceGroup.readyInstances();
        row.processed = serviceGroup.counters().processed;
        row.failed = serviceGroup.counters().failed;
        row.crashes = serviceGroup.counters().crashes;
        row.lag = stats.lag;
        row.lagSeconds = stats.lagSeconds;
        row.deadLetters = stats.deadLetters;
        row.brokerStatsSeen = stats.seen;
        snapshot->groups.append(row);
    }
    snapshot->paymentsCharged = quint64(m_ledger.chargedOrders());
    snapshot->paymentDuplicatesSkipped = m_ledger.duplicatesSkipped();
    snapshot->async = m_orders.metrics(now);
    snapshot->sync = m_sync.metrics(now);
    snapshot->eventLog = m_log.lines();
    return snapshot;
}

} // namespace bs::demo
