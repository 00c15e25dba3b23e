#include "broker/net/TcpTransport.h"

#include <QTcpSocket>

namespace bs::broker {

TcpTransport::TcpTransport(QTcpSocket* socket, QObject* parent)
    : Transport(parent), m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    connect(m_socket, &QTcpSocket::readyRead, this, &TcpTransport::readAvailable);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] {
        if (!m_closed) {
            m_closed = true;
            emit closed();
        }
    });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError) {
        if (m_socket->state() == QAbstractSocket::UnconnectedState && !m_closed) {
            m_closed = true;
            emit closed();
        }
    });
}

void TcpTransport::readAvailable()
{
    const QByteArray bytes = m_socket->readAll();
    if (!bytes.isEmpty() && !m_closed)
        emit received(bytes);
}

void TcpTransport::send(const QByteArray& bytes)
{
    if (m_closed)
        return;
    m_pending.append(bytes);
    if (!m_writeScheduled) {
        m_writeScheduled = true;
        QMetaObject::invokeMethod(this, &TcpTransport::writePending, Qt::QueuedConnection);
    }
}

void TcpTransport::writePending()
{
    m_writeScheduled = false;
    if (m_pending.isEmpty() || m_closed)
        return;
    m_socket->write(m_pending);
    m_pending.clear();
}

void TcpTransport::close()
{
    if (m_closed)
        return;
    writePending();
    m_socket->disconnectFromHost(); // flushes, then emits disconnected()
    if (m_socket->state() == QAbstractSocket::UnconnectedState && !m_closed) {
        m_closed = true;
        emit closed();
    }
}

qint64 TcpTransport::pendingBytes() const
{
    return m_socket->bytesToWrite() + m_pending.size();
}

QString TcpTransport::peerAddress() const
{
    return m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
}

} // namespace bs::broker
