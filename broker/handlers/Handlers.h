#pragma once
// One handler per MQTT control packet a client may send, and the dispatch switch that
// picks one (in the manner of Mosquitto's handle_*.c). Each handler decodes its packet,
// checks it, and acts through BrokerCore; a protocol violation closes the connection
// with the reason code the spec names.

#include "broker/protocol/PacketFramer.h"

namespace bs::broker {
class BrokerCore;
class ClientConnection;
} // namespace bs::broker

namespace bs::broker::handlers {

/// frame is non-const: a PUBLISH's payload takes over its buffer.
void dispatch(BrokerCore& core, ClientConnection& client, mqtt::Frame& frame);

void handleConnect(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handlePublish(BrokerCore& core, ClientConnection& client, mqtt::Frame& frame);
void handlePuback(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handlePubrec(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handlePubrel(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handlePubcomp(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handleSubscribe(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handleUnsubscribe(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handlePingreq(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handleDisconnect(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);
void handleAuth(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame);

} // namespace bs::broker::handlers
