#include "demo/DemoRunner.h"

#include "demo/DemoScenario.h"

namespace bs::demo {

DemoRunner::DemoRunner(DemoConfig config, QObject* parent) : QObject(parent), m_config(std::move(config))
{
    m_thread.setObjectName(QStringLiteral("demo-scenario"));
    m_thread.start();
    makeScenario();
}

DemoRunner::~DemoRunner()
{
    // The scenario stops first (its clients leave the broker), then the worker's loop ends
    // from inside, so both run in order; finished() deletes the scenario on its thread.
    post([](DemoScenario& scenario) {
        scenario.stop();
        QThread::currentThread()->quit();
    });
    m_thread.wait();
}

void DemoRunner::setBroker(const QString& host, quint16 port)
{
    if (host == m_config.host && port == m_config.port)
        return;
    m_config.host = host;
    m_config.port = port;
    retireScenario();
    makeScenario();
}

void DemoRunner::makeScenario()
{
    m_scenario = new DemoScenario(m_config);
    m_scenario->moveToThread(&m_thread);
    connect(&m_thread, &QThread::finished, m_scenario, &QObject::deleteLater);
    // Signals a retired scenario queued before it was disconnected must not reach the
    // pages: each connection knows the generation it belongs to.
    const quint64 generation = ++m_generation;
    connect(m_scenario, &DemoScenario::snapshot, this, [this, generation](const DemoSnapshotPtr& snapshot) {
        if (generation == m_generation)
            onSnapshot(snapshot);
    });
    connect(m_scenario, &DemoScenario::stateChanged, this, [this, generation](DemoState state) {
        if (generation != m_generation)
            return;
        m_state = state;
        emit stateChanged(state);
    });
    connect(m_scenario, &DemoScenario::eventLogged, this, [this, generation](const QString& line) {
        if (generation == m_generation)
            emit eventLogged(line);
    });
    connect(m_scenario, &DemoScenario::failed, this, [this, generation](const QString& error) {
        if (generation == m_generation)
            emit failed(error);
    });
    m_state = DemoState::Idle;
    m_latest.reset();
    // The pages draw the idle picture (six groups, knobs as set) before anything starts.
    post([](DemoScenario& scenario) { emit scenario.snapshot(scenario.makeSnapshot()); });
}

void DemoRunner::retireScenario()
{
    disconnect(m_scenario, nullptr, this, nullptr);
    post([](DemoScenario& scenario) {
        scenario.stop();
        scenario.deleteLater();
    });
    m_scenario = nullptr;
}

template<typename Call>
void DemoRunner::post(Call call)
{
    DemoScenario* const scenario = m_scenario;
    QMetaObject::invokeMethod(scenario, [scenario, call] { call(*scenario); }, Qt::QueuedConnection);
}

void DemoRunner::onSnapshot(const DemoSnapshotPtr& snapshot)
{
    m_latest = snapshot;
    emit snapshotChanged(snapshot);
}

void DemoRunner::start()
{
    post([](DemoScenario& scenario) { scenario.start(); });
}

void DemoRunner::stop()
{
    post([](DemoScenario& scenario) { scenario.stop(); });
}

void DemoRunner::reset()
{
    post([](DemoScenario& scenario) { scenario.reset(); });
}

void DemoRunner::setOrderRate(double perSecond)
{
    post([perSecond](DemoScenario& scenario) { scenario.setOrderRate(perSecond); });
}

void DemoRunner::setInstances(Service service, int instances)
{
    post([service, instances](DemoScenario& scenario) { scenario.setInstances(service, instances); });
}

void DemoRunner::setProcessingMs(Service service, int milliseconds)
{
    post([service, milliseconds](DemoScenario& scenario) { scenario.setProcessingMs(service, milliseconds); });
}

void DemoRunner::setFailureRate(Service service, double rate)
{
    post([service, rate](DemoScenario& scenario) { scenario.setFailureRate(service, rate); });
}

void DemoRunner::setFault(Fault fault, bool on)
{
    post([fault, on](DemoScenario& scenario) { scenario.setFault(fault, on); });
}

void DemoRunner::crashInstance(Service service)
{
    post([service](DemoScenario& scenario) { scenario.crashInstance(service); });
}

void DemoRunner::setAutoscale(bool enabled, quint64 lagThreshold)
{
    post([enabled, lagThreshold](DemoScenario& scenario) { scenario.setAutoscale(enabled, lagThreshold); });
}

void DemoRunner::setSpeedFactor(double speed)
{
    post([speed](DemoScenario& scenario) { scenario.setSpeedFactor(speed); });
}

} // namespace bs::demo
