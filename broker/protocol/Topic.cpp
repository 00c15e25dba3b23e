#include "broker/protocol/Topic.h"

#include <optional>

namespace bs::mqtt {

bool TopicName::isValid() const
{
    if (m_name.isEmpty() || m_name.toUtf8().size() > 65535)
        return false;
    return !m_name.contains(u'+') && !m_name.contains(u'#');
}

bool TopicFilter::isValid() const
{
    if (m_filter.isEmpty() || m_filter.toUtf8().size() > 65535)
        return false;
    const QStringList levels = m_filter.split(u'/');
    for (qsizetype i = 0; i < levels.size(); ++i) {
        const QString& level = levels[i];
        if (level.contains(u'#') && (level.size() != 1 || i != levels.size() - 1))
            return false;
        if (level.contains(u'+') && level.size() != 1)
            return false;
    }
    return true;
}

bool TopicFilter::hasWildcards() const
{
    return m_filter.contains(u'+') || m_filter.contains(u'#');
}

bool TopicFilter::match(const TopicName& name) const
{
    const QString& topic = name.toString();
    if (topic.startsWith(u'$') && (m_filter.startsWith(u'+') || m_filter.startsWith(u'#')))
        return false;
    const QStringList filterLevels = m_filter.split(u'/');
    const QStringList topicLevels = topic.split(u'/');
    qsizetype i = 0;
    for (; i < filterLevels.size(); ++i) {
        const QString& f = filterLevels[i];
        if (f == u"#")
            return true; // matches the parent level too: "a/#" matches "a"
        if (i >= topicLevels.size())
            return false;
        if (f != u"+" && f != topicLevels[i])
            return false;
    }
    return i == topicLevels.size();
}

std::optional<SharedFilter> parseSubscriptionFilter(const QString& text)
{
    static const QString prefix = QStringLiteral("$share/");
    if (!text.startsWith(prefix))
        return SharedFilter{QString(), TopicFilter(text)};
    const qsizetype slash = text.indexOf(u'/', prefix.size());
    if (slash < 0)
        return std::nullopt;
    QString group = text.mid(prefix.size(), slash - prefix.size());
    QString filter = text.mid(slash + 1);
    if (group.isEmpty() || group.contains(u'+') || group.contains(u'#') || filter.isEmpty())
        return std::nullopt;
    return SharedFilter{std::move(group), TopicFilter(std::move(filter))};
}

} // namespace bs::mqtt
