#pragma once

#include "broker/net/Transport.h"

#include <QByteArray>

class QTcpSocket;

namespace bs::broker {

class TcpTransport final : public Transport
{
    Q_OBJECT
public:
    /// Takes ownership of a connected socket.
    explicit TcpTransport(QTcpSocket* socket, QObject* parent = nullptr);

    void send(const QByteArray& bytes) override;
    void close() override;
    qint64 pendingBytes() const override;
    QString peerAddress() const override;

private:
    void readAvailable();
    void writePending();

    QTcpSocket* m_socket;
    /// Packets sent during this pass of the event loop, written as one block: Qt writes
    /// one block per write notification, so a block per packet starves a subscriber's
    /// socket while publishers' input keeps arriving.
    QByteArray m_out;
    bool m_writeScheduled = false;
    bool m_closed = false;
};

} // namespace bs::broker
