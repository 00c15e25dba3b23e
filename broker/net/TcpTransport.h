#pragma once
// TcpTransport: one accepted TCP connection, driven straight through its descriptor.
//
// QTcpSocket costs a broker more than the network does: an ioctl(FIONREAD) before every
// read, a copy into its ring buffer and another out of it, a write buffer of its own. Here
// a read notifier recv()s into one reused buffer and hands each block on (one copy, sized
// to what arrived); the packets of one event-loop pass gather in m_out and leave with one
// send(); only what the kernel refuses waits, for the write notifier.
//
// Fairness: one read notification takes at most kReadPerWakeBytes, so a flooding publisher
// cannot starve the others; the rest waits in the kernel, and TCP slows the publisher down
// instead of the broker buffering without bound.
//
// Flow control: when the unsent output passes kHighWaterBytes the transport says it is
// congested (and again when it is below kLowWaterBytes); the broker then pauses reading
// from the other connections (IntakeThrottle).
//
// close() flushes what is pending (waiting for the socket to take it, at most
// kCloseTimeoutMs), then closes; closed() is emitted once, for either end closing.

#include "broker/net/Transport.h"

#include <QByteArray>
#include <QSocketNotifier>
#include <QTimer>

namespace bs::broker {

class TcpTransport final : public Transport
{
    Q_OBJECT
public:
    /// Takes ownership of a connected socket descriptor (as accepted by the server).
    explicit TcpTransport(qintptr descriptor, QObject* parent = nullptr);
    ~TcpTransport() override;

    void send(const QByteArray& bytes) override;
    void close() override;
    qint64 pendingBytes() const override;
    QString peerAddress() const override;
    void setReadingPaused(bool paused) override;
    quint64 bytesWritten() const override { return m_bytesWritten; }

private:
    void noteBacklog();
    void readAvailable();
    void writePending();
    /// Sends what the kernel takes; false when the connection failed (then it is closed).
    bool flush();
    void finishClose();

    int m_descriptor;
    QSocketNotifier m_readNotifier;
    QSocketNotifier m_writeNotifier;
    QTimer m_closeTimeout;
    QByteArray m_out;          ///< Packets not yet taken by the kernel...
    qsizetype m_outOffset = 0; ///< ...from this position on.
    quint64 m_bytesWritten = 0;
    QString m_peer;
    bool m_writeScheduled = false;
    bool m_readingPaused = false;
    bool m_congested = false;
    bool m_closing = false;
    bool m_closed = false;
};

} // namespace bs::broker
