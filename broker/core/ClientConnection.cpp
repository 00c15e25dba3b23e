#include "broker/core/ClientConnection.h"

#include "broker/core/BrokerCore.h"
#include "broker/handlers/Handlers.h"
#include "broker/net/Transport.h"
#include "broker/protocol/Packets.h"

namespace bs::broker {

using mqtt::ReasonCode;

ClientConnection::ClientConnection(BrokerCore& core, Transport* transport)
    : QObject(&core), m_core(core), m_transport(transport),
      m_framer(core.config().maximumPacketSize), m_keepAlive(this)
{
    m_transport->setParent(this);
    connect(m_transport, &Transport::received, this, &ClientConnection::onReceived);
    connect(m_transport, &Transport::closed, this, &ClientConnection::onTransportClosed);
    m_keepAlive.setSingleShot(true);
    connect(&m_keepAlive, &QTimer::timeout, this,
            [this] { disconnect(ReasonCode::KeepAliveTimeout); });
    // §3.1.4: a client that connects but sends no CONNECT is not kept forever.
    m_keepAlive.start(30'000);
}

ClientConnection::~ClientConnection() = default;

QString ClientConnection::peerAddress() const
{
    return m_transport->peerAddress();
}

void ClientConnection::markConnected(mqtt::ProtocolVersion version, Session* session,
                                     quint16 keepAlive)
{
    m_version = version;
    m_session = session;
    m_state = State::Connected;
    m_keepAlive.stop();
    m_keepAlive.setInterval(int(keepAlive) * 1500); // §3.1.2.10: one and a half times; 0: off
    if (keepAlive > 0)
        m_keepAlive.start();
}

void ClientConnection::send(const QByteArray& packet)
{
    if (m_state == State::Closing)
        return;
    m_core.counters().add(m_core.counters().packetsSent);
    m_core.counters().add(m_core.counters().bytesSent, quint64(packet.size()));
    m_transport->send(packet);
}

qint64 ClientConnection::pendingBytes() const
{
    return m_transport->pendingBytes();
}

void ClientConnection::disconnect(ReasonCode reason)
{
    if (m_state == State::Closing)
        return;
    if (m_state == State::Connected && isV5())
        send(mqtt::encodeDisconnect(reason));
    m_state = State::Closing;
    m_keepAlive.stop();
    m_transport->close();
}

void ClientConnection::closeOnClientDisconnect(bool keepWill)
{
    m_publishWill = keepWill;
    m_state = State::Closing;
    m_keepAlive.stop();
    m_transport->close();
}

void ClientConnection::closeSilently()
{
    m_state = State::Closing;
    m_keepAlive.stop();
    m_transport->close();
}

void ClientConnection::onReceived(const QByteArray& bytes)
{
    if (m_state == State::Closing)
        return;
    m_core.counters().add(m_core.counters().bytesReceived, quint64(bytes.size()));
    m_framer.append(bytes);
    mqtt::Frame frame;
    while (m_state != State::Closing) {
        const auto status = m_framer.next(frame);
        if (status == mqtt::PacketFramer::Status::NeedMore)
            break;
        if (status == mqtt::PacketFramer::Status::Malformed) {
            disconnect(ReasonCode::MalformedPacket); // §1.5.5
            break;
        }
        if (status == mqtt::PacketFramer::Status::TooLarge) {
            disconnect(ReasonCode::PacketTooLarge); // §3.1.2.11.4
            break;
        }
        m_core.counters().add(m_core.counters().packetsReceived);
        if (m_state == State::Connected && m_keepAlive.interval() > 0)
            m_keepAlive.start();
        handlers::dispatch(m_core, *this, frame);
    }
    m_core.commitAfterRead();
}

void ClientConnection::onTransportClosed()
{
    if (m_finished)
        return;
    m_finished = true;
    m_state = State::Closing;
    m_keepAlive.stop();
    emit finished(this);
}

} // namespace bs::broker
