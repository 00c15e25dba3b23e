#include "models/groups/GroupStatsFeed.h"

#include "models/groups/GroupTableModel.h"
#include "models/lag/LagHistory.h"

using namespace Qt::StringLiterals;

namespace bs::models {

GroupStatsFeed::GroupStatsFeed(GroupTableModel& groups, LagHistory& history, QObject* parent)
    : QObject(parent), m_groups(groups), m_history(history)
{
}

bool GroupStatsFeed::isGroupStatsTopic(const QString& topic)
{
    return topic.startsWith(kTopicPrefix);
}

std::optional<GroupStatsFeed::StatTopic> GroupStatsFeed::parseTopic(const QString& topic)
{
    if (!isGroupStatsTopic(topic))
        return std::nullopt;
    const QStringView rest = QStringView(topic).mid(kTopicPrefix.size());
    const qsizetype slash = rest.indexOf(u'/');
    // A share name has no '/', so the key is everything after the first one.
    if (slash <= 0 || slash + 1 >= rest.size())
        return std::nullopt;
    return StatTopic{rest.left(slash).toString(), rest.mid(slash + 1).toString()};
}

void GroupStatsFeed::handleMessages(const client::MqttMessageBatch& messages)
{
    for (const client::MqttMessagePtr& message : messages) {
        if (message && isGroupStatsTopic(message->topic))
            apply(*message);
    }
}

void GroupStatsFeed::apply(const client::MqttMessage& message)
{
    const std::optional<StatTopic> stat = parseTopic(message.topic);
    if (!stat)
        return;
    bool ok = false;
    const double value = message.payload.trimmed().toDouble(&ok);
    if (!ok)
        return;
    const bool live = !message.retain;
    m_groups.applyStat(stat->group, stat->key, value, live);
    if (stat->key == u"acknowledged-per-second")
        m_ackRates.insert(stat->group, value);
    else if (stat->key == u"lag" && live)
        m_history.append(stat->group,
                         message.timestamp.isValid() ? message.timestamp.toMSecsSinceEpoch()
                                                     : QDateTime::currentMSecsSinceEpoch(),
                         value, m_ackRates.value(stat->group));
}

} // namespace bs::models
