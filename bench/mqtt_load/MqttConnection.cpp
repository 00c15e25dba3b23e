#include "MqttConnection.h"

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"
#include "broker/protocol/Packets.h"
#include "broker/protocol/Properties.h"

#include <QCoreApplication>
#include <QTcpSocket>

namespace bs::bench {

using namespace bs::mqtt;

MqttConnection::MqttConnection(QString host, quint16 port, QString clientId,
                               quint16 receiveMaximum, QObject* parent)
    : QObject(parent),
      m_host(std::move(host)),
      m_port(port),
      m_clientId(std::move(clientId)),
      m_receiveMaximum(receiveMaximum)
{
}

MqttConnection::~MqttConnection() = default;

void MqttConnection::start()
{
    m_socket = new QTcpSocket(this);
    connect(m_socket, &QTcpSocket::connected, this, [this] {
        m_socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        sendConnect();
    });
    connect(m_socket, &QTcpSocket::readyRead, this, &MqttConnection::readAvailable);
    connect(m_socket, &QTcpSocket::bytesWritten, this, [this] { onWritten(); });
    connect(m_socket, &QTcpSocket::errorOccurred, this, [this] {
        if (!m_closing)
            reportFailure(m_socket->errorString());
    });
    m_socket->connectToHost(m_host, m_port);
}

void MqttConnection::close()
{
    m_closing = true;
    m_open = false;
    m_outbox.clear();
    if (m_socket) {
        if (m_socket->state() == QAbstractSocket::ConnectedState) {
            m_socket->write(encodeDisconnect(ReasonCode::Success));
            m_socket->flush(); // best effort, never blocks
        }
        m_socket->abort();
        delete m_socket;
        m_socket = nullptr;
    }
    onClosed();
    // Hand the object back to the main thread so it can be read and deleted there.
    moveToThread(QCoreApplication::instance()->thread());
}

void MqttConnection::send(const QByteArray& packet)
{
    m_outbox.append(packet);
}

void MqttConnection::flushOutbox()
{
    if (m_outbox.isEmpty() || !m_socket)
        return;
    m_socket->write(m_outbox);
    m_outbox.clear();
}

qint64 MqttConnection::bytesQueued() const
{
    return (m_socket ? m_socket->bytesToWrite() : 0) + m_outbox.size();
}

void MqttConnection::reportFailure(const QString& message)
{
    m_open = false;
    emit failed(m_clientId + QStringLiteral(": ") + message);
}

void MqttConnection::sendConnect()
{
    ByteWriter body;
    body.utf8(QStringLiteral("MQTT"));
    body.u8(5);
    body.u8(0x02); // clean start, no will, no credentials
    body.u16(0);   // no keep-alive: the run is short and traffic is continuous
    Properties properties;
    properties.receiveMaximum = m_receiveMaximum; // the broker's window towards us (§3.1.2.11.3)
    properties.write(body);
    body.utf8(m_clientId);
    send(framePacket(quint8(quint8(PacketType::Connect) << 4), body.bytes()));
    flushOutbox();
}

void MqttConnection::readAvailable()
{
    m_framer.append(m_socket->readAll());
    Frame frame;
    for (;;) {
        const auto status = m_framer.next(frame);
        if (status == PacketFramer::Status::NeedMore)
            break;
        if (status != PacketFramer::Status::Ready) {
            reportFailure(QStringLiteral("malformed packet from broker"));
            m_socket->abort();
            return;
        }
        if (frame.type() == quint8(PacketType::Connack))
            handleConnack(frame);
        else if (frame.type() == quint8(PacketType::Disconnect))
            reportFailure(QStringLiteral("broker sent DISCONNECT"));
        else if (m_open)
            onPacket(frame);
    }
    flushOutbox();
}

void MqttConnection::handleConnack(const Frame& frame)
{
    ByteReader in(frame.body);
    in.u8(); // acknowledge flags
    const auto reason = static_cast<ReasonCode>(in.u8());
    const Properties properties = Properties::read(in, PropertyContext::Connack);
    if (!in.ok()) {
        reportFailure(QStringLiteral("malformed CONNACK"));
        return;
    }
    if (isError(reason)) {
        reportFailure(QStringLiteral("CONNACK refused, reason 0x%1").arg(quint8(reason), 2, 16, QLatin1Char('0')));
        return;
    }
    m_open = true;
    onSessionOpen(properties.receiveMaximum.value_or(65535));
}

} // namespace bs::bench
