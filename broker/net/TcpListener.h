#pragma once
// TcpListener: a QTcpServer that hands over accepted connections as bare descriptors, for
// TcpTransport to drive itself (no QTcpSocket is made for them).

#include <QTcpServer>

namespace bs::broker {

class TcpListener final : public QTcpServer
{
    Q_OBJECT
public:
    using QTcpServer::QTcpServer;

signals:
    /// A connection was accepted; the receiver owns the descriptor.
    void accepted(qintptr descriptor);

protected:
    void incomingConnection(qintptr descriptor) override { emit accepted(descriptor); }
};

} // namespace bs::broker
