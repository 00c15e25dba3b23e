// BrokerCore: routing — matching a message to subscriptions, picking shared-group members,
// and delivering within each client's Receive Maximum (§4.9), queueing the rest.

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/state/SessionRecords.h"

#include <algorithm>

namespace bs::broker {

namespace {

/// QoS 0 messages are dropped for a client whose socket has this much unsent data: a
/// slow reader must not make the broker buffer without bound.
constexpr qint64 kMaxPendingBytesForQos0 = 16 * 1024 * 1024;

Delivery makeDelivery(const MessagePtr& message, const SubscriptionOptions& options, bool retain)
{
    Delivery delivery;
    delivery.message = message;
    delivery.qos = std::min(message->qos, options.qos);
    delivery.retain = retain;
    if (options.subscriptionId != 0)
        delivery.subscriptionIds.append(options.subscriptionId);
    return delivery;
}

} // namespace

bool BrokerCore::subscribe(Session& session, const QString& filterText,
                           const mqtt::SharedFilter& filter, const SubscriptionOptions& options)
{
    const bool isNew = m_subscriptions.subscribe(session.clientId(), filter, options);
    session.subscriptions.insert(filterText, options);
    if (isJournaled(session))
        journal(journal::subscribe(session.journalKey, filterText, options));
    if (filter.isShared() && groupsEnabled())
        joinGroup(filter.group, session.clientId());
    updateGauges();
    return isNew;
}

bool BrokerCore::unsubscribe(Session& session, const QString& filterText)
{
    const auto parsed = mqtt::parseSubscriptionFilter(filterText);
    if (!parsed || !session.subscriptions.remove(filterText))
        return false;
    m_subscriptions.unsubscribe(session.clientId(), *parsed);
    if (isJournaled(session))
        journal(journal::unsubscribe(session.journalKey, filterText));
    if (parsed->isShared())
        leaveGroupIfLast(session, parsed->group);
    updateGauges();
    return true;
}

void BrokerCore::sendRetained(Session& session, const mqtt::TopicFilter& filter,
                              const SubscriptionOptions& options)
{
    // §3.3.1.3: retained messages sent on subscribe carry RETAIN=1.
    for (const MessagePtr& message : m_retained.matching(filter, nowMs()))
        deliver(session, makeDelivery(message, options, true));
    updateGauges();
}

int BrokerCore::publish(const MessagePtr& message)
{
    if (message->retain) {
        m_retained.apply(message);
        journalRetained(*message);
        updateGauges();
    }
    const TopicMatches matches = m_subscriptions.match(message->topic);
    const bool toGroups = groupsEnabled() && message->logOffset != Message::kNotStored;
    int routed = 0;
    for (const SubscriberRef& ref : matches.subscribers) {
        if (ref.options.noLocal && ref.clientId == message->originClientId)
            continue; // §3.8.3.1 No Local
        Session* session = findSession(ref.clientId);
        if (!session)
            continue;
        const bool retain = ref.options.retainAsPublished && message->retain; // §3.3.1.3
        deliver(*session, makeDelivery(message, ref.options, retain));
        ++routed;
    }
    if (toGroups)
        return routed + routeToGroups(message, matches.sharedGroups);
    for (SharedGroup* group : matches.sharedGroups) {
        // §4.8.2: one member per message; prefer connected members with window room,
        // then any connected member, then a disconnected member's persistent session.
        auto sessionOf = [this](const SubscriberRef& ref) { return findSession(ref.clientId); };
        const SubscriberRef* chosen = group->pick([&](const SubscriberRef& ref) {
            const Session* s = sessionOf(ref);
            return s && s->isConnected() && (message->qos == 0 || s->hasWindowRoom());
        });
        if (!chosen) {
            chosen = group->pick([&](const SubscriberRef& ref) {
                const Session* s = sessionOf(ref);
                return s && s->isConnected();
            });
        }
        if (!chosen)
            chosen = group->pick([&](const SubscriberRef& ref) { return sessionOf(ref) != nullptr; });
        if (!chosen)
            continue;
        const bool retain = chosen->options.retainAsPublished && message->retain;
        deliver(*sessionOf(*chosen), makeDelivery(message, chosen->options, retain));
        ++routed;
    }
    return routed;
}

void BrokerCore::deliver(Session& session, Delivery delivery)
{
    if (delivery.qos == 0) {
        if (!session.isConnected() || !transmit(session, delivery, 0, false))
            m_counters.add(m_counters.messagesDropped);
        return;
    }
    if (session.isConnected() && session.queue.empty() && session.hasWindowRoom()) {
        const quint16 packetId = session.allocatePacketId();
        if (transmit(session, delivery, packetId, false)) {
            journalDelivery(session, delivery, packetId);
            const auto state = delivery.qos == 1 ? InflightMessage::State::AwaitingPuback
                                                 : InflightMessage::State::AwaitingPubrec;
            session.inflight.insert(packetId,
                                    InflightMessage{std::move(delivery), state, session.nextSequence()});
        } else {
            m_counters.add(m_counters.messagesDropped);
        }
        return;
    }
    if (session.queue.size() >= m_config.maxQueuedMessages) {
        m_counters.add(m_counters.messagesDropped); // like Mosquitto: the newest is dropped
        return;
    }
    journalDelivery(session, delivery, 0);
    session.queue.push_back(std::move(delivery));
    ++m_queuedTotal;
    m_counters.set(m_counters.queuedMessages, quint64(m_queuedTotal));
    // A connected reader falling behind live traffic holds the publishers back (flow
    // control) instead of its queue overflowing. Only a queue that grows past the mark
    // counts: a backlog it reconnected to must not stop everyone's intake while it drains.
    if (session.isConnected() && session.queue.size() == queueHighMark())
        m_intakeThrottle.setQueueCongested(session.connection->transport(), true);
}

size_t BrokerCore::queueHighMark() const
{
    return std::clamp<size_t>(m_config.maxQueuedMessages / 2, 1, 1000);
}

bool BrokerCore::transmit(Session& session, const Delivery& delivery, quint16 packetId, bool dup)
{
    ClientConnection* connection = session.connection;
    const Message& message = *delivery.message;
    const qint64 now = nowMs();
    if (message.isExpired(now)) // §3.3.2.3.3: expired messages are not delivered
        return false;
    if (delivery.qos == 0 && connection->pendingBytes() > kMaxPendingBytesForQos0)
        return false;
    // The message's own properties, unless this delivery changes them (§3.3.2-6: the
    // expiry left; §3.3.4: this subscription's identifiers) — the common case copies none.
    const mqtt::Properties* properties = &message.properties;
    std::optional<mqtt::Properties> adjusted;
    const auto remaining = message.remainingExpiry(now);
    if (remaining || !delivery.subscriptionIds.isEmpty()
        || !message.properties.subscriptionIdentifiers.isEmpty()) {
        adjusted = message.properties;
        if (remaining)
            adjusted->messageExpiryInterval = *remaining;
        adjusted->subscriptionIdentifiers = delivery.subscriptionIds;
        properties = &*adjusted;
    }
    // Encoded into a buffer that keeps its allocation from one delivery to the next.
    m_encodeBuffer.truncate(0);
    mqtt::appendPublish(m_encodeBuffer, session.version,
                        mqtt::PublishHeader{message.topic, packetId, delivery.qos, delivery.retain, dup},
                        *properties, message.payload);
    if (session.clientMaximumPacketSize > 0
        && quint64(m_encodeBuffer.size()) > session.clientMaximumPacketSize)
        return false; // §3.1.2-24: discard as if delivered
    connection->send(m_encodeBuffer);
    m_counters.add(m_counters.messagesSent);
    return true;
}

void BrokerCore::pump(Session& session)
{
    while (session.isConnected() && session.hasWindowRoom() && !session.queue.empty()) {
        if (!session.queue.front().message && !loadQueued(session))
            break;
        Delivery delivery = std::move(session.queue.front());
        session.queue.pop_front();
        --m_queuedTotal;
        const quint16 packetId = session.allocatePacketId();
        if (!transmit(session, delivery, packetId, false)) {
            journalDone(session, delivery);
            m_counters.add(m_counters.messagesDropped);
            continue;
        }
        journalDelivery(session, delivery, packetId);
        const auto state = delivery.qos == 1 ? InflightMessage::State::AwaitingPuback
                                             : InflightMessage::State::AwaitingPubrec;
        session.inflight.insert(packetId,
                                InflightMessage{std::move(delivery), state, session.nextSequence()});
    }
    m_counters.set(m_counters.queuedMessages, quint64(m_queuedTotal));
    if (session.isConnected() && session.queue.size() <= queueHighMark() / 4)
        m_intakeThrottle.setQueueCongested(session.connection->transport(), false);
}

void BrokerCore::completeInflight(Session& session, quint16 packetId, mqtt::ReasonCode reason)
{
    const auto it = session.inflight.constFind(packetId);
    if (it == session.inflight.cend())
        return;
    const Delivery delivery = it->delivery;
    journalDone(session, delivery);
    session.inflight.remove(packetId);
    pump(session);
    if (!delivery.group.isEmpty())
        finishGroupDelivery(delivery, reason);
    else if (groupsEnabled() && session.queue.empty() && session.hasWindowRoom())
        pumpGroupsOf(session); // the window freed by a plain delivery may serve its groups
}

void BrokerCore::resumeDelivery(Session& session)
{
    // §4.4: re-send unacknowledged PUBLISH with DUP=1 and PUBREL, in the original order.
    for (const quint16 packetId : session.inflightInSendOrder()) {
        InflightMessage& inflight = session.inflight[packetId];
        if (inflight.state == InflightMessage::State::AwaitingPubcomp) {
            session.connection->send(
                mqtt::encodeAck(session.version, mqtt::PacketType::Pubrel, packetId));
        } else if (!transmit(session, inflight.delivery, packetId, true)) {
            journalDone(session, inflight.delivery);
            session.inflight.remove(packetId);
            m_counters.add(m_counters.messagesDropped);
        }
    }
    pump(session);
    pumpGroupsOf(session);
}

} // namespace bs::broker
