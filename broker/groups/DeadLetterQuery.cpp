#include "broker/groups/DeadLetterQuery.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::broker {

QString userProperty(const mqtt::Properties& properties, QStringView name)
{
    for (const mqtt::UserProperty& property : properties.userProperties) {
        if (property.name == name)
            return property.value;
    }
    return {};
}

DeadLetterInfo DeadLetterInfo::fromRecord(const storage::LogRecord& record)
{
    DeadLetterInfo info;
    info.id = deadLetterId(record.topic, record.offset);
    info.topic = record.topic;
    info.offset = record.offset;
    info.timeMs = record.arrivalMs;
    const mqtt::Properties& p = record.properties;
    // The topic says group and original topic even when a property is missing.
    const QString rest = record.topic.mid(kDeadLetterPrefix.size());
    const qsizetype slash = rest.indexOf(u'/');
    info.group = userProperty(p, u"dlq-group");
    if (info.group.isEmpty())
        info.group = slash < 0 ? rest : rest.left(slash);
    info.originalTopic = userProperty(p, u"dlq-original-topic");
    if (info.originalTopic.isEmpty() && slash >= 0)
        info.originalTopic = rest.mid(slash + 1);
    info.reason = userProperty(p, u"dlq-reason");
    info.member = userProperty(p, u"dlq-member");
    info.reasonCode = userProperty(p, u"dlq-reason-code");
    info.error = userProperty(p, u"dlq-error");
    info.firstDeath = userProperty(p, u"dlq-first-death");
    info.lastDeath = userProperty(p, u"dlq-last-death");
    bool ok = false;
    const qint64 originalOffset = userProperty(p, u"dlq-original-offset").toLongLong(&ok);
    info.originalOffset = ok ? originalOffset : -1;
    info.deliveryCount = userProperty(p, u"dlq-delivery-count").toInt();
    info.replayCount = userProperty(p, u"dlq-replay-count").toInt();
    return info;
}

QString deadLetterId(const QString& topic, quint64 offset)
{
    return topic + u'#' + QString::number(offset);
}

std::optional<std::pair<QString, quint64>> parseDeadLetterId(const QString& id)
{
    const qsizetype hash = id.lastIndexOf(u'#');
    if (hash < 0 || !id.startsWith(kDeadLetterPrefix))
        return std::nullopt;
    bool ok = false;
    const quint64 offset = id.mid(hash + 1).toULongLong(&ok);
    if (!ok)
        return std::nullopt;
    return std::pair{id.left(hash), offset};
}

std::optional<DeadLetterQuery> DeadLetterQuery::fromJson(const QJsonObject& request, State defaultState,
                                                         QString* error)
{
    DeadLetterQuery query;
    const QJsonValue ids = request.value(u"ids"_s);
    if (!ids.isUndefined()) {
        if (!ids.isArray() || ids.toArray().isEmpty()) {
            *error = u"'ids' must be a non-empty array of dead-letter ids"_s;
            return std::nullopt;
        }
        for (const QJsonValue& value : ids.toArray()) {
            const auto parsed = parseDeadLetterId(value.toString());
            if (!parsed) {
                *error = u"'%1' is not a dead-letter id ($DLQ/<group>/<topic>#<offset>)"_s.arg(value.toString());
                return std::nullopt;
            }
            query.m_ids.append(*parsed);
        }
    }
    query.m_group = request.value(u"group"_s).toString();
    query.m_reason = request.value(u"reason"_s).toString();
    query.m_text = request.value(u"text"_s).toString();
    const QString topic = request.value(u"topic"_s).toString();
    if (!topic.isEmpty()) {
        query.m_topic = mqtt::TopicFilter(topic);
        if (!query.m_topic->isValid()) {
            *error = u"'topic' must be a topic filter: '%1' is not one"_s.arg(topic);
            return std::nullopt;
        }
    }
    for (const auto& [name, field] : {std::pair{u"fromTime"_s, &query.m_fromTime}, std::pair{u"toTime"_s, &query.m_toTime}}) {
        const QJsonValue value = request.value(name);
        if (value.isUndefined())
            continue;
        if (!value.isDouble() || value.toDouble() < 0) {
            *error = u"'%1' must be a time in ms since the Unix epoch"_s.arg(name);
            return std::nullopt;
        }
        *field = value.toInteger();
    }
    const QString state = request.value(u"state"_s).toString();
    if (state.isEmpty())
        query.m_state = query.byIds() ? State::Any : defaultState;
    else if (state == u"any")
        query.m_state = State::Any;
    else if (state == u"pending")
        query.m_state = State::Pending;
    else if (state == u"replayed")
        query.m_state = State::Replayed;
    else {
        *error = u"'state' must be any, pending or replayed"_s;
        return std::nullopt;
    }
    query.m_includePurged = request.value(u"includePurged"_s).toBool();
    return query;
}

QString DeadLetterQuery::topicPrefix() const
{
    return m_group.isEmpty() ? kDeadLetterPrefix.toString() : kDeadLetterPrefix + m_group + u'/';
}

bool DeadLetterQuery::matches(const DeadLetterInfo& info, const storage::LogRecord& record,
                              const LetterMark* mark) const
{
    if (mark && mark->purged && !m_includePurged)
        return false;
    if (!m_group.isEmpty() && info.group != m_group)
        return false;
    if (!m_reason.isEmpty() && info.reason != m_reason)
        return false;
    if (m_topic && !m_topic->match(mqtt::TopicName(info.originalTopic)))
        return false;
    if (m_fromTime > 0 && info.timeMs < m_fromTime)
        return false;
    if (m_toTime > 0 && info.timeMs > m_toTime)
        return false;
    const bool replayed = mark && mark->replays > 0;
    if ((m_state == State::Pending && replayed) || (m_state == State::Replayed && !replayed))
        return false;
    if (!m_text.isEmpty()) {
        const bool found = info.originalTopic.contains(m_text, Qt::CaseInsensitive)
            || info.member.contains(m_text, Qt::CaseInsensitive) || info.error.contains(m_text, Qt::CaseInsensitive)
            || record.payload.contains(m_text.toUtf8());
        if (!found)
            return false;
    }
    return true;
}

} // namespace bs::broker
