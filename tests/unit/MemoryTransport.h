#pragma once
// An in-memory Transport for driving BrokerCore without sockets: the test pushes bytes in
// with deliverToBroker() and reads whole packets the broker wrote with nextFromBroker().

#include "broker/net/Transport.h"
#include "broker/protocol/PacketFramer.h"

#include <optional>

namespace bs::broker::testing {

class MemoryTransport final : public Transport
{
public:
    void send(const QByteArray& bytes) override { m_framer.append(bytes); }
    void close() override
    {
        if (!m_closed) {
            m_closed = true;
            emit closed();
        }
    }
    qint64 pendingBytes() const override { return 0; }
    QString peerAddress() const override { return QStringLiteral("memory"); }

    void deliverToBroker(const QByteArray& bytes) { emit received(bytes); }
    std::optional<mqtt::Frame> nextFromBroker()
    {
        mqtt::Frame frame;
        if (m_framer.next(frame) == mqtt::PacketFramer::Status::Ready)
            return frame;
        return std::nullopt;
    }
    bool isClosed() const { return m_closed; }

private:
    mqtt::PacketFramer m_framer;
    bool m_closed = false;
};

} // namespace bs::broker::testing
