#pragma once
// The seam between the protocol and the network: a ClientConnection reads and writes
// bytes through a Transport, so the protocol can be driven without sockets.

#include <QByteArray>
#include <QObject>
#include <QString>

namespace bs::broker {

class Transport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~Transport() override = default;

    virtual void send(const QByteArray& bytes) = 0;
    /// Flushes what was sent, then closes; closed() follows.
    virtual void close() = 0;
    /// Bytes written but not yet handed to the network.
    virtual qint64 pendingBytes() const = 0;
    virtual QString peerAddress() const = 0;
    /// Bytes handed to the network so far (progress, for flow control).
    virtual quint64 bytesWritten() const { return 0; }
    /// Stops (or resumes) reading: the peer is slowed down by the network's flow control.
    virtual void setReadingPaused(bool paused) { Q_UNUSED(paused); }

signals:
    void received(const QByteArray& bytes);
    void closed();
    /// The unsent output passed the high-water mark (true) or fell back below the low one.
    void congestionChanged(bool congested);
};

} // namespace bs::broker
