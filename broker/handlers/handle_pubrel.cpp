#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::PacketType;
using mqtt::ReasonCode;

// PUBREL releases an inbound QoS 2 packet id (§4.3.3); we answer PUBCOMP. The message
// itself was routed when its PUBLISH arrived (the spec's method B), so a re-sent PUBLISH
// with the same id in between is not routed twice.
void handlePubrel(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    const mqtt::AckPacket ack = mqtt::decodeAck(reader, client.version());
    if (!reader.ok()) {
        client.disconnect(reader.error());
        return;
    }
    Session& session = *client.session();
    const bool known = session.inboundQos2.contains(ack.packetId);
    if (known)
        core.noteInboundQos2(session, ack.packetId, false);
    client.send(mqtt::encodeAck(client.version(), PacketType::Pubcomp, ack.packetId,
                                known ? ReasonCode::Success : ReasonCode::PacketIdentifierNotFound));
}

} // namespace bs::broker::handlers
