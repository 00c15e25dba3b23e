#pragma once
// Retained messages, one per topic (§3.3.1.3). A subscribe scans the store for matches;
// the console's retained views and $SYS count read it too.

#include "broker/core/Message.h"
#include "broker/protocol/Topic.h"

#include <QHash>
#include <QList>

namespace bs::broker {

class RetainedStore
{
public:
    /// Stores, replaces, or (empty payload) clears the topic's retained message.
    void apply(const MessagePtr& message);
    QList<MessagePtr> matching(const mqtt::TopicFilter& filter, qint64 nowMs);
    qsizetype count() const { return m_messages.size(); }
    QList<MessagePtr> all() const { return m_messages.values(); }
    bool contains(const QString& topic) const { return m_messages.contains(topic); }
    void clear() { m_messages.clear(); }

private:
    QHash<QString, MessagePtr> m_messages;
};

} // namespace bs::broker
