#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::PacketType;
using mqtt::ReasonCode;

namespace {

/// §2.1.3: the flags every packet type but PUBLISH must carry.
bool fixedHeaderFlagsValid(PacketType type, quint8 flags)
{
    switch (type) {
    case PacketType::Publish: return true; // checked by the PUBLISH decoder
    case PacketType::Pubrel:
    case PacketType::Subscribe:
    case PacketType::Unsubscribe: return flags == 0x02;
    default: return flags == 0x00;
    }
}

} // namespace

void dispatch(BrokerCore& core, ClientConnection& client, mqtt::Frame& frame)
{
    const auto type = static_cast<PacketType>(frame.type());
    if (client.state() == ClientConnection::State::AwaitingConnect && type != PacketType::Connect) {
        client.closeSilently(); // §3.1: the first packet must be CONNECT
        return;
    }
    if (!fixedHeaderFlagsValid(type, frame.flags())) {
        client.disconnect(ReasonCode::MalformedPacket);
        return;
    }
    switch (type) {
    case PacketType::Connect: handleConnect(core, client, frame); return;
    case PacketType::Publish: handlePublish(core, client, frame); return;
    case PacketType::Puback: handlePuback(core, client, frame); return;
    case PacketType::Pubrec: handlePubrec(core, client, frame); return;
    case PacketType::Pubrel: handlePubrel(core, client, frame); return;
    case PacketType::Pubcomp: handlePubcomp(core, client, frame); return;
    case PacketType::Subscribe: handleSubscribe(core, client, frame); return;
    case PacketType::Unsubscribe: handleUnsubscribe(core, client, frame); return;
    case PacketType::Pingreq: handlePingreq(core, client, frame); return;
    case PacketType::Disconnect: handleDisconnect(core, client, frame); return;
    case PacketType::Auth: handleAuth(core, client, frame); return;
    case PacketType::Connack:
    case PacketType::Suback:
    case PacketType::Unsuback:
    case PacketType::Pingresp: break; // server-to-client packets
    }
    client.disconnect(ReasonCode::ProtocolError); // type 0 and server-only packets
}

} // namespace bs::broker::handlers
