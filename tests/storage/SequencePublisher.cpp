#include "SequencePublisher.h"

#include "raw/PacketDecoder.h"

#include <QHostAddress>

using namespace Qt::StringLiterals;
using bs::raw::Packet;
using bs::raw::PacketType;

SequencePublisher::SequencePublisher(QString name, int version, int window, QObject* parent)
    : QObject(parent), m_name(std::move(name)), m_window(window), m_builder(version)
{
    connect(&m_socket, &QTcpSocket::connected, this, &SequencePublisher::onConnected);
    connect(&m_socket, &QTcpSocket::readyRead, this, &SequencePublisher::onReadyRead);
    connect(&m_socket, &QTcpSocket::disconnected, this, &SequencePublisher::onDisconnected);
}

void SequencePublisher::connectTo(quint16 port)
{
    onReadyRead(); // PUBACKs that arrived before the drop still count
    m_socket.abort();
    onDisconnected();
    m_buffer.clear();
    m_socket.connectToHost(QHostAddress::LocalHost, port);
}

void SequencePublisher::stopSending()
{
    m_sending = false;
}

void SequencePublisher::disconnectCleanly()
{
    if (m_socket.state() == QAbstractSocket::ConnectedState) {
        m_socket.write(m_builder.disconnect());
        m_socket.flush();
    }
    m_socket.disconnectFromHost();
}

int SequencePublisher::sequenceOf(const QByteArray& payload) const
{
    const QByteArray prefix = m_name.toUtf8() + ':';
    if (!payload.startsWith(prefix))
        return -1;
    bool ok = false;
    const int seq = payload.mid(prefix.size()).toInt(&ok);
    return ok && seq > 0 ? seq : -1;
}

void SequencePublisher::onConnected()
{
    bs::raw::ConnectOptions options;
    options.clientId = "crash-" + m_name.toUtf8();
    options.cleanStart = true;
    m_socket.write(m_builder.connect(options));
}

void SequencePublisher::onReadyRead()
{
    if (!m_socket.isOpen())
        return;
    m_buffer.append(m_socket.readAll());
    for (;;) {
        Packet packet;
        const bs::raw::DecodeStatus status = bs::raw::decodePacket(m_buffer, version(), &packet);
        if (status == bs::raw::DecodeStatus::NeedMoreData)
            return;
        if (status == bs::raw::DecodeStatus::Malformed) {
            m_protocolErrors << u"malformed: %1"_s.arg(packet.describe());
            continue;
        }
        handlePacket(packet);
    }
}

void SequencePublisher::onDisconnected()
{
    m_sessionUp = false;
    m_inflight.clear(); // still in m_unacked: sent again after the next CONNACK
}

void SequencePublisher::handlePacket(const Packet& packet)
{
    if (packet.is(PacketType::Connack)) {
        if (packet.reasonCode != 0) {
            m_protocolErrors << u"refused: %1"_s.arg(packet.describe());
            return;
        }
        m_sessionUp = true;
        const std::set<int> toResend = m_unacked;
        for (const int seq : toResend) {
            m_resent.insert(seq);
            sendPublish(seq);
        }
        fillWindow();
        return;
    }
    if (!packet.is(PacketType::Puback) || !m_inflight.contains(packet.packetId)) {
        m_protocolErrors << u"unexpected: %1"_s.arg(packet.describe());
        return;
    }
    const int seq = m_inflight.take(packet.packetId);
    if (packet.reasonCode >= 0x80) {
        ++m_refusals; // stays in m_unacked: resent after the next reconnect
    } else {
        m_unacked.erase(seq);
        m_acknowledged.insert(seq);
    }
    fillWindow();
}

void SequencePublisher::sendPublish(int seq)
{
    bs::raw::PublishOptions options;
    options.topic = topic().toUtf8();
    options.payload = m_name.toUtf8() + ':' + QByteArray::number(seq);
    options.qos = 1;
    options.packetId = nextPacketId();
    m_inflight.insert(options.packetId, seq);
    m_unacked.insert(seq);
    m_socket.write(m_builder.publish(options));
}

void SequencePublisher::fillWindow()
{
    while (m_sending && m_sessionUp && m_inflight.size() < m_window)
        sendPublish(m_nextSeq++);
}

quint16 SequencePublisher::nextPacketId()
{
    do {
        m_lastPacketId = m_lastPacketId == 0xFFFF ? 1 : quint16(m_lastPacketId + 1);
    } while (m_inflight.contains(m_lastPacketId));
    return m_lastPacketId;
}
