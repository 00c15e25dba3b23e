#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"
#include "broker/protocol/Packets.h"

namespace bs::broker::handlers {

// PINGREQ (§3.12): answered at once; receiving it already restarted the keep-alive timer.
void handlePingreq(BrokerCore&, ClientConnection& client, const mqtt::Frame& frame)
{
    if (!frame.body.isEmpty()) {
        client.disconnect(mqtt::ReasonCode::MalformedPacket);
        return;
    }
    client.send(mqtt::encodePingresp());
}

} // namespace bs::broker::handlers
