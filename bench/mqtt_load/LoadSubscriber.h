#pragma once
// A subscribing connection: SUBSCRIBE <prefix>/# (or $share/<group>/<prefix>/#) at the run's
// QoS, then count every PUBLISH. Per publisher it keeps one saturating counter per sequence
// number (for loss and duplicates) and one latency sample per message. Those containers are
// read only after the worker thread has finished.

#include "MqttConnection.h"

#include <atomic>
#include <vector>

namespace bs::bench {

struct LoadOptions;

class LoadSubscriber : public MqttConnection
{
    Q_OBJECT
public:
    LoadSubscriber(const LoadOptions& options, quint32 index, QObject* parent = nullptr);

    quint64 received() const { return m_received.load(std::memory_order_relaxed); }
    quint64 protocolErrors() const { return m_protocolErrors.load(std::memory_order_relaxed); }

    /// seenCounts()[publisher][sequence]: deliveries of that message (saturates at 255).
    const std::vector<std::vector<quint8>>& seenCounts() const { return m_seen; }
    const std::vector<qint64>& latenciesNs() const { return m_latenciesNs; }
    quint64 foreignMessages() const { return m_foreign; }

protected:
    void onSessionOpen(quint16 receiveMaximum) override;
    void onPacket(const mqtt::Frame& frame) override;

private:
    void handlePublish(const mqtt::Frame& frame);
    void record(const QByteArray& payload);

    QString m_filter;
    quint8 m_qos;
    int m_publisherCount;
    std::vector<std::vector<quint8>> m_seen;
    std::vector<qint64> m_latenciesNs;
    std::vector<quint8> m_awaitingRelease; ///< QoS 2 inbound: PUBREC sent, PUBREL pending
    quint64 m_foreign = 0;                 ///< payloads without a valid stamp
    std::atomic<quint64> m_received{0};
    std::atomic<quint64> m_protocolErrors{0};
};

} // namespace bs::bench
