#pragma once
// DemoRunner: the GUI thread's handle on a DemoScenario that runs on a worker thread.
//
// The runner owns a QThread and one DemoScenario moved to it. Every knob call is forwarded
// as a queued invocation on the scenario's thread (nothing here waits for it); the
// scenario's snapshot(), eventLogged(), stateChanged() and failed() arrive back on the
// runner's thread as queued signals and are re-emitted from here, after the runner has kept
// the latest snapshot and state for pages that appear later.
//
// The scenario's config (DemoConfig) is fixed when it is made. setBroker() with another
// address replaces the scenario by a fresh one for that address (the old one stops and is
// deleted on the worker thread) — call it before start(), e.g. when the embedded broker has
// told its port. The destructor stops the scenario, ends the worker's event loop and joins
// the thread (the only place anything here waits).

#include "demo/DemoSnapshot.h"

#include <QObject>
#include <QThread>

namespace bs::demo {

class DemoScenario;

class DemoRunner : public QObject
{
    Q_OBJECT
public:
    explicit DemoRunner(DemoConfig config = {}, QObject* parent = nullptr);
    ~DemoRunner() override;

    /// The settings the scenario was made with (and returns to on a reset).
    const DemoConfig& config() const { return m_config; }
    /// The last state the scenario reported.
    DemoState state() const { return m_state; }
    /// The latest snapshot (one is asked for as soon as the scenario exists; never null
    /// after that first answer, null before).
    DemoSnapshotPtr latestSnapshot() const { return m_latest; }

    /// Points the demo at a broker. A different address replaces the scenario (everything
    /// as at the start); the same address changes nothing.
    void setBroker(const QString& host, quint16 port);

public slots:
    void start();
    void stop();
    void reset();

    void setOrderRate(double perSecond);
    void setInstances(bs::demo::Service service, int instances);
    void setProcessingMs(bs::demo::Service service, int milliseconds);
    void setFailureRate(bs::demo::Service service, double rate);
    void setFault(bs::demo::Fault fault, bool on);
    void crashInstance(bs::demo::Service service);
    void setAutoscale(bool enabled, quint64 lagThreshold);
    void setSpeedFactor(double speed);

signals:
    void stateChanged(bs::demo::DemoState state);
    void snapshotChanged(std::shared_ptr<const bs::demo::DemoSnapshot> snapshot);
    void eventLogged(const QString& line);
    /// The broker cannot be reached or went away (the scenario is Idle then).
    void failed(const QString& error);

private:
    void makeScenario();
    void retireScenario();
    /// Runs call(scenario) on the scenario's thread, later.
    template<typename Call>
    void post(Call call);
    void onSnapshot(const DemoSnapshotPtr& snapshot);

    DemoConfig m_config;
    QThread m_thread;
    DemoScenario* m_scenario = nullptr; ///< Lives on m_thread; deleted there.
    quint64 m_generation = 0;           ///< Counts the scenarios made; only the last one's signals count.
    DemoSnapshotPtr m_latest;
    DemoState m_state = DemoState::Idle;
};

} // namespace bs::demo
