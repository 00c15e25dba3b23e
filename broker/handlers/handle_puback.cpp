#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

// PUBACK completes a QoS 1 delivery to the client (§4.3.2). An unknown id is ignored, as
// Mosquitto does: it may be an acknowledgement of a message re-sent after a reconnect.
void handlePuback(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    const mqtt::AckPacket ack = mqtt::decodeAck(reader, client.version());
    if (!reader.ok()) {
        client.disconnect(reader.error());
        return;
    }
    Session& session = *client.session();
    const auto it = session.inflight.constFind(ack.packetId);
    if (it == session.inflight.cend() || it->state != InflightMessage::State::AwaitingPuback)
        return;
    core.completeInflight(session, ack.packetId, ack.reason);
}

} // namespace bs::broker::handlers
