#pragma once
// A byte-level MQTT client for conformance tests: a QTcpSocket to 127.0.0.1:port that sends
// whatever bytes a test gives it and decodes what the broker answers. Every wait spins the
// event loop until something arrives or a deadline passes; nothing sleeps.

#include "raw/PacketBuilder.h"
#include "raw/PacketDecoder.h"

#include <QByteArray>
#include <QObject>
#include <QTcpSocket>
#include <functional>
#include <optional>

namespace bs::raw {

inline constexpr int kDefaultTimeoutMs = 3000;

class RawClient : public QObject
{
    Q_OBJECT
public:
    explicit RawClient(quint16 port, int version = kMqtt5, QObject* parent = nullptr);
    ~RawClient() override;

    /// Opens the TCP connection (no MQTT traffic).
    bool open(int timeoutMs = kDefaultTimeoutMs);
    void abort();

    int version() const { return m_builder.version(); }
    bool isV5() const { return m_builder.isV5(); }
    const PacketBuilder& packets() const { return m_builder; }

    bool send(const QByteArray& bytes);
    /// The next packet from the broker, or nullopt when none arrives in time or the
    /// connection closes first.
    std::optional<Packet> readPacket(int timeoutMs = kDefaultTimeoutMs);
    /// True when the broker has closed the connection (now or within the timeout).
    bool waitClosed(int timeoutMs = kDefaultTimeoutMs);
    bool isConnected() const;
    /// Received bytes that are not yet returned by readPacket().
    qsizetype unreadBytes() const { return m_buffer.size(); }

    /// Spins the event loop until done() holds or the timeout passes.
    bool waitUntil(const std::function<bool()>& done, int timeoutMs);

private:
    void drainSocket();

    quint16 m_port;
    PacketBuilder m_builder;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_closedByPeer = false;
};

} // namespace bs::raw
