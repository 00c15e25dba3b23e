#pragma once
// The same order stream handled synchronously: the order service "calls" inventory,
// payment, email, warehouse, analytics and loyalty in turn and answers the customer only
// when the last one has answered. Simulated in process, with the very same services
// (ServiceBehaviour: processing times, failure rates, faults):
//
//   lanes    one per service: as many calls at once as the service has instances (the
//            teacher's number), the others wait in a FIFO — a slow service backs up, and
//            a service without instances answers nobody
//   call     waits in its lane, then takes the service's processing time; a failure roll
//            or payment down (fails fast) fails the order; a poison order crashes the
//            instance that takes it (the slot is lost for the restart delay) and the call
//            hangs until its timeout
//   timeout  each call has syncCallTimeoutMs (queueing included); past it the order fails.
//            A timed-out call still waiting is dropped; one being processed finishes
//            (wasted work) and frees its slot then
//
// Latency = creation until the whole chain answered, failed or timed out. Timers run on
// a DeadlineQueue (two per call: thousands a second at the peak).

#include "demo/DeadlineQueue.h"
#include "demo/DemoTypes.h"
#include "demo/LatencyWindow.h"

#include <array>
#include <deque>
#include <unordered_map>

namespace bs::demo {

class ServiceBehaviour;

class SyncChain
{
public:
    SyncChain(const DemoConfig& config, ServiceBehaviour& behaviour, DeadlineQueue& deadlines);

    /// The customer placed an order: the chain starts calling.
    void submit(bool poison);
    /// Abandons every order in progress (stop, reset); metrics stay unless clearMetrics().
    void abandonAll();
    void clearMetrics() { m_latency.clear(); }

    qsizetype inProgress() const { return qsizetype(m_orders.size()); }
    OrderPathMetrics metrics(qint64 nowUs) const { return m_latency.metrics(nowUs, inProgress()); }

private:
    struct Order
    {
        qint64 createdUs = 0;
        int step = 0; ///< Index into kAllServices of the call in progress.
        bool poison = false;
        DeadlineQueue::Handle timeout;
    };
    struct Lane
    {
        int busy = 0;
        std::deque<quint64> waiting; ///< Order keys, oldest first.
    };

    void call(quint64 key);
    void pump(Service service);
    void answered(quint64 key, Service service);
    void finish(quint64 key, bool succeeded);
    void freeSlot(Service service);
    Lane& lane(Service service) { return m_lanes[size_t(indexOf(service))]; }

    const DemoConfig& m_config;
    ServiceBehaviour& m_behaviour;
    DeadlineQueue& m_deadlines;
    std::unordered_map<quint64, Order> m_orders;
    std::array<Lane, kServiceCount> m_lanes;
    quint64 m_nextKey = 1;
    quint64 m_generation = 0; ///< Bumped by abandonAll(): callbacks of older calls do nothing.
    LatencyWindow m_latency;
};

} // namespace bs::demo
