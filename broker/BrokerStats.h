#pragma once
// Counters the broker exposes to its owner. Broker::stats() returns a consistent-enough
// snapshot that may be read from any thread.

#include <QtGlobal>

namespace bs::broker {

struct BrokerStats
{
    quint64 clientsConnected = 0;
    quint64 clientsMaximum = 0;   ///< Highest number connected at once.
    quint64 sessions = 0;         ///< Connected plus disconnected persistent sessions.
    quint64 subscriptions = 0;
    quint64 retainedMessages = 0;
    quint64 queuedMessages = 0;   ///< Waiting in session queues.
    quint64 messagesReceived = 0; ///< PUBLISH packets received.
    quint64 messagesSent = 0;     ///< PUBLISH packets sent.
    quint64 messagesDropped = 0;  ///< Not delivered: queue full, too large for the client, expired.
    quint64 packetsReceived = 0; ///< Control packets of any type.
    quint64 packetsSent = 0;
    quint64 bytesReceived = 0;
    quint64 bytesSent = 0;
    qint64 uptimeSeconds = 0;
};

} // namespace bs::broker
