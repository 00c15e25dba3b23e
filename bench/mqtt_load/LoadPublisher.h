#pragma once
// A publishing connection. Each message carries a LoadPayload stamp. Sending is event
// driven: pump() sends while the in-flight window (QoS>0), the socket's write queue and the
// rate budget allow, and runs again on acks, bytesWritten and a rate tick. QoS 1 waits for
// PUBACK, QoS 2 for PUBREC (answered with PUBREL) then PUBCOMP.

#include "MqttConnection.h"

#include <QElapsedTimer>
#include <QTimer>
#include <atomic>
#include <vector>

namespace bs::bench {

struct LoadOptions;

class LoadPublisher : public MqttConnection
{
    Q_OBJECT
public:
    LoadPublisher(const LoadOptions& options, quint32 index, QObject* parent = nullptr);

    /// Starts publishing (call on the owning thread, after ready()).
    Q_INVOKABLE void startPublishing();
    /// Stops publishing new messages; acknowledgements still complete.
    Q_INVOKABLE void stopPublishing();

    quint64 sent() const { return m_sent.load(std::memory_order_relaxed); }
    int inFlight() const { return m_inFlightCount.load(std::memory_order_relaxed); }
    quint64 protocolErrors() const { return m_protocolErrors.load(std::memory_order_relaxed); }

protected:
    void onSessionOpen(quint16 receiveMaximum) override;
    void onPacket(const mqtt::Frame& frame) override;
    void onWritten() override { pump(); }
    void onClosed() override { stopPublishing(); }

private:
    void pump();
    void publishOne();
    quint16 nextPacketId();
    void release(quint16 packetId);

    QString m_topic;
    quint32 m_index;
    quint8 m_qos;
    int m_rate;
    int m_window;
    QByteArray m_payload;
    QElapsedTimer m_clock;
    QTimer m_rateTick;
    bool m_publishing = false;
    quint16 m_lastPacketId = 0;
    std::vector<quint8> m_packetIdState; ///< 0 free, 1 awaiting PUBACK/PUBREC, 2 awaiting PUBCOMP
    std::atomic<quint64> m_sent{0};
    std::atomic<int> m_inFlightCount{0};
    std::atomic<quint64> m_protocolErrors{0};
};

} // namespace bs::bench
