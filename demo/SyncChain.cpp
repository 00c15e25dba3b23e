#include "demo/SyncChain.h"

#include "demo/ServiceBehaviour.h"

namespace bs::demo {

SyncChain::SyncChain(const DemoConfig& config, ServiceBehaviour& behaviour, DeadlineQueue& deadlines)
    : m_config(config), m_behaviour(behaviour), m_deadlines(deadlines), m_latency(config.metricsWindowMs)
{
}

void SyncChain::submit(bool poison)
{
    const quint64 key = m_nextKey++;
    m_orders.emplace(key, Order{m_deadlines.nowUs(), 0, poison, {}});
    call(key);
}

void SyncChain::abandonAll()
{
    for (const auto& [key, order] : m_orders)
        m_deadlines.cancel(order.timeout);
    m_orders.clear();
    m_lanes = {};
    ++m_generation; // answers and restarts already scheduled belong to the old lanes
}

void SyncChain::call(quint64 key)
{
    Order& order = m_orders[key];
    const Service service = kAllServices[size_t(order.step)];
    if (m_behaviour.isDown(service))
        return finish(key, false); // connection refused: the customer gets an error at once
    order.timeout = m_deadlines.scheduleIn(m_behaviour.scaledUs(m_config.syncCallTimeoutMs),
                                           [this, key] { finish(key, false); });
    lane(service).waiting.push_back(key);
    pump(service);
}

void SyncChain::pump(Service service)
{
    Lane& serviceLane = lane(service);
    const int capacity = m_behaviour.settings(service).instances; // 0: nobody answers, calls time out
    while (serviceLane.busy < capacity && !serviceLane.waiting.empty()) {
        const quint64 key = serviceLane.waiting.front();
        serviceLane.waiting.pop_front();
        const auto order = m_orders.find(key);
        if (order == m_orders.end())
            continue; // the caller gave up (timed out) while it waited
        ++serviceLane.busy;
        const quint64 generation = m_generation;
        if (order->second.poison) {
            // The instance crashes on it: no answer (the call times out), and the slot is
            // gone until the instance has restarted.
            m_deadlines.scheduleIn(m_behaviour.scaledUs(m_config.restartDelayMs), [this, service, generation] {
                if (generation == m_generation)
                    freeSlot(service);
            });
            continue;
        }
        m_deadlines.scheduleIn(m_behaviour.processingUs(service), [this, key, service, generation] {
            if (generation == m_generation)
                answered(key, service);
        });
    }
}

void SyncChain::freeSlot(Service service)
{
    --lane(service).busy;
    pump(service);
}

void SyncChain::answered(quint64 key, Service service)
{
    const auto it = m_orders.find(key);
    if (it != m_orders.end()) { // else: timed out meanwhile, the work was for nothing
        m_deadlines.cancel(it->second.timeout);
        it->second.timeout = {};
        if (m_behaviour.failsNow(service)) {
            finish(key, false);
        } else if (++it->second.step == kServiceCount) {
            finish(key, true);
        } else {
            call(key);
        }
    }
    freeSlot(service);
}

void SyncChain::finish(quint64 key, bool succeeded)
{
    const auto it = m_orders.find(key);
    if (it == m_orders.end())
        return;
    m_deadlines.cancel(it->second.timeout);
    const qint64 now = m_deadlines.nowUs();
    m_latency.record(now, now - it->second.createdUs, succeeded);
    m_orders.erase(it);
}

} // namespace bs::demo
