#include "broker/net/TcpTransport.h"

#include <QHostAddress>

#include <cerrno>
#include <fcntl.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

namespace bs::broker {

namespace {
constexpr qsizetype kReadBlockBytes = 64 * 1024;
constexpr qsizetype kReadPerWakeBytes = 256 * 1024;
constexpr qsizetype kWriteChunkBytes = 64 * 1024;
constexpr qsizetype kKeptBufferBytes = 256 * 1024;
constexpr int kCloseTimeoutMs = 5000;
constexpr qint64 kHighWaterBytes = 1024 * 1024;
constexpr qint64 kLowWaterBytes = 256 * 1024;

/// One read buffer for every connection of the thread: a block is copied out of it,
/// sized to what arrived, before the next recv().
QByteArray& readScratch()
{
    thread_local QByteArray scratch(kReadBlockBytes, Qt::Uninitialized);
    return scratch;
}

QString describePeer(int descriptor)
{
    sockaddr_storage address{};
    socklen_t length = sizeof(address);
    if (::getpeername(descriptor, reinterpret_cast<sockaddr*>(&address), &length) != 0)
        return QStringLiteral("unknown");
    const QHostAddress host(reinterpret_cast<const sockaddr*>(&address));
    quint16 port = 0;
    if (address.ss_family == AF_INET)
        port = ntohs(reinterpret_cast<const sockaddr_in*>(&address)->sin_port);
    else if (address.ss_family == AF_INET6)
        port = ntohs(reinterpret_cast<const sockaddr_in6*>(&address)->sin6_port);
    return host.toString() + u':' + QString::number(port);
}
} // namespace

TcpTransport::TcpTransport(qintptr descriptor, QObject* parent)
    : Transport(parent),
      m_descriptor(int(descriptor)),
      m_readNotifier(descriptor, QSocketNotifier::Read),
      m_writeNotifier(descriptor, QSocketNotifier::Write),
      m_peer(describePeer(int(descriptor)))
{
    ::fcntl(m_descriptor, F_SETFL, ::fcntl(m_descriptor, F_GETFL) | O_NONBLOCK);
    const int on = 1;
    ::setsockopt(m_descriptor, IPPROTO_TCP, TCP_NODELAY, &on, sizeof(on));
    m_writeNotifier.setEnabled(false);
    connect(&m_readNotifier, &QSocketNotifier::activated, this, &TcpTransport::readAvailable);
    connect(&m_writeNotifier, &QSocketNotifier::activated, this, [this] {
        if (flush())
            noteBacklog();
    });
    m_closeTimeout.setSingleShot(true);
    connect(&m_closeTimeout, &QTimer::timeout, this, &TcpTransport::finishClose);
}

TcpTransport::~TcpTransport()
{
    m_readNotifier.setEnabled(false);
    m_writeNotifier.setEnabled(false);
    if (m_descriptor >= 0)
        ::close(m_descriptor);
}

void TcpTransport::readAvailable()
{
    QByteArray& scratch = readScratch();
    // Stops early when what it read closed the connection or paused reading (flow control).
    for (qsizetype taken = 0; taken < kReadPerWakeBytes && !m_readingPaused && !m_closing && !m_closed;) {
        const ssize_t n = ::recv(m_descriptor, scratch.data(), size_t(scratch.size()), MSG_DONTWAIT);
        if (n > 0) {
            taken += n;
            emit received(QByteArray(scratch.constData(), qsizetype(n)));
            if (n < scratch.size())
                return; // drained: the notifier says when more comes
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK))
            return;
        finishClose(); // 0: the peer closed; < 0: the connection failed
        return;
    }
}

void TcpTransport::send(const QByteArray& bytes)
{
    if (m_closed || m_closing)
        return;
    // The packets of this pass gather in m_out; one send per pass hands them to the kernel
    // together — or at once when a big burst (a resumed session's whole window) has piled
    // up, so it starts leaving early.
    m_out.append(bytes);
    if (pendingBytes() >= kWriteChunkBytes && !m_writeNotifier.isEnabled()) {
        if (!flush())
            return; // failed: closed
    } else if (!m_writeScheduled) {
        m_writeScheduled = true;
        QMetaObject::invokeMethod(this, &TcpTransport::writePending, Qt::QueuedConnection);
    }
    noteBacklog();
}

void TcpTransport::writePending()
{
    m_writeScheduled = false;
    if (!m_closed && !m_writeNotifier.isEnabled() && flush()) // else the write notifier
        noteBacklog();                                           // flushes once there is room
}

void TcpTransport::noteBacklog()
{
    const qint64 pending = pendingBytes();
    if (!m_congested && pending > kHighWaterBytes) {
        m_congested = true;
        emit congestionChanged(true);
    } else if (m_congested && pending < kLowWaterBytes) {
        m_congested = false;
        emit congestionChanged(false);
    }
}

void TcpTransport::setReadingPaused(bool paused)
{
    m_readingPaused = paused;
    m_readNotifier.setEnabled(!paused && !m_closing && !m_closed);
}

bool TcpTransport::flush()
{
    while (m_outOffset < m_out.size()) {
        const ssize_t n = ::send(m_descriptor, m_out.constData() + m_outOffset,
                                 size_t(m_out.size() - m_outOffset), MSG_NOSIGNAL | MSG_DONTWAIT);
        if (n > 0) {
            m_outOffset += n;
            m_bytesWritten += quint64(n);
            continue;
        }
        if (n < 0 && errno == EINTR)
            continue;
        if (n < 0 && (errno == EAGAIN || errno == EWOULDBLOCK)) {
            m_writeNotifier.setEnabled(true);
            if (m_outOffset > kKeptBufferBytes) { // drop what left, keep what waits
                m_out.remove(0, m_outOffset);
                m_outOffset = 0;
            }
            return true;
        }
        finishClose();
        return false;
    }
    m_writeNotifier.setEnabled(false);
    m_outOffset = 0;
    if (m_out.capacity() <= kKeptBufferBytes)
        m_out.truncate(0); // keep the allocation for the next pass
    else
        m_out.clear();
    if (m_closing)
        finishClose();
    return true;
}

void TcpTransport::close()
{
    if (m_closed || m_closing)
        return;
    m_closing = true;
    m_readNotifier.setEnabled(false);
    if (flush() && !m_closed) // flush() closes once everything is out
        m_closeTimeout.start(kCloseTimeoutMs);
}

void TcpTransport::finishClose()
{
    if (m_closed)
        return;
    m_closed = true;
    m_closeTimeout.stop();
    m_readNotifier.setEnabled(false);
    m_writeNotifier.setEnabled(false);
    ::close(m_descriptor);
    m_descriptor = -1;
    m_out.clear();
    m_outOffset = 0;
    if (m_congested) {
        m_congested = false;
        emit congestionChanged(false);
    }
    emit closed();
}

qint64 TcpTransport::pendingBytes() const
{
    return m_out.size() - m_outOffset;
}

QString TcpTransport::peerAddress() const
{
    return m_peer;
}

} // namespace bs::broker
