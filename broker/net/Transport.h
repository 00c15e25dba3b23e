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

signals:
    void received(const QByteArray& bytes);
    void closed();
};

} // namespace bs::broker
