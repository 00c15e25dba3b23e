#include "models/deadletters/DeadLetterPatterns.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bs::models {

const QStringList& DeadLetterPatterns::defaultPatterns()
{
    static const QStringList patterns{u"dlq/#"_s, u"+/dlq/#"_s, u"$DLQ/#"_s};
    return patterns;
}

DeadLetterPatterns::DeadLetterPatterns(const QStringList& patterns)
{
    for (const QString& pattern : patterns) {
        mqtt::TopicFilter filter(pattern.trimmed());
        if (filter.isValid() && !m_filters.contains(filter))
            m_filters.append(filter);
    }
}

DeadLetterPatterns DeadLetterPatterns::fromText(const QString& text, QString* error)
{
    static const QRegularExpression separators(u"[,\\s]+"_s);
    QStringList valid;
    QStringList invalid;
    for (const QString& pattern : text.split(separators, Qt::SkipEmptyParts))
        (mqtt::TopicFilter(pattern).isValid() ? valid : invalid).append(pattern);
    if (error)
        *error = invalid.isEmpty() ? QString() : u"not a topic filter: "_s + invalid.join(u", "_s);
    return DeadLetterPatterns(valid);
}

QString DeadLetterPatterns::toText() const
{
    return patterns().join(u", "_s);
}

QStringList DeadLetterPatterns::patterns() const
{
    QStringList list;
    for (const mqtt::TopicFilter& filter : m_filters)
        list.append(filter.toString());
    return list;
}

QStringList DeadLetterPatterns::systemFilters() const
{
    QStringList list;
    for (const mqtt::TopicFilter& filter : m_filters) {
        if (filter.toString().startsWith(u'$'))
            list.append(filter.toString());
    }
    return list;
}

int DeadLetterPatterns::matchIndex(const QString& topic) const
{
    const mqtt::TopicName name(topic);
    for (qsizetype i = 0; i < m_filters.size(); ++i) {
        if (m_filters[i].match(name))
            return int(i);
    }
    return -1;
}

DeadLetterPatterns::Split DeadLetterPatterns::split(const QString& topic) const
{
    if (topic.startsWith(kEnginePrefix)) {
        const QStringList levels = topic.mid(kEnginePrefix.size()).split(u'/');
        return {levels.first(), levels.mid(1).join(u'/')};
    }
    const int index = matchIndex(topic);
    if (index < 0)
        return {};
    const QStringList filterLevels = m_filters[index].toString().split(u'/');
    const QStringList levels = topic.split(u'/');
    Split result;
    for (qsizetype i = 0; i < filterLevels.size() && i < levels.size(); ++i) {
        if (filterLevels[i] == u"+" && result.source.isEmpty())
            result.source = levels[i];
        if (filterLevels[i] == u"#") {
            result.rest = levels.mid(i).join(u'/');
            break;
        }
    }
    return result;
}

QString DeadLetterPatterns::originalTopic(const client::MqttMessage& message) const
{
    const QString named = userPropertyValue(message, kOriginalTopicProperty);
    return named.isEmpty() ? split(message.topic).rest : named;
}

QString DeadLetterPatterns::source(const client::MqttMessage& message) const
{
    const QString named = userPropertyValue(message, kGroupProperty);
    return named.isEmpty() ? split(message.topic).source : named;
}

QString userPropertyValue(const client::MqttMessage& message, QStringView name)
{
    for (const client::UserProperty& property : message.properties.userProperties) {
        if (property.name == name)
            return property.value;
    }
    return {};
}

} // namespace bs::models
