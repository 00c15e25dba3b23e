// BrokerCore: consumer groups (issue 5). With storage, the members of $share/<group>/...
// form one ConsumerGroup: a message for the group is appended to its topic's log and
// stays there until a member has room in its receive window; then the group's cursor
// hands it out, round robin. PUBACK/PUBCOMP move the group's committed offset; an error
// reason code dead-letters the message; a member that disconnects gives its QoS 1
// messages back for another member (with DUP); a message handed out more than the
// delivery limit is dead-lettered. Dead letters are published to $DLQ/<group>/<topic>
// with the original message and user properties that say why (README: dead letters).
// Without storage there is no log to wait in: shared groups use Routing.cpp's pick.

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/state/JournalFile.h"
#include "broker/state/SessionRecords.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {

/// The member's options for the group's subscription that matches topic (nullopt: the
/// session holds no subscription of the group, or none that matches a non-empty topic).
std::optional<SubscriptionOptions> groupOptions(const Session& session, const QString& group,
                                                const QString& topic)
{
    const QString prefix = u"$share/"_s + group + u'/';
    const mqtt::TopicName name(topic);
    for (auto it = session.subscriptions.cbegin(); it != session.subscriptions.cend(); ++it) {
        if (it.key().startsWith(prefix)
            && (topic.isEmpty() || mqtt::TopicFilter(it.key().mid(prefix.size())).match(name)))
            return it.value();
    }
    return std::nullopt;
}

bool isMemberOf(const Session& session, const QString& group)
{
    return groupOptions(session, group, QString()).has_value();
}

} // namespace

ConsumerGroup* BrokerCore::findGroup(const QString& name) const
{
    const auto it = m_groups.find(name);
    return it == m_groups.end() ? nullptr : it->second.get();
}

ConsumerGroup& BrokerCore::groupNamed(const QString& name)
{
    auto it = m_groups.find(name);
    if (it != m_groups.end())
        return *it->second;
    it = m_groups.emplace(name, std::make_unique<ConsumerGroup>(name, m_config.groupMaxDeliveries,
                                                                m_config.groupMaxLag)).first;
    // A group deleted through the admin API while members stayed subscribed starts over
    // with them (rare: a walk over the sessions).
    for (const auto& session : std::as_const(m_sessions)) {
        if (isMemberOf(*session, name))
            it->second->addMember(session->clientId());
    }
    return *it->second;
}

void BrokerCore::joinGroup(const QString& group, const QString& clientId)
{
    groupNamed(group).addMember(clientId);
    // The backlog starts flowing after the SUBACK the handler is about to send.
    QMetaObject::invokeMethod(this, [this, group] {
        if (ConsumerGroup* consumerGroup = findGroup(group))
            pumpGroup(*consumerGroup);
    }, Qt::QueuedConnection);
}

void BrokerCore::leaveGroupIfLast(const Session& session, const QString& group)
{
    ConsumerGroup* consumerGroup = findGroup(group);
    if (consumerGroup && !isMemberOf(session, group))
        memberLeft(*consumerGroup, session.clientId());
}

int BrokerCore::routeToGroups(const MessagePtr& message, const QList<SharedGroup*>& groups)
{
    int routed = 0;
    QSet<QString> seen; // one copy per group, whichever of its filters matched
    m_lastAppended.insert(message->topic, message);
    QList<SharedGroup*> all = groups;
    if (m_durableFilters.count() > 0)
        all += m_durableFilters.match(message->topic).sharedGroups; // no member needed
    for (const SharedGroup* shared : std::as_const(all)) {
        if (seen.contains(shared->name))
            continue;
        seen.insert(shared->name);
        ConsumerGroup& group = groupNamed(shared->name);
        for (const DeadLetter& letter : group.noteAppended(message->topic, message->logOffset))
            deadLetter(group, letter, std::nullopt);
        markCursorDirty(group.name(), message->topic);
        pumpGroup(group);
        ++routed;
    }
    return routed;
}

MessagePtr BrokerCore::groupMessage(const QString& topic, quint64 offset)
{
    const MessagePtr last = m_lastAppended.value(topic);
    if (last && last->logOffset == offset)
        return last;
    if (!m_store)
        return nullptr;
    const storage::LogPage page = m_store->read(topic, offset, 1);
    if (page.records.isEmpty() || page.records.first().offset != offset)
        return nullptr;
    return messageFromRecord(page.records.first());
}

void BrokerCore::pumpGroup(ConsumerGroup& group)
{
    const auto hasRoom = [this](const QString& clientId) {
        const Session* session = findSession(clientId);
        return session && session->isConnected() && session->hasWindowRoom() && session->queue.empty();
    };
    QList<DeadLetter> dead;
    while (const std::optional<GroupAssignment> assignment = group.assign(hasRoom, &dead)) {
        const QString& topic = assignment->topic;
        const quint64 offset = assignment->delivery.offset;
        markCursorDirty(group.name(), topic);
        MessagePtr message = groupMessage(topic, offset);
        // A replayed dead letter waits in $REPLAY/<group>/<topic>; it goes out under <topic>.
        const QString deliveredTopic = replaySourceTopic(topic);
        if (message && deliveredTopic != topic) {
            auto copy = std::make_shared<Message>(*message);
            copy->topic = deliveredTopic;
            message = std::move(copy);
        }
        Session* session = findSession(assignment->member);
        const auto options = session && !deliveredTopic.isEmpty()
            ? groupOptions(*session, group.name(), deliveredTopic) : std::nullopt;
        if (!message || !options) {
            group.acknowledge(topic, offset); // gone from the log (retention) or no longer subscribed
            continue;
        }
        if (message->isExpired(nowMs())) { // §3.3.2.3.3, and the group keeps why
            if (const auto letter = group.settle(topic, offset, u"expired"_s))
                deadLetter(group, *letter, std::nullopt);
            continue;
        }
        Delivery delivery;
        delivery.message = message;
        delivery.qos = std::min(message->qos, options->qos);
        delivery.retain = options->retainAsPublished && message->retain;
        if (options->subscriptionId != 0)
            delivery.subscriptionIds.append(options->subscriptionId);
        delivery.group = group.name();
        delivery.logTopic = topic;
        delivery.logOffset = offset;
        const bool dup = assignment->delivery.redelivery && delivery.qos > 0;
        const quint16 packetId = delivery.qos > 0 ? session->allocatePacketId() : 0;
        if (!transmit(*session, delivery, packetId, dup)) {
            group.acknowledge(topic, offset); // too large for the client: discarded (§3.1.2-24)
            m_counters.add(m_counters.messagesDropped);
            continue;
        }
        if (delivery.qos == 0) {
            group.acknowledge(topic, offset); // QoS 0: acknowledged when sent
            continue;
        }
        // Not journaled in the session: after a restart the group hands out again from its
        // committed offset, which is journaled (markCursorDirty).
        const auto state = delivery.qos == 1 ? InflightMessage::State::AwaitingPuback
                                             : InflightMessage::State::AwaitingPubrec;
        session->inflight.insert(packetId, InflightMessage{std::move(delivery), state, session->nextSequence()});
    }
    for (const DeadLetter& letter : std::as_const(dead)) {
        markCursorDirty(group.name(), letter.topic);
        deadLetter(group, letter, std::nullopt);
    }
}

void BrokerCore::finishGroupDelivery(const Delivery& delivery, mqtt::ReasonCode reason)
{
    ConsumerGroup* group = findGroup(delivery.group);
    if (!group)
        return;
    markCursorDirty(group->name(), delivery.logTopic);
    if (mqtt::isError(reason)) {
        // §4.8.2 forbids sending it to another member; the group keeps it as a dead letter.
        if (const auto letter = group->reject(delivery.logTopic, delivery.logOffset))
            deadLetter(*group, *letter, reason);
    } else {
        group->acknowledge(delivery.logTopic, delivery.logOffset);
    }
    pumpGroup(*group);
}

void BrokerCore::returnGroupDeliveries(Session& session)
{
    QSet<QString> touched;
    for (auto it = session.inflight.begin(); it != session.inflight.end();) {
        const Delivery& delivery = it->delivery;
        // QoS 2 stays with its member (§4.3.3); QoS 1 may go to another member (§4.8.2).
        if (delivery.group.isEmpty() || delivery.qos != 1) {
            ++it;
            continue;
        }
        if (ConsumerGroup* group = findGroup(delivery.group)) {
            group->returnDelivery(delivery.logTopic, delivery.logOffset);
            touched.insert(delivery.group);
        }
        journalDone(session, delivery);
        it = session.inflight.erase(it);
    }
    for (const QString& name : std::as_const(touched)) {
        if (ConsumerGroup* group = findGroup(name))
            pumpGroup(*group);
    }
}

void BrokerCore::markCursorDirty(const QString& group, const QString& topic)
{
    if (!m_journal)
        return;
    m_dirtyCursors.emplace(group, topic);
    scheduleCommit();
}

void BrokerCore::journalGroupCursors()
{
    for (const auto& [name, topic] : m_dirtyCursors) {
        if (const ConsumerGroup* group = findGroup(name)) {
            if (const TopicCursor* cursor = group->cursor(topic))
                m_journal->append(journal::groupOffset(name, topic, cursor->committed()));
        }
    }
    m_dirtyCursors.clear();
}

void BrokerCore::restoreGroups(const PersistedState& state)
{
    for (auto definition = state.groupDefinitions.cbegin(); definition != state.groupDefinitions.cend(); ++definition) {
        // A durable group exists by itself; a member-made one only if a member's session came back.
        ConsumerGroup* group = definition->durable ? &groupNamed(definition.key()) : findGroup(definition.key());
        if (group)
            applyGroupDefinition(*group, definition.value());
    }
    for (auto group = state.groupOffsets.cbegin(); group != state.groupOffsets.cend(); ++group) {
        if (!findGroup(group.key()))
            continue; // no durable definition and no member session came back: it ended
        ConsumerGroup& consumerGroup = groupNamed(group.key());
        for (auto topic = group->cbegin(); topic != group->cend(); ++topic) {
            const auto summary = m_store ? m_store->topic(topic.key()) : std::nullopt;
            const quint64 end = summary ? summary->endOffset : topic.value();
            // Offsets deleted by retention meanwhile are not owed any more.
            const quint64 committed = summary ? std::max(topic.value(), summary->startOffset) : topic.value();
            consumerGroup.restoreCursor(topic.key(), committed, end);
        }
    }
}

void BrokerCore::pumpGroupsOf(const Session& session)
{
    for (auto it = session.subscriptions.cbegin(); it != session.subscriptions.cend(); ++it) {
        if (!it.key().startsWith(u"$share/"))
            continue;
        const auto parsed = mqtt::parseSubscriptionFilter(it.key());
        if (parsed && parsed->isShared()) {
            if (ConsumerGroup* group = findGroup(parsed->group))
                pumpGroup(*group);
        }
    }
}

} // namespace bs::broker
