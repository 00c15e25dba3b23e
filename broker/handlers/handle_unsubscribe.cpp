#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::ReasonCode;

// UNSUBSCRIBE (§3.10): one reason per filter; a filter with no subscription gets 0x11.
void handleUnsubscribe(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    const mqtt::UnsubscribePacket packet = mqtt::decodeUnsubscribe(reader, client.version());
    if (!reader.ok()) {
        client.disconnect(reader.error());
        return;
    }
    Session& session = *client.session();
    QList<ReasonCode> reasons;
    for (const QString& filter : packet.filters) {
        reasons.append(core.unsubscribe(session, filter) ? ReasonCode::Success
                                                          : ReasonCode::NoSubscriptionExisted);
    }
    core.afterJournalCommit(client, [packetId = packet.packetId, reasons](ClientConnection& c) {
        c.send(mqtt::encodeUnsuback(c.version(), packetId, reasons));
    });
}

} // namespace bs::broker::handlers
