#include "demo/ServiceBehaviour.h"

#include <algorithm>
#include <cmath>

namespace bs::demo {

ServiceBehaviour::ServiceBehaviour(const DemoConfig& config)
{
    reset(config);
}

void ServiceBehaviour::reset(const DemoConfig& config)
{
    m_settings = config.services;
    setSpeedFactor(config.speedFactor);
    m_emailSlowFactor = std::max(1, config.emailSlowFactor);
    m_emailSlow = m_paymentDown = m_producerStopped = false;
    m_random.seed(config.randomSeed);
}

void ServiceBehaviour::setSpeedFactor(double speed)
{
    m_speed = std::clamp(speed, 0.01, 1000.0);
}

qint64 ServiceBehaviour::scaledUs(double lessonMs) const
{
    return std::max<qint64>(1, qint64(std::llround(lessonMs * 1000.0 / m_speed)));
}

bool ServiceBehaviour::isOn(Fault fault) const
{
    switch (fault) {
    case Fault::EmailSlow: return m_emailSlow;
    case Fault::PaymentDown: return m_paymentDown;
    case Fault::ProducerStopped: return m_producerStopped;
    case Fault::PoisonOrder: return false; // an action, not a state
    }
    return false;
}

void ServiceBehaviour::set(Fault fault, bool on)
{
    switch (fault) {
    case Fault::EmailSlow: m_emailSlow = on; return;
    case Fault::PaymentDown: m_paymentDown = on; return;
    case Fault::ProducerStopped: m_producerStopped = on; return;
    case Fault::PoisonOrder: return;
    }
}

qint64 ServiceBehaviour::processingUs(Service service) const
{
    const double factor = service == Service::Email && m_emailSlow ? m_emailSlowFactor : 1;
    return scaledUs(settings(service).processingMs * factor);
}

bool ServiceBehaviour::isDown(Service service) const
{
    return service == Service::Payment && m_paymentDown;
}

bool ServiceBehaviour::failsNow(Service service)
{
    const double rate = settings(service).failureRate;
    return rate > 0.0 && m_random.generateDouble() < rate;
}

} // namespace bs::demo
