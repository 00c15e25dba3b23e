#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

namespace bs::broker::handlers {

using mqtt::ReasonCode;

// SUBSCRIBE (§3.8): each filter is granted or refused on its own in the SUBACK; retained
// messages follow the SUBACK, as Retain Handling asks (§3.8.4), and never for a shared
// subscription (§4.8.2). For a persistent session the SUBACK waits for the journal write.
void handleSubscribe(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame)
{
    mqtt::ByteReader reader(frame.body);
    const mqtt::SubscribePacket packet = mqtt::decodeSubscribe(reader, client.version());
    if (!reader.ok()) {
        client.disconnect(reader.error());
        return;
    }
    Session& session = *client.session();
    const quint32 subscriptionId = packet.properties.subscriptionIdentifiers.value(0, 0);

    struct RetainedToSend
    {
        mqtt::TopicFilter filter;
        SubscriptionOptions options;
    };
    QList<RetainedToSend> retainedToSend;
    QList<ReasonCode> reasons;
    reasons.reserve(packet.requests.size());
    for (const mqtt::SubscribeRequest& request : packet.requests) {
        const std::optional<mqtt::SharedFilter> parsed = mqtt::parseSubscriptionFilter(request.filter);
        if (!parsed || !parsed->filter.isValid()) {
            reasons.append(ReasonCode::TopicFilterInvalid);
            continue;
        }
        if (parsed->isShared() && request.noLocal) {
            client.disconnect(ReasonCode::ProtocolError); // §3.8.3-4
            return;
        }
        SubscriptionOptions options;
        options.qos = request.qos;
        options.noLocal = request.noLocal;
        options.retainAsPublished = request.retainAsPublished;
        options.retainHandling = request.retainHandling;
        options.subscriptionId = subscriptionId;
        const bool isNew = core.subscribe(session, request.filter, *parsed, options);
        reasons.append(static_cast<ReasonCode>(request.qos));
        const bool wantsRetained = request.retainHandling == 0 || (request.retainHandling == 1 && isNew);
        if (!parsed->isShared() && wantsRetained)
            retainedToSend.append({parsed->filter, options});
    }
    // A persistent session's new subscription is journaled before the SUBACK promises it.
    core.afterJournalCommit(client, [&core, packetId = packet.packetId, reasons, retainedToSend](ClientConnection& c) {
        c.send(mqtt::encodeSuback(c.version(), packetId, reasons));
        for (const RetainedToSend& entry : retainedToSend)
            core.sendRetained(*c.session(), entry.filter, entry.options);
    });
}

} // namespace bs::broker::handlers
