#include "broker/net/TcpTransport.h"

#include <QTcpSocket>

#include <sys/socket.h>

namespace bs::broker {

namespace {
constexpr qint64 kReadChunkBytes = 256 * 1024;
constexpr qsizetype kWriteChunkBytes = 64 * 1024;
constexpr qsizetype kKeptBufferBytes = 256 * 1024;
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
    // The packets of this pass gather in m_out; one write per pass hands them to the
    // kernel together — or at once when a big burst (a resumed session's whole window)
    // has piled up, so it starts leaving early.
    m_out.append(bytes);
    if (m_out.size() >= kWriteChunkBytes) {
        writePending();
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
    if (m_closed || m_out.isEmpty())
        return;
    qsizetype written = 0;
    if (m_socket->bytesToWrite() == 0) {
        // Straight to the kernel (the socket is non-blocking): no copy into QTcpSocket's
        // buffer and no wait for its write notifier. Whatever the kernel does not take —
        // or an error, which QTcpSocket then meets and reports — goes through QTcpSocket.
        const ssize_t sent = ::send(int(m_socket->socketDescriptor()), m_out.constData(),
                                    size_t(m_out.size()), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (sent > 0)
            written = qsizetype(sent);
    }
    if (written < m_out.size())
        m_socket->write(m_out.constData() + written, m_out.size() - written);
    if (m_out.capacity() <= kKeptBufferBytes)
        m_out.truncate(0); // keep the allocation for the next pass
    else
        m_out.clear();
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
    return m_socket->bytesToWrite() + m_out.size();
}

QString TcpTransport::peerAddress() const
{
    return m_socket->peerAddress().toString() + u':' + QString::number(m_socket->peerPort());
}

} // namespace bs::broker
