#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::ReasonCode;

// DISCONNECT from the client (§3.14): a normal disconnect discards the will; reason 0x04
// keeps it. The client may change its Session Expiry Interval, but not from 0 (§3.14.2.2.2).
void handleDisconnect(BrokerCore&, ClientConnection& client, const mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    const mqtt::DisconnectPacket packet = mqtt::decodeDisconnect(reader, client.version());
    if (!reader.ok()) {
        client.disconnect(reader.error());
        return;
    }
    Session& session = *client.session();
    if (const auto expiry = packet.properties.sessionExpiryInterval) {
        if (session.expiryInterval == 0 && *expiry != 0) {
            client.disconnect(ReasonCode::ProtocolError);
            return;
        }
        session.expiryInterval = *expiry;
    }
    client.closeOnClientDisconnect(packet.reason == ReasonCode::DisconnectWithWill);
}

} // namespace bs::broker::handlers
