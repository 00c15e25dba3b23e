#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

// AUTH (§3.15): the engine offers no enhanced authentication, and a CONNECT with an
// Authentication Method is refused, so any AUTH packet is a Protocol Error (§4.12).
void handleAuth(BrokerCore&, ClientConnection& client, const mqtt::Frame&)
{
    client.disconnect(mqtt::ReasonCode::ProtocolError);
}

} // namespace bs::broker::handlers
