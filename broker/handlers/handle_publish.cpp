#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::PacketType;
using mqtt::ReasonCode;

namespace {

/// Resolves a Topic Alias (§3.3.2.3.4). Returns the reason to disconnect with, if any.
ReasonCode resolveTopicAlias(const BrokerCore& core, ClientConnection& client,
                             mqtt::PublishPacket& packet)
{
    if (!packet.properties.topicAlias) {
        return packet.topic.isEmpty() ? ReasonCode::ProtocolError : ReasonCode::Success;
    }
    const quint16 alias = *packet.properties.topicAlias;
    if (alias == 0 || alias > core.config().topicAliasMaximum)
        return ReasonCode::TopicAliasInvalid; // §3.3.2-8, 3.3.2-9
    if (!packet.topic.isEmpty()) {
        client.topicAliases.insert(alias, packet.topic);
        return ReasonCode::Success;
    }
    const auto it = client.topicAliases.constFind(alias);
    if (it == client.topicAliases.cend())
        return ReasonCode::ProtocolError; // alias never set on this connection
    packet.topic = *it;
    return ReasonCode::Success;
}

/// Every PUBACK/PUBREC goes through the core, which sends it once what was stored before
/// it is written, so acknowledgements keep their order.
void acknowledge(BrokerCore& core, ClientConnection& client, const mqtt::PublishPacket& packet,
                 ReasonCode reason)
{
    core.acknowledgeAfterCommit(client, packet.qos, packet.packetId, reason);
}

} // namespace

void handlePublish(BrokerCore& core, ClientConnection& client, mqtt::Frame& frame)
{
    ReasonCode decodeError = ReasonCode::Success;
    mqtt::PublishPacket packet =
        mqtt::decodePublish(std::move(frame.body), frame.flags(), client.version(), &decodeError);
    if (decodeError != ReasonCode::Success) {
        client.disconnect(decodeError);
        return;
    }
    if (client.isV5()) {
        if (const ReasonCode reason = resolveTopicAlias(core, client, packet);
            reason != ReasonCode::Success) {
            client.disconnect(reason);
            return;
        }
    }
    if (!mqtt::TopicName(packet.topic).isValid()) { // §3.3.2-2: no wildcards, not empty
        client.disconnect(packet.topic.isEmpty() ? ReasonCode::ProtocolError
                                                 : ReasonCode::TopicNameInvalid);
        return;
    }
    Session& session = *client.session();
    core.counters().add(core.counters().messagesReceived);

    if (packet.qos == 2) {
        if (session.inboundQos2.contains(packet.packetId)) {
            acknowledge(core, client, packet, ReasonCode::Success); // a re-sent PUBLISH (§4.3.3)
            return;
        }
        if (session.inboundQos2.size() >= core.config().receiveMaximum) {
            client.disconnect(ReasonCode::ReceiveMaximumExceeded); // §3.3.4-7
            return;
        }
    }
    if (packet.topic == BrokerCore::kAdminTopic) {
        // Admin requests are answered, never stored or routed (see core/Admin.cpp).
        // The acknowledgement goes first, then the answer.
        if (packet.qos == 2)
            core.noteInboundQos2(session, packet.packetId, true);
        acknowledge(core, client, packet, ReasonCode::Success);
        core.handleAdminRequest(client, packet);
        return;
    }
    if (packet.topic.startsWith(u"$SYS") || packet.topic.startsWith(BrokerCore::kReplayPrefix)) {
        // As Mosquitto: clients may not write the broker's status topics. v5 publishers
        // hear 0x87; v3.1.1 publishers are acknowledged and the message is dropped.
        // $REPLAY/<group>/... is a group's replay backlog: only the admin API writes it.
        acknowledge(core, client, packet, ReasonCode::NotAuthorized);
        return;
    }
    if (packet.properties.payloadFormatIndicator.value_or(0) == 1
        && !mqtt::isValidMqttUtf8(packet.payload) && !packet.payload.isEmpty()) {
        acknowledge(core, client, packet, ReasonCode::PayloadFormatInvalid); // §3.3.2.3.2
        return;
    }

    auto message = std::make_shared<Message>();
    message->topic = packet.topic;
    message->payload = std::move(packet.payload);
    message->qos = packet.qos;
    message->retain = packet.retain;
    message->properties = messageProperties(packet.properties);
    if (packet.properties.messageExpiryInterval)
        message->expiresAtMs = std::max<qint64>(1, core.nowMs() + qint64(*packet.properties.messageExpiryInterval) * 1000);
    message->originClientId = session.clientId();
    if (packet.qos == 2)
        core.noteInboundQos2(session, packet.packetId, true); // undone if it is refused
    core.acceptPublish(client, std::move(message), packet.qos, packet.packetId);
}

} // namespace bs::broker::handlers
