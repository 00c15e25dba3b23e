#include "demo/net/DemoMqttConnection.h"

#include <QTcpSocket>

namespace bs::demo::net {

using mqtt::PacketType;
using mqtt::ProtocolVersion;
using mqtt::ReasonCode;

DemoMqttConnection::DemoMqttConnection(QObject* parent) : QObject(parent), m_keepAlive(this)
{
    connect(&m_keepAlive, &QTimer::timeout, this, [this] { write(encodePingreq()); });
}

DemoMqttConnection::~DemoMqttConnection()
{
    abort();
}

void DemoMqttConnection::connectToBroker(const QString& host, quint16 port, const ConnectOptions& options)
{
    abort();
    m_options = options;
    m_state = State::Connecting;
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1); // no Nagle: small packets leave at once
        write(encodeConnect(m_options));
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &DemoMqttConnection::onReadyRead);
    connect(m_socket, &QTcpSocket::disconnected, this, [this] { onSocketClosed(QStringLiteral("closed by the broker")); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] { onSocketClosed(m_socket->errorString()); });
    m_socket->connectToHost(host, port);
}

quint16 DemoMqttConnection::subscribe(const QString& filter, quint8 qos, quint8 retainHandling)
{
    const quint16 id = nextPacketId();
    m_pendingSubscribes.insert(id);
    write(encodeSubscribe(id, filter, subscriptionOptions(qos, retainHandling)));
    return id;
}

quint16 DemoMqttConnection::publish(const QString& topic, const QByteArray& payload, quint8 qos,
                                    const mqtt::Properties& properties)
{
    if (m_state == State::Disconnected)
        return 0;
    mqtt::PublishPacket packet;
    packet.topic = topic;
    packet.payload = payload;
    packet.qos = qos > 0 ? 1 : 0;
    packet.properties = properties;
    if (packet.qos == 0) {
        write(mqtt::encodePublish(ProtocolVersion::V5, packet));
        return 0;
    }
    packet.packetId = nextPacketId();
    m_unacknowledged.insert(packet.packetId);
    m_waiting.enqueue(mqtt::encodePublish(ProtocolVersion::V5, packet));
    sendWaitingPublishes();
    return packet.packetId;
}

void DemoMqttConnection::acknowledge(quint16 packetId, ReasonCode reason)
{
    write(mqtt::encodeAck(ProtocolVersion::V5, PacketType::Puback, packetId, reason));
}

void DemoMqttConnection::disconnectFromBroker()
{
    if (!m_socket)
        return;
    if (m_state == State::Connected)
        write(mqtt::encodeDisconnect(ReasonCode::Success));
    QTcpSocket* socket = m_socket;
    reset();
    socket->disconnect(this);
    // The socket outlives this object until its DISCONNECT is written and the broker has
    // closed (a destroyed socket would abort, and the broker would see a crash).
    socket->setParent(nullptr);
    connect(socket, &QTcpSocket::disconnected, socket, &QObject::deleteLater);
    connect(socket, &QTcpSocket::errorOccurred, socket, &QObject::deleteLater);
    QTimer::singleShot(5000, socket, &QObject::deleteLater);
    socket->disconnectFromHost();
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

void DemoMqttConnection::abort()
{
    if (!m_socket)
        return;
    QTcpSocket* socket = m_socket;
    reset();
    socket->disconnect(this);
    socket->abort();
    socket->deleteLater();
}

void DemoMqttConnection::reset()
{
    m_socket = nullptr;
    m_state = State::Disconnected;
    m_keepAlive.stop();
    m_framer = mqtt::PacketFramer();
    m_sendWindow = 65535;
    m_unacknowledged.clear();
    m_pendingSubscribes.clear();
    m_inFlight = 0;
    m_waiting.clear();
}

void DemoMqttConnection::onSocketClosed(const QString& why)
{
    if (!m_socket)
        return;
    abort();
    emit disconnected(why);
}

void DemoMqttConnection::onReadyRead()
{
    m_framer.append(m_socket->readAll());
    mqtt::Frame frame;
    for (;;) {
        const auto status = m_framer.next(frame);
        if (status == mqtt::PacketFramer::Status::NeedMore)
            return;
        if (status != mqtt::PacketFramer::Status::Ready) {
            onSocketClosed(QStringLiteral("malformed packet from the broker"));
            return;
        }
        handleFrame(frame);
        if (!m_socket)
            return; // closed while handling (a refusal, or the owner reacting to a signal)
    }
}

void DemoMqttConnection::handleFrame(mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    switch (static_cast<PacketType>(frame.type())) {
    case PacketType::Connack:
        handleConnack(reader);
        return;
    case PacketType::Publish: {
        ReasonCode error = ReasonCode::Success;
        const mqtt::PublishPacket packet = mqtt::decodePublish(std::move(frame.body), frame.flags(),
                                                               ProtocolVersion::V5, &error);
        if (mqtt::isError(error))
            onSocketClosed(QStringLiteral("malformed PUBLISH from the broker"));
        else
            emit messageReceived(packet);
        return;
    }
    case PacketType::Puback: {
        const mqtt::AckPacket ack = mqtt::decodeAck(reader, ProtocolVersion::V5);
        if (!m_unacknowledged.remove(ack.packetId))
            return;
        --m_inFlight;
        sendWaitingPublishes();
        emit published(ack.packetId, ack.reason);
        return;
    }
    case PacketType::Suback: {
        const SubackPacket ack = decodeSuback(reader);
        if (m_pendingSubscribes.remove(ack.packetId))
            emit subscribed(ack.packetId, ack.reasons);
        return;
    }
    case PacketType::Disconnect:
        onSocketClosed(QStringLiteral("DISCONNECT from the broker"));
        return;
    default:
        return; // PINGRESP, and nothing else the demo asks for
    }
}

void DemoMqttConnection::handleConnack(mqtt::ByteReader& reader)
{
    const ConnackPacket connack = decodeConnack(reader);
    if (!reader.ok() || mqtt::isError(connack.reason)) {
        const char* name = mqtt::reasonName(connack.reason);
        onSocketClosed(QStringLiteral("connection refused: %1")
                           .arg(name ? QString::fromLatin1(name) : QStringLiteral("malformed CONNACK")));
        return;
    }
    m_state = State::Connected;
    m_sendWindow = connack.properties.receiveMaximum.value_or(65535);
    const quint16 keepAlive = connack.properties.serverKeepAlive.value_or(m_options.keepAliveSeconds);
    if (keepAlive > 0)
        m_keepAlive.start(int(keepAlive) * 1000 / 2);
    sendWaitingPublishes();
    emit connected(connack.sessionPresent);
}

void DemoMqttConnection::sendWaitingPublishes()
{
    while (m_state == State::Connected && !m_waiting.isEmpty() && m_inFlight < m_sendWindow) {
        ++m_inFlight;
        write(m_waiting.dequeue());
    }
}

quint16 DemoMqttConnection::nextPacketId()
{
    do {
        m_lastPacketId = m_lastPacketId == 65535 ? 1 : quint16(m_lastPacketId + 1);
    } while (m_unacknowledged.contains(m_lastPacketId) || m_pendingSubscribes.contains(m_lastPacketId));
    return m_lastPacketId;
}

void DemoMqttConnection::write(const QByteArray& bytes)
{
    if (m_socket && m_socket->state() == QAbstractSocket::ConnectedState)
        m_socket->write(bytes);
}

} // namespace bs::demo::net
