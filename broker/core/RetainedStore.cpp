#include "broker/core/RetainedStore.h"

namespace bs::broker {

void RetainedStore::apply(const MessagePtr& message)
{
    if (message->payload.isEmpty())
        m_messages.remove(message->topic); // §3.3.1.3: zero-byte retained message clears
    else
        m_messages.insert(message->topic, message);
}

QList<MessagePtr> RetainedStore::matching(const mqtt::TopicFilter& filter, qint64 nowMs)
{
    QList<MessagePtr> out;
    if (!filter.hasWildcards()) {
        const MessagePtr message = m_messages.value(filter.toString());
        if (message && !message->isExpired(nowMs))
            out.append(message);
        return out;
    }
    for (auto it = m_messages.begin(); it != m_messages.end();) {
        if ((*it)->isExpired(nowMs)) {
            it = m_messages.erase(it);
            continue;
        }
        if (filter.match(mqtt::TopicName(it.key())))
            out.append(*it);
        ++it;
    }
    std::sort(out.begin(), out.end(),
              [](const MessagePtr& a, const MessagePtr& b) { return a->topic < b->topic; });
    return out;
}

} // namespace bs::broker
