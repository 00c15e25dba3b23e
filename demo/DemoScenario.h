#pragma once
// DemoScenario: the "black-friday" teaching scenario of issue 7, without any GUI.
//
// start() makes the six consumer groups durable on the broker (admin API), starts their
// instances — real MQTT clients, one per instance, visible like any other client — and the
// order service, which publishes OrderCreated events at the set rate. Every order also
// goes down a simulated synchronous chain, so both architectures are measured side by
// side on the same stream (DemoSnapshot::async / ::sync).
//
// Threads: everything runs on the thread that owns this object (the console moves it to
// a worker thread; call the slots with QMetaObject::invokeMethod or queued connections).
// The UI reads snapshot() — at most every snapshotIntervalMs (250 ms) while not Idle, and
// once on every state change — and eventLogged(); nothing else crosses threads.
//
// Lifecycle:  Idle --start()--> Starting --(groups ready)--> Running --stop()--> Idle
//             any --reset()--> Resetting --(groups deleted, their dead letters purged,
//             knobs, counters, metrics and the event log back to the start)--> Idle, then
//             start() again if it was not Idle.
// stop() disconnects every demo client; the durable groups stay on the broker (and keep
// collecting orders that anyone else publishes) until a reset. failed() reports a broker
// that cannot be reached or went away (the scenario is Idle then).
//
// Knobs (any state; lesson units, see DemoConfig): setOrderRate, setInstances,
// setProcessingMs, setFailureRate, setSpeedFactor, setAutoscale; setFault switches
// EmailSlow / PaymentDown / ProducerStopped on and off, PoisonOrder(true) publishes one
// poison order; crashInstance(service) crashes one instance (see ConsumerInstance).
// Replaying dead letters is the admin API's replayDeadLetters (e.g. target group
// "payment"): the scenario's idempotent payment then charges each order once.

#include "demo/Autoscaler.h"
#include "demo/BrokerControl.h"
#include "demo/DeadlineQueue.h"
#include "demo/DemoEnvironment.h"
#include "demo/DemoSnapshot.h"
#include "demo/EventLog.h"
#include "demo/OrderService.h"
#include "demo/PaymentLedger.h"
#include "demo/ServiceBehaviour.h"
#include "demo/ServiceGroup.h"
#include "demo/SyncChain.h"

namespace bs::demo {

class DemoScenario : public QObject
{
    Q_OBJECT
public:
    explicit DemoScenario(DemoConfig config, QObject* parent = nullptr);
    ~DemoScenario() override;

    DemoState state() const { return m_state; }
    const DemoConfig& config() const { return m_config; }

    // Read on the scenario's own thread (tests); the UI uses snapshot().
    DemoSnapshotPtr makeSnapshot() const;
    const PaymentLedger& paymentLedger() const { return m_ledger; }
    /// Every order created since the last reset, poison orders left out unless asked.
    QStringList createdOrderIds(bool withPoison = false) const { return m_orders.createdOrderIds(withPoison); }
    const EventLog& eventLog() const { return m_log; }

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
    void snapshot(std::shared_ptr<const bs::demo::DemoSnapshot> snapshot);
    void eventLogged(const QString& line);
    void failed(const QString& error);

private:
    void setState(DemoState state);
    void beginRunning();
    void halt();
    void finishReset(bool startAgain);
    void onLag(Service service, quint64 lag);
    void configureAutoscaler(bool enabled, quint64 threshold);
    void publishSnapshot() { emit snapshot(makeSnapshot()); }
    ServiceGroup& group(Service service) { return *m_groups[size_t(indexOf(service))]; }

    DemoConfig m_config;
    QElapsedTimer m_clock;
    ServiceBehaviour m_behaviour;
    PaymentLedger m_ledger;
    EventLog m_log;
    DemoEnvironment m_environment;
    DeadlineQueue m_deadlines;
    SyncChain m_sync;
    OrderService m_orders;
    BrokerControl m_control;
    std::array<std::unique_ptr<ServiceGroup>, kServiceCount> m_groups;
    Autoscaler m_autoscaler;
    QTimer m_snapshotTimer;
    DemoState m_state = DemoState::Idle;
    quint32 m_run = 1;
};

} // namespace bs::demo
