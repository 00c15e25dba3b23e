#include "raw/RawClient.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QHostAddress>
#include <QTimer>
#include <algorithm>

namespace bs::raw {

RawClient::RawClient(quint16 port, int version, QObject* parent)
    : QObject(parent), m_port(port), m_builder(version)
{
    connect(&m_socket, &QTcpSocket::readyRead, this, &RawClient::drainSocket);
    connect(&m_socket, &QTcpSocket::disconnected, this, [this] {
        drainSocket();
        m_closedByPeer = true;
    });
    connect(&m_socket, &QTcpSocket::errorOccurred, this, [this](QAbstractSocket::SocketError error) {
        if (error == QAbstractSocket::RemoteHostClosedError)
            drainSocket();
    });
}

RawClient::~RawClient()
{
    m_socket.abort();
}

bool RawClient::open(int timeoutMs)
{
    m_socket.connectToHost(QHostAddress::LocalHost, m_port);
    return waitUntil([this] {
        return m_socket.state() == QAbstractSocket::ConnectedState
               || m_socket.state() == QAbstractSocket::UnconnectedState;
    }, timeoutMs) && m_socket.state() == QAbstractSocket::ConnectedState;
}

void RawClient::abort()
{
    m_socket.abort();
}

bool RawClient::send(const QByteArray& bytes)
{
    if (m_socket.state() != QAbstractSocket::ConnectedState)
        return false;
    const qint64 written = m_socket.write(bytes);
    m_socket.flush();
    return written == bytes.size();
}

std::optional<Packet> RawClient::readPacket(int timeoutMs)
{
    Packet packet;
    DecodeStatus status = DecodeStatus::NeedMoreData;
    waitUntil([&] {
        status = decodePacket(m_buffer, version(), &packet);
        return status != DecodeStatus::NeedMoreData || !isConnected();
    }, timeoutMs);
    if (status == DecodeStatus::NeedMoreData)
        return std::nullopt;
    return packet;
}

bool RawClient::waitClosed(int timeoutMs)
{
    return waitUntil([this] { return !isConnected(); }, timeoutMs);
}

bool RawClient::isConnected() const
{
    return !m_closedByPeer && m_socket.state() == QAbstractSocket::ConnectedState;
}

bool RawClient::waitUntil(const std::function<bool()>& done, int timeoutMs)
{
    const QDeadlineTimer deadline(timeoutMs);
    while (!done()) {
        if (deadline.hasExpired())
            return false;
        QEventLoop loop;
        QTimer timer;
        timer.setSingleShot(true);
        connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
        connect(&m_socket, &QTcpSocket::readyRead, &loop, &QEventLoop::quit);
        connect(&m_socket, &QTcpSocket::stateChanged, &loop, &QEventLoop::quit);
        connect(&m_socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
        // Other sockets and processes make progress too while this loop runs; wake up now
        // and then to re-check conditions that do not depend on this socket.
        timer.start(std::clamp<qint64>(deadline.remainingTime(), 0, 50));
        loop.exec();
    }
    return true;
}

void RawClient::drainSocket()
{
    if (m_socket.isOpen())
        m_buffer.append(m_socket.readAll());
}

} // namespace bs::raw
