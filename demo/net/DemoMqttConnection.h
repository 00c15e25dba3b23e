#pragma once
// DemoMqttConnection: a small MQTT 5 client on one QTcpSocket, cheap enough that the demo
// runs dozens of them (one per simulated service instance) on one thread with no thread
// of its own. It speaks only what the demo needs: CONNECT, SUBSCRIBE (one filter a packet),
// PUBLISH QoS 0/1 both ways, PUBACK both ways, PINGREQ and DISCONNECT.
//
// Outgoing QoS 1 publishes respect the broker's Receive Maximum: beyond it they wait here,
// in order, and leave as acknowledgements free the window. Incoming QoS 1 messages are
// acknowledged by the owner (acknowledge()), when it is done with them — that is the whole
// point of a consumer that acknowledges after processing.
//
// disconnected() reports only a connection the owner did not close itself (refused, lost,
// or closed by the broker); disconnectFromBroker() and abort() are silent.

#include "demo/net/ClientPackets.h"

#include "broker/protocol/PacketFramer.h"
#include "broker/protocol/Packets.h"

#include <QHash>
#include <QObject>
#include <QQueue>
#include <QSet>
#include <QTimer>

class QTcpSocket;

namespace bs::demo::net {

class DemoMqttConnection : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8
    {
        Disconnected,
        Connecting,
        Connected,
    };

    explicit DemoMqttConnection(QObject* parent = nullptr);
    ~DemoMqttConnection() override;

    void connectToBroker(const QString& host, quint16 port, const ConnectOptions& options);
    State state() const { return m_state; }
    bool isConnected() const { return m_state == State::Connected; }
    const QString& clientId() const { return m_options.clientId; }

    /// Once connected: returns the SUBSCRIBE's packet id; subscribed() follows with it.
    quint16 subscribe(const QString& filter, quint8 qos, quint8 retainHandling = 0);
    /// QoS 0 leaves at once and returns 0; QoS 1 returns the packet id that published()
    /// will carry when the PUBACK arrives.
    quint16 publish(const QString& topic, const QByteArray& payload, quint8 qos,
                    const mqtt::Properties& properties = {});
    /// PUBACK for a QoS 1 message received; a reason >= 0x80 is a negative acknowledgement.
    void acknowledge(quint16 packetId, mqtt::ReasonCode reason = mqtt::ReasonCode::Success);
    /// QoS 1 publishes sent or waiting for the window, not yet acknowledged.
    qsizetype publishesPending() const { return m_unacknowledged.size(); }

    /// A clean goodbye: DISCONNECT, then the socket closes. Silent.
    void disconnectFromBroker();
    /// A crash: the socket closes without DISCONNECT. Silent.
    void abort();

signals:
    void connected(bool sessionPresent);
    void disconnected(const QString& why);
    void subscribed(quint16 packetId, const QList<bs::mqtt::ReasonCode>& reasons);
    void published(quint16 packetId, bs::mqtt::ReasonCode reason);
    void messageReceived(const bs::mqtt::PublishPacket& message);

private:
    void onReadyRead();
    void onSocketClosed(const QString& why);
    void handleFrame(mqtt::Frame& frame);
    void handleConnack(mqtt::ByteReader& reader);
    void sendWaitingPublishes();
    quint16 nextPacketId();
    void write(const QByteArray& bytes);
    void reset();

    QTcpSocket* m_socket = nullptr;
    ConnectOptions m_options;
    State m_state = State::Disconnected;
    mqtt::PacketFramer m_framer;
    QTimer m_keepAlive;
    quint16 m_sendWindow = 65535;                ///< The broker's Receive Maximum.
    quint16 m_lastPacketId = 0;
    QSet<quint16> m_unacknowledged;              ///< QoS 1 publishes sent or waiting.
    QSet<quint16> m_pendingSubscribes;
    qsizetype m_inFlight = 0;                    ///< Of m_unacknowledged: sent.
    QQueue<QByteArray> m_waiting;                ///< Encoded publishes beyond the window.
};

} // namespace bs::demo::net
