#include "broker/Broker.h"

#include "broker/core/BrokerCore.h"

namespace bs::broker {

Broker::Broker(BrokerConfig config, QObject* parent)
    : QObject(parent), m_core(std::make_unique<BrokerCore>(std::move(config), this))
{
}

Broker::~Broker() = default;

bool Broker::start(QString* error)
{
    if (!m_core->listen(error))
        return false;
    emit listening(m_core->address(), m_core->port());
    return true;
}

void Broker::stop()
{
    if (!m_core->isListening())
        return;
    m_core->shutdown();
    emit stopped();
}

bool Broker::isListening() const
{
    return m_core->port() != 0;
}

QHostAddress Broker::address() const
{
    return m_core->address();
}

quint16 Broker::port() const
{
    return m_core->port();
}

const BrokerConfig& Broker::config() const
{
    return m_core->config();
}

BrokerStats Broker::stats() const
{
    return m_core->stats();
}

BrokerCore& Broker::core()
{
    return *m_core;
}

} // namespace bs::broker
