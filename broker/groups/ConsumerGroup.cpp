#include "broker/groups/ConsumerGroup.h"

using namespace Qt::StringLiterals;

namespace bs::broker {

ConsumerGroup::ConsumerGroup(QString name, int maxDeliveries, quint64 maxLag)
    : m_name(std::move(name)), m_maxDeliveries(maxDeliveries), m_maxLag(maxLag)
{
}

void ConsumerGroup::setLimits(int maxDeliveries, quint64 maxLag)
{
    m_maxDeliveries = maxDeliveries;
    m_maxLag = maxLag;
}

void ConsumerGroup::makeDurable(const QStringList& filters)
{
    m_durable = true;
    for (const QString& filter : filters) {
        if (!m_filters.contains(filter))
            m_filters.append(filter);
    }
}

void ConsumerGroup::addMember(const QString& clientId)
{
    if (!m_members.contains(clientId))
        m_members.append(clientId);
}

void ConsumerGroup::removeMember(const QString& clientId)
{
    m_members.removeAll(clientId);
    m_memberCounters.remove(clientId);
    for (auto& [topic, cursor] : m_cursors)
        cursor.returnMember(clientId);
}

TopicCursor& ConsumerGroup::cursorFor(const QString& topic, quint64 firstOffset)
{
    auto it = m_cursors.find(topic);
    if (it == m_cursors.end())
        it = m_cursors.emplace(topic, TopicCursor(firstOffset, firstOffset)).first;
    return it->second;
}

QList<DeadLetter> ConsumerGroup::noteAppended(const QString& topic, quint64 offset)
{
    TopicCursor& cursor = cursorFor(topic, offset);
    cursor.setEnd(offset + 1);
    QList<DeadLetter> trimmed;
    if (m_maxLag == 0)
        return trimmed;
    // The oldest waiting message of this topic goes while the group is over its limit.
    while (totals().lag > m_maxLag && cursor.dispatched() < cursor.end()
           && cursor.settleWaiting(cursor.dispatched())) {
        trimmed.append(DeadLetter{topic, cursor.dispatched() - 1, u"maxlen"_s, 0, {}});
        ++m_deadLettered;
    }
    return trimmed;
}

std::optional<GroupAssignment> ConsumerGroup::assign(const std::function<bool(const QString&)>& hasRoom,
                                                     QList<DeadLetter>* deadLetters)
{
    if (m_members.isEmpty() || m_cursors.empty())
        return std::nullopt;
    // The member: round robin, skipping those without room.
    // (The turn moves on only when something is handed out.)
    QString member;
    qsizetype chosen = 0;
    for (qsizetype i = 0; i < m_members.size(); ++i) {
        chosen = (m_nextMember + i) % m_members.size();
        if (hasRoom(m_members[chosen])) {
            member = m_members[chosen];
            break;
        }
    }
    if (member.isEmpty())
        return std::nullopt;
    // The topic: the next one after the last served that has something waiting.
    auto start = m_cursors.upper_bound(m_lastTopic);
    for (size_t tried = 0; tried < m_cursors.size(); ++tried, ++start) {
        if (start == m_cursors.end())
            start = m_cursors.begin();
        TopicCursor& cursor = start->second;
        while (cursor.hasWaiting()) {
            const std::optional<CursorDelivery> delivery = cursor.next(member);
            if (!delivery)
                break;
            if (delivery->deliveryCount > m_maxDeliveries) {
                cursor.acknowledge(delivery->offset); // poison: settled, never sent again
                ++m_deadLettered;
                if (deadLetters)
                    deadLetters->append(DeadLetter{start->first, delivery->offset, u"delivery_limit"_s,
                                                   delivery->deliveryCount - 1, {}});
                continue;
            }
            m_lastTopic = start->first;
            m_nextMember = (chosen + 1) % m_members.size();
            ++m_delivered;
            ++m_memberCounters[member].delivered;
            ++m_topicCounters[start->first].delivered;
            return GroupAssignment{member, start->first, *delivery};
        }
    }
    return std::nullopt;
}

bool ConsumerGroup::returnDelivery(const QString& topic, quint64 offset)
{
    TopicCursor* c = cursor(topic);
    return c && c->returnOffset(offset);
}

bool ConsumerGroup::acknowledge(const QString& topic, quint64 offset)
{
    TopicCursor* c = cursor(topic);
    if (!c)
        return false;
    const QString member = c->memberOf(offset);
    if (!c->acknowledge(offset))
        return false;
    ++m_acknowledged;
    ++m_topicCounters[topic].acknowledged;
    if (!member.isEmpty() && m_memberCounters.contains(member))
        ++m_memberCounters[member].acknowledged;
    return true;
}

std::optional<DeadLetter> ConsumerGroup::reject(const QString& topic, quint64 offset)
{
    return settle(topic, offset, u"rejected"_s);
}

std::optional<DeadLetter> ConsumerGroup::settle(const QString& topic, quint64 offset, const QString& reason)
{
    TopicCursor* c = cursor(topic);
    if (!c)
        return std::nullopt;
    DeadLetter letter{topic, offset, reason, c->deliveryCount(offset), c->memberOf(offset)};
    if (!c->acknowledge(offset) && !c->settleWaiting(offset))
        return std::nullopt;
    ++m_deadLettered;
    return letter;
}

void ConsumerGroup::restoreCursor(const QString& topic, quint64 committed, quint64 end)
{
    m_cursors.insert_or_assign(topic, TopicCursor(committed, end));
}

qsizetype ConsumerGroup::inFlightOf(const QString& clientId) const
{
    qsizetype count = 0;
    for (const auto& [topic, cursor] : m_cursors)
        count += cursor.inFlightOf(clientId);
    return count;
}

const TopicCursor* ConsumerGroup::cursor(const QString& topic) const
{
    const auto it = m_cursors.find(topic);
    return it == m_cursors.end() ? nullptr : &it->second;
}

TopicCursor* ConsumerGroup::cursor(const QString& topic)
{
    const auto it = m_cursors.find(topic);
    return it == m_cursors.end() ? nullptr : &it->second;
}

QStringList ConsumerGroup::topics() const
{
    QStringList list;
    for (const auto& [topic, cursor] : m_cursors)
        list.append(topic);
    return list;
}

GroupTotals ConsumerGroup::totals() const
{
    GroupTotals totals;
    totals.delivered = m_delivered;
    totals.acknowledged = m_acknowledged;
    totals.deadLettered = m_deadLettered;
    for (const auto& [topic, cursor] : m_cursors) {
        totals.lag += cursor.lag();
        totals.inFlight += quint64(cursor.inFlight());
        totals.waiting += cursor.waiting();
    }
    return totals;
}

} // namespace bs::broker
