#pragma once
// One network connection speaking MQTT: it frames incoming bytes into packets, hands each
// to the dispatcher, runs the keep-alive timer, and closes itself on protocol errors.
// Protocol state that outlives the connection lives in its Session.

#include "broker/protocol/PacketFramer.h"
#include "broker/protocol/PacketType.h"
#include "broker/protocol/ReasonCode.h"

#include <QHash>
#include <QObject>
#include <QString>
#include <QTimer>

namespace bs::broker {

class BrokerCore;
class Session;
class Transport;

class ClientConnection : public QObject
{
    Q_OBJECT
public:
    enum class State : quint8
    {
        AwaitingConnect,
        Connected,
        Closing,
    };

    ClientConnection(BrokerCore& core, Transport* transport);
    ~ClientConnection() override;

    State state() const { return m_state; }
    mqtt::ProtocolVersion version() const { return m_version; }
    bool isV5() const { return m_version == mqtt::ProtocolVersion::V5; }
    Session* session() const { return m_session; }
    QString peerAddress() const;
    Transport* transport() const { return m_transport; }

    void markConnected(mqtt::ProtocolVersion version, Session* session, quint16 keepAlive);
    void setVersion(mqtt::ProtocolVersion version) { m_version = version; }
    void detachSession() { m_session = nullptr; }

    void send(const QByteArray& packet);
    qint64 pendingBytes() const;

    /// Protocol error or server-side close: v5 clients after CONNECT get a DISCONNECT with
    /// the reason; then the connection closes. The will is published.
    void disconnect(mqtt::ReasonCode reason);
    /// The client sent DISCONNECT: close; the will is published only when keepWill.
    void closeOnClientDisconnect(bool keepWill);
    /// Close without sending anything (e.g. a packet before CONNECT).
    void closeSilently();

    bool publishesWillOnClose() const { return m_publishWill; }

    /// Client-to-server topic aliases (§3.3.2.3.4), per connection.
    QHash<quint16, QString> topicAliases;

signals:
    void finished(bs::broker::ClientConnection* connection);

private:
    void onReceived(const QByteArray& bytes);
    void onTransportClosed();

    BrokerCore& m_core;
    Transport* m_transport;
    mqtt::PacketFramer m_framer;
    QTimer m_keepAlive;
    Session* m_session = nullptr;
    State m_state = State::AwaitingConnect;
    mqtt::ProtocolVersion m_version = mqtt::ProtocolVersion::V5;
    bool m_publishWill = true;
    bool m_finished = false;
};

} // namespace bs::broker
