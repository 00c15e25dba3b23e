#include "broker/net/TcpTransport.h"

#include <QTcpSocket>

namespace bs::broker {

namespace {
constexpr qint64 kReadChunkBytes = 256 * 1024;
constexpr qsizetype kWriteChunkBytes = 64 * 1024;
} // namespace

TcpTransport::TcpTransport(QTcpSocket* socket, QObject* parent)
    : Transport(parent), m_socket(socket)
{
    m_socket->setParent(this);
    m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    // Fairness: a flooding publisher is read a bounded amount per event-loop pass, so
    // writes to subscribers get their turn; the rest waits in the kernel, and TCP slows
    // the publisher down instead of the broker buffering without bound.
    m_socket->setReadBufferSize(kReadChunkBytes);
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
    // QTcpSocket's write buffer gathers the packets of this pass; one flush() per pass
    // hands them to the kernel together — or at once when a big burst (a resumed
    // session's whole window) has piled up, so it starts leaving early.
    m_socket->write(bytes);
    if (m_socket->bytesToWrite() >= kWriteChunkBytes) {
        m_socket->flush();
        return;
    }
    if (!m_writeScheduled) {
        m_writeScheduled = true;
        QMetaObject::invokeMethod(this, &TcpTransport::writePending, Qt::QueuedConnection);
    }
}

void TcpTransport::writePending()
{
    m_writeScheduled = false;
    if (!m_closed)
        m_socket->flush(); // straight to the kernel, without waiting for the write notifier
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
    return m_socket->bytesToWrite();
}

QString TcpTransport::peerAddress() const
{
    return m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
}

} // namespace bs::broker
