#pragma once
// The broker's counters as atomics: written on the broker thread, read from any thread
// by Broker::stats().

#include "broker/BrokerStats.h"

#include <atomic>

namespace bs::broker {

struct Counters
{
    std::atomic<quint64> clientsConnected{0};
    std::atomic<quint64> clientsMaximum{0};
    std::atomic<quint64> sessions{0};
    std::atomic<quint64> subscriptions{0};
    std::atomic<quint64> retainedMessages{0};
    std::atomic<quint64> queuedMessages{0};
    std::atomic<quint64> messagesReceived{0};
    std::atomic<quint64> messagesSent{0};
    std::atomic<quint64> messagesDropped{0};
    std::atomic<quint64> packetsReceived{0};
    std::atomic<quint64> packetsSent{0};
    std::atomic<quint64> bytesReceived{0};
    std::atomic<quint64> bytesSent{0};

    void add(std::atomic<quint64>& counter, quint64 n = 1)
    {
        counter.fetch_add(n, std::memory_order_relaxed);
    }
    void set(std::atomic<quint64>& counter, quint64 value)
    {
        counter.store(value, std::memory_order_relaxed);
    }
};

} // namespace bs::broker
