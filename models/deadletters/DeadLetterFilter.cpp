#include "models/deadletters/DeadLetterFilter.h"

#include "broker/protocol/Topic.h"
#include "models/deadletters/DeadLetter.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace bs::models {

bool DeadLetterFilter::isValid() const
{
    return topic.isEmpty() || mqtt::TopicFilter(topic).isValid();
}

bool DeadLetterFilter::matches(const DeadLetter& letter) const
{
    if (!group.isEmpty() && letter.group != group)
        return false;
    if (!reason.isEmpty() && letter.reason != reason)
        return false;
    if (!topic.isEmpty()) {
        const mqtt::TopicFilter filter(topic);
        if (!filter.isValid() || !filter.match(mqtt::TopicName(letter.originalTopic)))
            return false;
    }
    if (text.isEmpty())
        return true;
    if (letter.originalTopic.contains(text, Qt::CaseInsensitive) || letter.member.contains(text, Qt::CaseInsensitive)
        || letter.error.contains(text, Qt::CaseInsensitive))
        return true;
    return letter.message ? letter.message->payload.contains(text.toUtf8()) : letter.preview.contains(text);
}

QJsonObject DeadLetterFilter::toJson() const
{
    QJsonObject json;
    for (const auto& [name, value] : {std::pair{u"group"_s, group}, std::pair{u"reason"_s, reason},
                                      std::pair{u"topic"_s, topic}, std::pair{u"text"_s, text}}) {
        if (!value.isEmpty())
            json.insert(name, value);
    }
    return json;
}

QString DeadLetterFilter::describe() const
{
    QStringList parts;
    if (!group.isEmpty())
        parts.append(u"group "_s + group);
    if (!reason.isEmpty())
        parts.append(u"reason "_s + reason);
    if (!topic.isEmpty())
        parts.append(u"topic "_s + topic);
    if (!text.isEmpty())
        parts.append(u"text “"_s + text + u'”');
    return parts.isEmpty() ? u"every letter"_s : parts.join(u", "_s);
}

} // namespace bs::models
