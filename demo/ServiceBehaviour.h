#pragma once
// How the simulated services behave right now: the teacher's knobs (instances, processing
// time, failure rate per service), the fault switches and the speed factor. The consumer
// instances (asynchronous) and the synchronous chain both ask it, so both ways of handling
// an order see exactly the same services. Failure rolls use the scenario's own seeded
// generator (no global state).

#include "demo/DemoConfig.h"

#include <QRandomGenerator>

namespace bs::demo {

class ServiceBehaviour
{
public:
    explicit ServiceBehaviour(const DemoConfig& config);

    /// Back to the config's knobs, faults off; the generator starts over.
    void reset(const DemoConfig& config);

    const ServiceSettings& settings(Service service) const { return m_settings[size_t(indexOf(service))]; }
    ServiceSettings& settings(Service service) { return m_settings[size_t(indexOf(service))]; }

    double speedFactor() const { return m_speed; }
    void setSpeedFactor(double speed);
    /// Lesson milliseconds to wall-clock microseconds (at least 1).
    qint64 scaledUs(double lessonMs) const;

    bool isOn(Fault fault) const;
    void set(Fault fault, bool on);

    /// Wall-clock time one order takes the service now (email slow included).
    qint64 processingUs(Service service) const;
    /// The service cannot take any order now (payment down).
    bool isDown(Service service) const;
    /// Rolls the service's failure rate for one order.
    bool failsNow(Service service);

    QRandomGenerator& random() { return m_random; }

private:
    std::array<ServiceSettings, kServiceCount> m_settings;
    double m_speed = 1.0;
    int m_emailSlowFactor = 50;
    bool m_emailSlow = false;
    bool m_paymentDown = false;
    bool m_producerStopped = false;
    QRandomGenerator m_random;
};

} // namespace bs::demo
