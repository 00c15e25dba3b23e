#pragma once
// One MQTT 5 client connection over QTcpSocket, built on the brokerscope_protocol codecs.
// It lives on a worker thread: start() and close() are invoked there (queued). It sends
// CONNECT (clean start, no keep-alive), reads CONNACK, then hands every further packet to
// the subclass. Publisher and subscriber roles are subclasses.

#include "broker/protocol/PacketFramer.h"
#include "broker/protocol/PacketType.h"

#include <QObject>
#include <QString>

class QTcpSocket;

namespace bs::bench {

class MqttConnection : public QObject
{
    Q_OBJECT
public:
    MqttConnection(QString host, quint16 port, QString clientId, quint16 receiveMaximum,
                   QObject* parent = nullptr);
    ~MqttConnection() override;

    /// Connects (call on the owning thread).
    Q_INVOKABLE void start();
    /// Sends DISCONNECT, closes and moves this object to the main thread (call on the owning thread).
    Q_INVOKABLE void close();

signals:
    /// The role is set up (publisher: CONNACK received; subscriber: SUBACK received).
    void ready();
    void failed(const QString& message);

protected:
    static constexpr auto kVersion = mqtt::ProtocolVersion::V5;

    /// CONNACK accepted; receiveMaximum is the broker's limit on our unacknowledged QoS>0.
    virtual void onSessionOpen(quint16 receiveMaximum) = 0;
    virtual void onPacket(const mqtt::Frame& frame) = 0;
    virtual void onWritten() {}
    /// The socket is gone; stop timers owned by the subclass.
    virtual void onClosed() {}

    /// Queues a packet; queued packets go to the socket as one write in flushOutbox(), so
    /// the socket writes one block per batch (QAbstractSocket sends one block per write
    /// notification). Incoming batches flush on their own; other senders call flushOutbox().
    void send(const QByteArray& packet);
    void flushOutbox();
    qint64 bytesQueued() const;
    void reportFailure(const QString& message);
    bool isOpen() const { return m_open; }

private:
    void sendConnect();
    void readAvailable();
    void handleConnack(const mqtt::Frame& frame);

    QString m_host;
    quint16 m_port;
    QString m_clientId;
    quint16 m_receiveMaximum;
    QTcpSocket* m_socket = nullptr;
    mqtt::PacketFramer m_framer;
    QByteArray m_outbox;
    bool m_open = false;
    bool m_closing = false;
};

} // namespace bs::bench
