// BrokerCore: consumer groups as the admin API sees them (issue 5) — listing (shared
// groups, durable groups, and each persistent session's plain subscriptions shown as a
// group of one), creating a durable group, changing its limits, deleting it, seeking.
//
// A durable group (createGroup) exists without members: its filters sit in
// m_durableFilters, a subscription trie of their own that publish() consults beside the
// members' subscriptions, so the group's backlog keeps growing while nobody is connected.
// A group made by members only lives while one of their sessions does (dropGroup).

#include "broker/core/AdminJson.h"
#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/state/SessionRecords.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {

using AdminError = BrokerCore::AdminErrorText;

/// maxDeliveries and maxLag from the request into definition (0: the broker's default).
AdminError readLimits(const QJsonObject& request, GroupDefinition* definition)
{
    QString error;
    const auto maxDeliveries = integerField(request, u"maxDeliveries"_s, &error, 1000000);
    const auto maxLag = integerField(request, u"maxLag"_s, &error, std::numeric_limits<qint32>::max());
    if (maxDeliveries)
        definition->maxDeliveries = int(*maxDeliveries);
    if (maxLag)
        definition->maxLag = quint64(*maxLag);
    return error.isEmpty() ? AdminError{} : AdminError{u"bad-request"_s, error};
}

bool isValidGroupName(const QString& name)
{
    // §4.8.2: a ShareName is at least one character and holds no '/', '+' or '#'.
    return !name.isEmpty() && !name.contains(u'/') && !name.contains(u'+') && !name.contains(u'#');
}

} // namespace

bool BrokerCore::anyMemberConnected(const ConsumerGroup& group) const
{
    for (const QString& member : group.members()) {
        const Session* session = findSession(member);
        if (session && session->isConnected())
            return true;
    }
    return false;
}

void BrokerCore::memberLeft(ConsumerGroup& group, const QString& clientId)
{
    group.removeMember(clientId); // what it had in flight goes to the others
    if (group.members().isEmpty() && !group.isDurable())
        dropGroup(group.name()); // nobody's session holds the group any more
    else
        pumpGroup(group);
}

void BrokerCore::dropGroup(const QString name) // a copy: the group owns the string it is named by
{
    ConsumerGroup* group = findGroup(name);
    if (!group)
        return;
    for (const QString& filter : group->filters()) {
        if (const auto parsed = mqtt::parseSubscriptionFilter(u"$share/"_s + name + u'/' + filter))
            m_durableFilters.unsubscribe(QString(), *parsed);
    }
    for (auto it = m_dirtyCursors.begin(); it != m_dirtyCursors.end();)
        it = it->first == name ? m_dirtyCursors.erase(it) : std::next(it);
    m_groupRates.remove(name);
    m_groups.erase(name);
    if (m_journal) {
        journal(journal::groupDelete(name));
        scheduleCommit();
    }
}

void BrokerCore::journalGroupDefinition(const ConsumerGroup& group)
{
    if (!m_journal)
        return;
    journal(journal::groupDefine(group.name(), groupDefinition(group)));
    scheduleCommit();
}

GroupDefinition BrokerCore::groupDefinition(const ConsumerGroup& group) const
{
    GroupDefinition definition;
    definition.filters = group.filters();
    definition.durable = group.isDurable();
    definition.maxDeliveries = group.maxDeliveries() == m_config.groupMaxDeliveries ? 0 : group.maxDeliveries();
    definition.maxLag = group.maxLag() == m_config.groupMaxLag ? 0 : group.maxLag();
    return definition;
}

void BrokerCore::applyGroupDefinition(ConsumerGroup& group, const GroupDefinition& definition)
{
    group.setLimits(definition.maxDeliveries > 0 ? definition.maxDeliveries : m_config.groupMaxDeliveries,
                    definition.maxLag > 0 ? definition.maxLag : m_config.groupMaxLag);
    if (!definition.durable)
        return;
    group.makeDurable(definition.filters);
    for (const QString& filter : definition.filters) {
        if (const auto parsed = mqtt::parseSubscriptionFilter(u"$share/"_s + group.name() + u'/' + filter))
            m_durableFilters.subscribe(QString(), *parsed, SubscriptionOptions{});
    }
}

BrokerCore::AdminErrorText BrokerCore::createGroup(const QJsonObject& request, QJsonObject* result)
{
    const QString name = request.value(u"group"_s).toString();
    if (!isValidGroupName(name))
        return {u"bad-request"_s, u"'group' must be a share name: not empty, without '/', '+' or '#'"_s};
    QStringList filters;
    if (request.value(u"filter"_s).isString())
        filters.append(request.value(u"filter"_s).toString());
    for (const QJsonValue& value : request.value(u"filters"_s).toArray())
        filters.append(value.toString());
    if (filters.isEmpty())
        return {u"bad-request"_s, u"a group needs 'filter' or 'filters'"_s};
    for (const QString& filter : std::as_const(filters)) {
        if (!mqtt::TopicFilter(filter).isValid())
            return {u"bad-request"_s, u"'%1' is not a valid topic filter"_s.arg(filter)};
    }
    const QString start = request.value(u"start"_s).toString(u"latest"_s);
    if (start != u"latest" && start != u"earliest")
        return {u"bad-request"_s, u"'start' must be latest or earliest"_s};
    GroupDefinition definition;
    if (const AdminError error = readLimits(request, &definition); !error.code.isEmpty())
        return error;
    ConsumerGroup* existing = findGroup(name);
    if (existing && existing->isDurable())
        return {u"exists"_s, u"group '%1' exists already (configureGroup changes its limits)"_s.arg(name)};

    ConsumerGroup& group = groupNamed(name); // a group its members made becomes durable
    definition.durable = true;
    definition.filters = filters;
    applyGroupDefinition(group, definition);
    // Topics that exist already: from their end (the next message), or their earliest kept.
    for (const storage::TopicSummary& topic : m_store->topics()) {
        if (group.cursor(topic.topic))
            continue;
        const mqtt::TopicName topicName(topic.topic);
        for (const QString& filter : std::as_const(filters)) {
            if (mqtt::TopicFilter(filter).match(topicName)) {
                group.restoreCursor(topic.topic, start == u"earliest" ? topic.startOffset : topic.endOffset,
                                    topic.endOffset);
                markCursorDirty(name, topic.topic);
                break;
            }
        }
    }
    journalGroupDefinition(group);
    pumpGroup(group);
    *result = groupJson(group);
    return {};
}

BrokerCore::AdminErrorText BrokerCore::configureGroup(const QJsonObject& request, QJsonObject* result)
{
    ConsumerGroup* group = findGroup(request.value(u"group"_s).toString());
    if (!group)
        return {u"not-found"_s, u"no group '%1'"_s.arg(request.value(u"group"_s).toString())};
    GroupDefinition definition = groupDefinition(*group);
    if (const AdminError error = readLimits(request, &definition); !error.code.isEmpty())
        return error;
    definition.filters.clear(); // already in place
    applyGroupDefinition(*group, definition);
    journalGroupDefinition(*group);
    pumpGroup(*group);
    *result = groupJson(*group);
    return {};
}

BrokerCore::AdminErrorText BrokerCore::deleteGroup(const QJsonObject& request, QJsonObject* result)
{
    const QString name = request.value(u"group"_s).toString();
    ConsumerGroup* group = findGroup(name);
    if (!group)
        return {u"not-found"_s, u"no group '%1'"_s.arg(name)};
    if (anyMemberConnected(*group) && !request.value(u"force"_s).toBool())
        return {u"conflict"_s, u"group '%1' has members connected; delete with \"force\": true"_s.arg(name)};
    dropGroup(name);
    // Members still subscribed start a new group from the next message (groupNamed).
    *result = {{u"group"_s, name}, {u"deleted"_s, true}};
    return {};
}

BrokerCore::AdminErrorText BrokerCore::seekGroup(const QJsonObject& request, QJsonObject* result)
{
    ConsumerGroup* group = findGroup(request.value(u"group"_s).toString());
    if (!group)
        return {u"not-found"_s, u"no group '%1'"_s.arg(request.value(u"group"_s).toString())};
    const QString to = request.value(u"to"_s).toString();
    if (to != u"earliest" && to != u"latest" && to != u"offset" && to != u"time")
        return {u"bad-request"_s, u"'to' must be earliest, latest, offset or time"_s};
    QString fieldError;
    const auto offset = integerField(request, u"offset"_s, &fieldError);
    const auto time = integerField(request, u"time"_s, &fieldError);
    if (!fieldError.isEmpty())
        return {u"bad-request"_s, fieldError};
    if ((to == u"offset" && !offset) || (to == u"time" && !time))
        return {u"bad-request"_s, u"seek to %1 needs '%1'"_s.arg(to)};
    if (anyMemberConnected(*group) && !request.value(u"force"_s).toBool())
        return {u"conflict"_s, u"group '%1' has members connected; seek with \"force\": true"_s.arg(group->name())};
    const QString onlyTopic = request.value(u"topic"_s).toString();
    QJsonArray moved;
    for (const QString& topic : group->topics()) {
        if (!onlyTopic.isEmpty() && topic != onlyTopic)
            continue;
        const auto summary = m_store->topic(topic);
        if (!summary)
            continue;
        quint64 target = summary->endOffset;
        if (to == u"earliest")
            target = summary->startOffset;
        else if (to == u"offset")
            target = std::clamp<quint64>(quint64(*offset), summary->startOffset, summary->endOffset);
        else if (to == u"time")
            target = m_store->findOffsetForTime(topic, *time).value_or(summary->endOffset);
        TopicCursor* cursor = group->cursor(topic);
        cursor->seek(target);
        cursor->setEnd(summary->endOffset);
        markCursorDirty(group->name(), topic);
        moved.append(QJsonObject{{u"topic"_s, topic}, {u"committed"_s, qint64(target)}, {u"lag"_s, qint64(cursor->lag())}});
    }
    pumpGroup(*group);
    *result = {{u"group"_s, group->name()}, {u"topics"_s, moved}};
    return {};
}

QJsonObject BrokerCore::groupJson(const ConsumerGroup& group) const
{
    const GroupTotals totals = group.totals();
    const GroupRateSample rates = m_groupRates.value(group.name());
    QJsonArray topics;
    double lagSeconds = 0;
    for (const QString& topic : group.topics()) {
        const TopicCursor* cursor = group.cursor(topic);
        const MemberCounters counters = group.topicCounters(topic);
        const RateSample topicRates = rates.topics.value(topic);
        const double topicLagSeconds = oldestUnacknowledgedAgeSeconds(group, topic);
        lagSeconds = std::max(lagSeconds, topicLagSeconds);
        topics.append(QJsonObject{{u"topic"_s, topic},
                                  {u"committed"_s, qint64(cursor->committed())},
                                  {u"end"_s, qint64(cursor->end())},
                                  {u"lag"_s, qint64(cursor->lag())},
                                  {u"lagSeconds"_s, topicLagSeconds},
                                  {u"inflight"_s, qint64(cursor->inFlight())},
                                  {u"delivered"_s, qint64(counters.delivered)},
                                  {u"acknowledged"_s, qint64(counters.acknowledged)},
                                  {u"deliveredPerSecond"_s, topicRates.deliveredPerSecond},
                                  {u"acknowledgedPerSecond"_s, topicRates.acknowledgedPerSecond}});
    }
    QJsonArray members;
    for (const QString& member : group.members()) {
        const Session* session = findSession(member);
        const bool connected = session && session->isConnected();
        members.append(QJsonObject{{u"clientId"_s, member},
                                   {u"connected"_s, connected},
                                   {u"address"_s, connected ? session->connection->peerAddress() : QString()},
                                   {u"inflight"_s, qint64(group.inFlightOf(member))},
                                   {u"delivered"_s, qint64(group.memberCounters(member).delivered)},
                                   {u"acknowledged"_s, qint64(group.memberCounters(member).acknowledged)}});
    }
    return {{u"group"_s, group.name()},
            {u"kind"_s, group.isDurable() ? u"durable"_s : u"shared"_s},
            {u"filters"_s, QJsonArray::fromStringList(group.isDurable() ? group.filters() : memberFilters(group.name()))},
            {u"members"_s, members},
            {u"lag"_s, qint64(totals.lag)},
            {u"lagSeconds"_s, lagSeconds},
            {u"inflight"_s, qint64(totals.inFlight)},
            {u"waiting"_s, qint64(totals.waiting)},
            {u"delivered"_s, qint64(totals.delivered)},
            {u"acknowledged"_s, qint64(totals.acknowledged)},
            {u"deliveredPerSecond"_s, rates.total.deliveredPerSecond},
            {u"acknowledgedPerSecond"_s, rates.total.acknowledgedPerSecond},
            {u"deadLetters"_s, qint64(totals.deadLettered)},
            {u"maxDeliveries"_s, group.maxDeliveries()},
            {u"maxLag"_s, qint64(group.maxLag())},
            {u"topics"_s, topics}};
}

QStringList BrokerCore::memberFilters(const QString& group) const
{
    QStringList filters;
    const QString prefix = u"$share/"_s + group + u'/';
    const ConsumerGroup* consumerGroup = findGroup(group);
    for (const QString& member : consumerGroup ? consumerGroup->members() : QStringList()) {
        const Session* session = findSession(member);
        if (!session)
            continue;
        for (auto it = session->subscriptions.cbegin(); it != session->subscriptions.cend(); ++it) {
            if (it.key().startsWith(prefix) && !filters.contains(it.key().mid(prefix.size())))
                filters.append(it.key().mid(prefix.size()));
        }
    }
    return filters;
}

QJsonArray BrokerCore::sessionGroupsJson() const
{
    // Issue 5: a persistent session's plain subscriptions, shown as a group of one named
    // after its client id. Its backlog is its queue: lag is queued plus in flight.
    QJsonArray list;
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    for (const auto& session : m_sessions) {
        if (session->expiryInterval == 0)
            continue;
        QStringList filters;
        for (auto it = session->subscriptions.cbegin(); it != session->subscriptions.cend(); ++it) {
            if (!it.key().startsWith(u"$share/"))
                filters.append(it.key());
        }
        if (filters.isEmpty())
            continue;
        qint64 inflight = 0;
        qint64 oldestMs = 0;
        for (const InflightMessage& message : session->inflight) {
            if (!message.delivery.group.isEmpty())
                continue;
            ++inflight;
            if (message.delivery.message && (oldestMs == 0 || message.delivery.message->arrivalMs < oldestMs))
                oldestMs = message.delivery.message->arrivalMs;
        }
        if (!session->queue.empty() && session->queue.front().message
            && (oldestMs == 0 || session->queue.front().message->arrivalMs < oldestMs))
            oldestMs = session->queue.front().message->arrivalMs;
        const bool connected = session->isConnected();
        list.append(QJsonObject{
            {u"group"_s, session->clientId()},
            {u"kind"_s, u"session"_s},
            {u"filters"_s, QJsonArray::fromStringList(filters)},
            {u"members"_s, QJsonArray{QJsonObject{{u"clientId"_s, session->clientId()},
                                                  {u"connected"_s, connected},
                                                  {u"address"_s, connected ? session->connection->peerAddress() : QString()},
                                                  {u"inflight"_s, inflight}}}},
            {u"lag"_s, qint64(session->queue.size()) + inflight},
            {u"lagSeconds"_s, oldestMs > 0 ? std::max<qint64>(0, now - oldestMs) / 1000.0 : 0.0},
            {u"inflight"_s, inflight},
            {u"waiting"_s, qint64(session->queue.size())},
            {u"topics"_s, QJsonArray()}});
    }
    return list;
}

} // namespace bs::broker
