#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::PacketType;
using mqtt::ReasonCode;

// PUBREC: the client has a QoS 2 message; we answer PUBREL (§4.3.3). A PUBREC with an
// error reason ends the delivery (§4.3.3: the sender treats it as complete).
void handlePubrec(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    const mqtt::AckPacket ack = mqtt::decodeAck(reader, client.version());
    if (!reader.ok()) {
        client.disconnect(reader.error());
        return;
    }
    Session& session = *client.session();
    const auto it = session.inflight.find(ack.packetId);
    if (it == session.inflight.end()) {
        client.send(mqtt::encodeAck(client.version(), PacketType::Pubrel, ack.packetId,
                                    ReasonCode::PacketIdentifierNotFound));
        return;
    }
    if (it->state == InflightMessage::State::AwaitingPuback)
        return; // a PUBREC for a QoS 1 message: ignore
    if (mqtt::isError(ack.reason)) {
        core.completeInflight(session, ack.packetId, ack.reason);
        return;
    }
    core.markReleased(session, ack.packetId);
    client.send(mqtt::encodeAck(client.version(), PacketType::Pubrel, ack.packetId));
}

} // namespace bs::broker::handlers
