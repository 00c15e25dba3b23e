#include "LoadPublisher.h"

#include "LoadOptions.h"
#include "LoadPayload.h"
#include "broker/protocol/ByteReader.h"
#include "broker/protocol/Packets.h"

#include <algorithm>

namespace bs::bench {

using namespace bs::mqtt;

namespace {
constexpr qint64 kMaxQueuedBytes = 256 * 1024; ///< socket write queue bound (QoS 0 back-pressure)
constexpr int kRateTickMs = 5;
} // namespace

LoadPublisher::LoadPublisher(const LoadOptions& options, quint32 index, QObject* parent)
    : MqttConnection(options.host, options.port, QStringLiteral("load-pub-%1").arg(index),
                     quint16(options.window), parent),
      m_topic(options.topicPrefix + QStringLiteral("/p%1").arg(index)),
      m_index(index),
      m_qos(options.qos),
      m_rate(options.ratePerPublisher),
      m_window(options.window),
      m_payload(options.payloadBytes, 'x'),
      m_rateTick(this),
      m_packetIdState(65536, 0)
{
    m_rateTick.setInterval(kRateTickMs);
    connect(&m_rateTick, &QTimer::timeout, this, &LoadPublisher::pump);
}

void LoadPublisher::onSessionOpen(quint16 receiveMaximum)
{
    m_window = std::min<int>(m_window, receiveMaximum);
    emit ready();
}

void LoadPublisher::startPublishing()
{
    m_publishing = true;
    m_clock.start();
    if (m_rate > 0)
        m_rateTick.start();
    pump();
}

void LoadPublisher::stopPublishing()
{
    m_publishing = false;
    m_rateTick.stop();
}

void LoadPublisher::pump()
{
    while (m_publishing && isOpen()) {
        if (m_qos > 0 && m_inFlightCount.load(std::memory_order_relaxed) >= m_window)
            break;
        if (bytesQueued() > kMaxQueuedBytes)
            break;
        if (m_rate > 0) {
            const auto due = quint64(double(m_clock.nsecsElapsed()) * m_rate / 1e9) + 1;
            if (m_sent.load(std::memory_order_relaxed) >= due)
                break;
        }
        publishOne();
    }
    flushOutbox();
}

void LoadPublisher::publishOne()
{
    const quint64 sequence = m_sent.load(std::memory_order_relaxed);
    writeStamp(m_payload, {steadyNowNs(), m_index, quint32(sequence)});
    PublishPacket packet;
    packet.topic = m_topic;
    packet.qos = m_qos;
    packet.payload = m_payload;
    if (m_qos > 0) {
        packet.packetId = nextPacketId();
        m_packetIdState[packet.packetId] = 1;
        m_inFlightCount.fetch_add(1, std::memory_order_relaxed);
    }
    send(encodePublish(kVersion, packet));
    m_sent.store(sequence + 1, std::memory_order_relaxed);
}

quint16 LoadPublisher::nextPacketId()
{
    do {
        m_lastPacketId = m_lastPacketId == 65535 ? 1 : quint16(m_lastPacketId + 1);
    } while (m_packetIdState[m_lastPacketId] != 0);
    return m_lastPacketId;
}

void LoadPublisher::release(quint16 packetId)
{
    m_packetIdState[packetId] = 0;
    m_inFlightCount.fetch_sub(1, std::memory_order_relaxed);
    pump();
}

void LoadPublisher::onPacket(const Frame& frame)
{
    const auto type = static_cast<PacketType>(frame.type());
    if (type != PacketType::Puback && type != PacketType::Pubrec && type != PacketType::Pubcomp)
        return; // nothing else is expected by a publisher; ignore
    ByteReader in(frame.body);
    const AckPacket ack = decodeAck(in, kVersion);
    const quint8 expectedState = type == PacketType::Pubcomp ? 2 : 1;
    if (!in.ok() || m_packetIdState[ack.packetId] != expectedState
        || (type == PacketType::Puback) != (m_qos == 1)) {
        m_protocolErrors.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (isError(ack.reason))
        m_protocolErrors.fetch_add(1, std::memory_order_relaxed); // counted; the id is freed
    if (type == PacketType::Pubrec && !isError(ack.reason)) {
        m_packetIdState[ack.packetId] = 2;
        send(encodeAck(kVersion, PacketType::Pubrel, ack.packetId));
        return;
    }
    release(ack.packetId);
}

} // namespace bs::bench
