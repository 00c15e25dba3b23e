#include "LoadSubscriber.h"

#include "LoadOptions.h"
#include "LoadPayload.h"
#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"
#include "broker/protocol/Packets.h"

namespace bs::bench {

using namespace bs::mqtt;

namespace {
constexpr quint16 kSubscribePacketId = 1;
} // namespace

LoadSubscriber::LoadSubscriber(const LoadOptions& options, quint32 index, QObject* parent)
    : MqttConnection(options.host, options.port, QStringLiteral("load-sub-%1").arg(index),
                     quint16(options.window), parent),
      m_qos(options.qos),
      m_publisherCount(options.publishers),
      m_seen(size_t(options.publishers)),
      m_awaitingRelease(65536, 0)
{
    const QString filter = options.topicPrefix + QStringLiteral("/#");
    m_filter = options.sharedGroup.isEmpty()
                   ? filter
                   : QStringLiteral("$share/") + options.sharedGroup + QLatin1Char('/') + filter;
}

void LoadSubscriber::onSessionOpen(quint16)
{
    ByteWriter body;
    body.u16(kSubscribePacketId);
    Properties().write(body);
    body.utf8(m_filter);
    body.u8(m_qos);
    send(framePacket(quint8(quint8(PacketType::Subscribe) << 4) | 0x02, body.bytes()));
}

void LoadSubscriber::onPacket(const Frame& frame)
{
    switch (static_cast<PacketType>(frame.type())) {
    case PacketType::Suback: {
        ByteReader in(frame.body);
        in.u16();
        Properties::read(in, PropertyContext::Suback);
        const quint8 granted = in.u8();
        if (!in.ok() || granted >= 0x80)
            reportFailure(QStringLiteral("SUBSCRIBE %1 refused (0x%2)").arg(m_filter).arg(granted, 2, 16, QLatin1Char('0')));
        else
            emit ready();
        return;
    }
    case PacketType::Publish:
        handlePublish(frame);
        return;
    case PacketType::Pubrel: {
        ByteReader in(frame.body);
        const AckPacket ack = decodeAck(in, kVersion);
        if (!in.ok() || m_awaitingRelease[ack.packetId] == 0)
            m_protocolErrors.fetch_add(1, std::memory_order_relaxed);
        m_awaitingRelease[ack.packetId] = 0;
        send(encodeAck(kVersion, PacketType::Pubcomp, ack.packetId));
        return;
    }
    default:
        return;
    }
}

void LoadSubscriber::handlePublish(const Frame& frame)
{
    ByteReader in(frame.body);
    const PublishPacket packet = decodePublish(in, frame.flags(), kVersion);
    if (!in.ok()) {
        m_protocolErrors.fetch_add(1, std::memory_order_relaxed);
        return;
    }
    if (packet.qos == 1) {
        send(encodeAck(kVersion, PacketType::Puback, packet.packetId));
    } else if (packet.qos == 2) {
        send(encodeAck(kVersion, PacketType::Pubrec, packet.packetId));
        if (m_awaitingRelease[packet.packetId] != 0)
            return; // a resend of a message not yet released: delivered once already
        m_awaitingRelease[packet.packetId] = 1;
    }
    record(packet.payload);
}

void LoadSubscriber::record(const QByteArray& payload)
{
    const qint64 now = steadyNowNs();
    m_received.fetch_add(1, std::memory_order_relaxed);
    PayloadStamp stamp;
    if (!readStamp(payload, stamp) || stamp.publisher >= quint32(m_publisherCount)) {
        ++m_foreign;
        return;
    }
    m_latenciesNs.push_back(now - stamp.sentNs);
    auto& counts = m_seen[stamp.publisher];
    if (counts.size() <= stamp.sequence)
        counts.resize(std::max<size_t>(size_t(stamp.sequence) + 1, counts.size() * 2), 0);
    if (counts[stamp.sequence] < 255)
        ++counts[stamp.sequence];
}

} // namespace bs::bench
