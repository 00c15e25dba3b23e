#pragma once

#include "broker/net/Transport.h"

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

    QTcpSocket* m_socket;
    bool m_closed = false;
};

} // namespace bs::broker
