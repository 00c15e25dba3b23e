// BrokerCore: dead letters (issue 5) — making them, listing, replaying, purging.
//
// A dead letter is a record of $DLQ/<group>/<original topic> (see groups/DeadLetterQuery.h)
// holding the original message and properties plus dlq-* user properties that say why it
// died. Records never change: what happened later lives in m_letterMarks (journaled):
// how often a letter was replayed, by which request, and whether it was purged. When
// every letter of a $DLQ topic is purged, its log is emptied (its offsets go on, so an id
// never names two letters).
//
// Replay targets:
//   group     back to the failed group only: appended to $REPLAY/<group>/<original topic>,
//             a log only that group reads (it delivers it under the original topic)
//   original  republished to the original topic: every subscriber sees it again
//   topic     republished to another topic
// The replayed message carries dlq-replay-count (how often it has been replayed),
// dlq-first-death and dlq-replayed-from (the letter's id). A letter whose message has
// been replayed dlq_max_replays times is skipped unless the request says "force".
// A request carries a requestId; a letter already replayed by that request is skipped,
// so a retried request never replays twice.

#include "broker/core/AdminJson.h"
#include "broker/core/BrokerCore.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/groups/DeadLetterQuery.h"
#include "broker/state/SessionRecords.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {

constexpr int kMaxReturnedFailures = 20;
constexpr int kPreviewChars = 200;

void setUserProperty(mqtt::Properties& properties, const QString& name, const QString& value)
{
    for (mqtt::UserProperty& property : properties.userProperties) {
        if (property.name == name) {
            property.value = value;
            return;
        }
    }
    properties.userProperties.append({name, value});
}

/// The message's own user properties, without the dlq-* ones a death or replay added.
void dropDeadLetterProperties(mqtt::Properties& properties)
{
    properties.userProperties.removeIf([](const mqtt::UserProperty& p) { return p.name.startsWith(u"dlq-"); });
}

QString nowIso()
{
    return QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs);
}

} // namespace

QString BrokerCore::replaySourceTopic(const QString& topic)
{
    // $REPLAY/<group>/<original topic>: the group name holds no '/' (§4.8.2).
    if (!topic.startsWith(kReplayPrefix))
        return topic;
    const qsizetype slash = topic.indexOf(u'/', kReplayPrefix.size());
    return slash < 0 ? QString() : topic.mid(slash + 1);
}

void BrokerCore::annotateExplicitDeadLetter(Message& message, const QString& clientId) const
{
    // $DLQ/<group>/<original topic>: a consumer that cannot answer with a negative
    // acknowledgement (paho 1.2) dead-letters a message by publishing it here. It may say
    // why in a user property dlq-error; the broker fills in the rest. A replayed message
    // sent back keeps its replay count and first death.
    const QString rest = message.topic.mid(kDeadLetterPrefix.size());
    const qsizetype slash = rest.indexOf(u'/');
    const QString now = nowIso();
    mqtt::Properties& p = message.properties;
    const QString firstDeath = userProperty(p, u"dlq-first-death");
    const QString replays = userProperty(p, u"dlq-replay-count");
    setUserProperty(p, u"dlq-reason"_s, u"explicit"_s);
    setUserProperty(p, u"dlq-group"_s, slash < 0 ? rest : rest.left(slash));
    setUserProperty(p, u"dlq-original-topic"_s, slash < 0 ? QString() : rest.mid(slash + 1));
    setUserProperty(p, u"dlq-member"_s, clientId);
    setUserProperty(p, u"dlq-first-death"_s, firstDeath.isEmpty() ? now : firstDeath);
    setUserProperty(p, u"dlq-last-death"_s, now);
    setUserProperty(p, u"dlq-replay-count"_s, replays.isEmpty() ? u"0"_s : replays);
    p.messageExpiryInterval.reset(); // a dead letter keeps until purged
    message.expiresAtMs = 0;
}

void BrokerCore::deadLetter(ConsumerGroup& group, const DeadLetter& letter,
                            std::optional<mqtt::ReasonCode> reasonCode)
{
    const MessagePtr original = groupMessage(letter.topic, letter.offset);
    const QString originalTopic = replaySourceTopic(letter.topic);
    auto dead = std::make_shared<Message>();
    dead->topic = kDeadLetterPrefix + group.name() + u'/' + originalTopic;
    dead->qos = original ? std::max<quint8>(original->qos, 1) : 1;
    QString firstDeath = nowIso();
    QString replays = u"0"_s;
    if (original) {
        dead->payload = original->payload;
        dead->properties = original->properties;
        dead->properties.messageExpiryInterval.reset(); // a dead letter keeps until purged
        // A replayed message that dies again keeps its history.
        if (const QString value = userProperty(original->properties, u"dlq-first-death"); !value.isEmpty())
            firstDeath = value;
        if (const QString value = userProperty(original->properties, u"dlq-replay-count"); !value.isEmpty())
            replays = value;
        dropDeadLetterProperties(dead->properties);
    }
    auto add = [&](const char* name, const QString& value) {
        dead->properties.userProperties.append({QString::fromLatin1(name), value});
    };
    add("dlq-reason", letter.reason);
    add("dlq-group", group.name());
    add("dlq-original-topic", originalTopic);
    add("dlq-original-offset", QString::number(letter.offset));
    add("dlq-delivery-count", QString::number(letter.deliveryCount));
    add("dlq-first-death", firstDeath);
    add("dlq-last-death", nowIso());
    add("dlq-replay-count", replays);
    if (!letter.member.isEmpty())
        add("dlq-member", letter.member);
    if (reasonCode) {
        add("dlq-reason-code", u"0x"_s + QString::number(quint8(*reasonCode), 16).rightJustified(2, u'0'));
        if (const char* name = mqtt::reasonName(*reasonCode))
            add("dlq-error", QString::fromLatin1(name));
    }
    if (!storeMessage(*dead))
        qCWarning(lcStorage).noquote() << u"a dead letter of group '%1' could not be stored"_s.arg(group.name());
    publish(dead);
}

const LetterMark* BrokerCore::letterMark(const QString& topic, quint64 offset) const
{
    const auto marks = m_letterMarks.constFind(topic);
    if (marks == m_letterMarks.cend())
        return nullptr;
    const auto mark = marks->constFind(offset);
    return mark == marks->cend() ? nullptr : &*mark;
}

void BrokerCore::setLetterMark(const QString& topic, quint64 offset, const LetterMark& mark)
{
    m_letterMarks[topic].insert(offset, mark);
    if (m_journal)
        journal(journal::letterMark(topic, offset, mark));
    scheduleCommit();
}

void BrokerCore::scanDeadLetters(const DeadLetterQuery& query, const LetterVisitor& visit)
{
    auto offer = [&](const storage::LogRecord& record) {
        const DeadLetterInfo info = DeadLetterInfo::fromRecord(record);
        const LetterMark* mark = letterMark(record.topic, record.offset);
        return !query.matches(info, record, mark) || visit(info, record, mark);
    };
    if (query.byIds()) {
        for (const auto& [topic, offset] : query.ids()) {
            const storage::LogPage page = m_store->read(topic, offset, 1);
            if (!page.records.isEmpty() && page.records.first().offset == offset && !offer(page.records.first()))
                return;
        }
        return;
    }
    const QString prefix = query.topicPrefix();
    QStringList topics;
    for (const storage::TopicSummary& summary : m_store->topics()) {
        if (summary.topic.startsWith(prefix) && summary.messageCount() > 0)
            topics.append(summary.topic);
    }
    topics.sort();
    for (const QString& topic : std::as_const(topics)) {
        const auto summary = m_store->topic(topic);
        quint64 offset = summary ? summary->startOffset : 0;
        const quint64 end = summary ? summary->endOffset : 0;
        while (offset < end) {
            const storage::LogPage page = m_store->read(topic, offset, 512);
            for (const storage::LogRecord& record : page.records) {
                if (!offer(record))
                    return;
            }
            if (page.nextOffset <= offset)
                break;
            offset = page.nextOffset;
        }
    }
}

QJsonObject BrokerCore::deadLetterJson(const DeadLetterInfo& info, const storage::LogRecord& record,
                                       const LetterMark* mark, bool fullPayload) const
{
    QJsonObject json = fullPayload ? recordJson(record) : QJsonObject{{u"qos"_s, record.qos}};
    json.insert(u"id"_s, info.id);
    json.insert(u"topic"_s, info.topic);
    json.insert(u"offset"_s, qint64(info.offset));
    json.insert(u"time"_s, info.timeMs);
    json.insert(u"group"_s, info.group);
    json.insert(u"originalTopic"_s, info.originalTopic);
    if (info.originalOffset >= 0)
        json.insert(u"originalOffset"_s, info.originalOffset);
    json.insert(u"reason"_s, info.reason);
    json.insert(u"deliveryCount"_s, info.deliveryCount);
    json.insert(u"replayCount"_s, info.replayCount + (mark ? mark->replays : 0));
    json.insert(u"firstDeath"_s, info.firstDeath);
    json.insert(u"lastDeath"_s, info.lastDeath);
    json.insert(u"size"_s, record.payload.size());
    for (const auto& [name, value] : {std::pair{u"member"_s, info.member}, std::pair{u"reasonCode"_s, info.reasonCode},
                                      std::pair{u"error"_s, info.error}}) {
        if (!value.isEmpty())
            json.insert(name, value);
    }
    json.insert(u"replayed"_s, mark && mark->replays > 0);
    if (mark && mark->replays > 0) {
        json.insert(u"replays"_s, mark->replays);
        json.insert(u"lastReplay"_s, mark->lastReplayMs);
        json.insert(u"lastReplayTarget"_s, mark->lastTarget);
    }
    if (mark && mark->purged)
        json.insert(u"purged"_s, true);
    if (!fullPayload) {
        const bool text = mqtt::isValidMqttUtf8(record.payload);
        json.insert(u"binary"_s, !text);
        json.insert(u"preview"_s, text ? QString::fromUtf8(record.payload).left(kPreviewChars)
                                       : QString::fromLatin1(record.payload.left(kPreviewChars / 2).toHex(' ')));
    }
    return json;
}

BrokerCore::AdminErrorText BrokerCore::listDeadLetters(const QJsonObject& request, QJsonObject* result)
{
    QString error;
    const auto query = DeadLetterQuery::fromJson(request, DeadLetterQuery::State::Any, &error);
    if (!query)
        return {u"bad-request"_s, error};
    const int limit = std::clamp(request.value(u"limit"_s).toInt(100), 1, 1000);
    const bool full = request.value(u"payload"_s).toString() == u"full";
    std::optional<std::pair<QString, quint64>> after;
    if (request.contains(u"after"_s)) {
        after = parseDeadLetterId(request.value(u"after"_s).toString());
        if (!after)
            return {u"bad-request"_s, u"'after' must be a dead-letter id"_s};
    }
    QJsonArray letters;
    QString next;
    qint64 total = 0, replayed = 0;
    QHash<QString, qint64> byReason, byGroup, byTopic;
    scanDeadLetters(*query, [&](const DeadLetterInfo& info, const storage::LogRecord& record, const LetterMark* mark) {
        ++total;
        ++byReason[info.reason];
        ++byGroup[info.group];
        ++byTopic[info.originalTopic];
        if (mark && mark->replays > 0)
            ++replayed;
        const bool afterCursor = !after || info.topic > after->first
            || (info.topic == after->first && info.offset > after->second);
        if (afterCursor && letters.size() < limit)
            letters.append(deadLetterJson(info, record, mark, full));
        else if (afterCursor && next.isEmpty())
            next = deadLetterId(letters.last().toObject().value(u"topic"_s).toString(),
                                quint64(letters.last().toObject().value(u"offset"_s).toInteger()));
        return true;
    });
    auto counts = [](const QHash<QString, qint64>& hash) {
        QJsonObject object;
        for (auto it = hash.cbegin(); it != hash.cend(); ++it)
            object.insert(it.key(), it.value());
        return object;
    };
    *result = {{u"letters"_s, letters},
               {u"total"_s, total},
               {u"replayed"_s, replayed},
               {u"byReason"_s, counts(byReason)},
               {u"byGroup"_s, counts(byGroup)},
               {u"byTopic"_s, counts(byTopic)}};
    if (!next.isEmpty())
        result->insert(u"next"_s, next);
    return {};
}

BrokerCore::AdminErrorText BrokerCore::replayDeadLetters(const QJsonObject& request, QJsonObject* result)
{
    QString error;
    const auto query = DeadLetterQuery::fromJson(request, DeadLetterQuery::State::Pending, &error);
    if (!query)
        return {u"bad-request"_s, error};
    const QString requestId = request.value(u"requestId"_s).toString();
    if (requestId.isEmpty() || requestId.size() > 256)
        return {u"bad-request"_s, u"a replay needs a 'requestId' (1 to 256 characters): a retried request must not replay twice"_s};
    ReplayTarget target;
    target.kind = request.value(u"target"_s).toString(u"group"_s);
    if (target.kind == u"topic") {
        target.topic = request.value(u"toTopic"_s).toString();
        if (!mqtt::TopicName(target.topic).isValid() || target.topic.startsWith(u'$'))
            return {u"bad-request"_s, u"replay to a topic needs a valid 'toTopic' name (not a $ topic)"_s};
    } else if (target.kind != u"group" && target.kind != u"original") {
        return {u"bad-request"_s, u"'target' must be group, original or topic"_s};
    }
    const QJsonValue edit = request.value(u"edit"_s);
    if (!edit.isUndefined()) {
        if (!edit.isObject() || query->ids().size() != 1)
            return {u"bad-request"_s, u"'edit' changes one message: give exactly one id"_s};
        const QJsonObject e = edit.toObject();
        if (e.contains(u"payloadBase64"_s))
            target.payload = QByteArray::fromBase64(e.value(u"payloadBase64"_s).toString().toLatin1());
        else if (e.contains(u"payload"_s))
            target.payload = e.value(u"payload"_s).toString().toUtf8();
        if (e.contains(u"contentType"_s))
            target.contentType = e.value(u"contentType"_s).toString();
        if (e.contains(u"userProperties"_s)) {
            QList<mqtt::UserProperty> properties;
            for (const QJsonValue& value : e.value(u"userProperties"_s).toArray())
                properties.append({value[u"name"_s].toString(), value[u"value"_s].toString()});
            target.userProperties = properties;
        }
    }
    const bool force = request.value(u"force"_s).toBool();
    const bool dryRun = request.value(u"dryRun"_s).toBool();

    qint64 matched = 0, replayed = 0, loopGuard = 0, alreadyDone = 0, failed = 0;
    QJsonArray failures, replayedIds;
    QSet<QString> groupsToPump;
    scanDeadLetters(*query, [&](const DeadLetterInfo& info, const storage::LogRecord& record, const LetterMark* mark) {
        ++matched;
        if (mark && mark->lastRequestId == requestId) {
            ++alreadyDone;
            return true;
        }
        if (info.replayCount + (mark ? mark->replays : 0) >= m_config.deadLetterMaxReplays && !force) {
            ++loopGuard;
            return true;
        }
        if (dryRun) {
            ++replayed;
            return true;
        }
        QString why;
        if (!replayLetter(info, record, target, &why)) {
            ++failed;
            if (failures.size() < kMaxReturnedFailures)
                failures.append(QJsonObject{{u"id"_s, info.id}, {u"message"_s, why}});
            return true;
        }
        LetterMark updated = mark ? *mark : LetterMark{};
        ++updated.replays;
        updated.lastReplayMs = QDateTime::currentMSecsSinceEpoch();
        updated.lastRequestId = requestId;
        updated.lastTarget = target.kind == u"topic" ? target.topic : target.kind;
        setLetterMark(info.topic, info.offset, updated);
        ++replayed;
        if (replayedIds.size() < 1000)
            replayedIds.append(info.id);
        if (target.kind == u"group")
            groupsToPump.insert(info.group);
        return true;
    });
    for (const QString& name : std::as_const(groupsToPump)) {
        if (ConsumerGroup* group = findGroup(name))
            pumpGroup(*group);
    }
    *result = {{u"requestId"_s, requestId},
               {u"target"_s, target.kind == u"topic" ? target.topic : target.kind},
               {u"dryRun"_s, dryRun},
               {u"matched"_s, matched},
               {u"replayed"_s, replayed},
               {u"skippedLoopGuard"_s, loopGuard},
               {u"skippedAlreadyReplayed"_s, alreadyDone},
               {u"failed"_s, failed},
               {u"failures"_s, failures},
               {u"ids"_s, replayedIds}};
    return {};
}

bool BrokerCore::replayLetter(const DeadLetterInfo& info, const storage::LogRecord& record,
                              const ReplayTarget& target, QString* error)
{
    auto message = std::make_shared<Message>();
    message->payload = target.payload.value_or(record.payload);
    message->qos = record.qos;
    message->properties = record.properties;
    dropDeadLetterProperties(message->properties);
    if (target.userProperties)
        message->properties.userProperties = *target.userProperties;
    if (target.contentType)
        message->properties.contentType = *target.contentType;
    const LetterMark* mark = letterMark(info.topic, info.offset);
    const int replays = info.replayCount + (mark ? mark->replays : 0) + 1;
    message->properties.userProperties.append({u"dlq-replay-count"_s, QString::number(replays)});
    message->properties.userProperties.append({u"dlq-first-death"_s, info.firstDeath.isEmpty() ? info.lastDeath : info.firstDeath});
    message->properties.userProperties.append({u"dlq-replayed-from"_s, info.id});

    ConsumerGroup* group = nullptr;
    if (target.kind == u"group") {
        group = findGroup(info.group);
        if (!group) {
            *error = u"group '%1' does not exist any more (replay to the original topic instead)"_s.arg(info.group);
            return false;
        }
        message->topic = kReplayPrefix + info.group + u'/' + info.originalTopic;
    } else {
        message->topic = target.kind == u"original" ? info.originalTopic : target.topic;
    }
    if (!mqtt::TopicName(replaySourceTopic(message->topic)).isValid()) {
        *error = u"the letter has no original topic to go back to"_s;
        return false;
    }
    if (!storeMessage(*message)) {
        *error = u"the replayed message could not be stored: %1"_s.arg(m_store->lastError());
        return false;
    }
    if (!group) {
        publish(message);
        return true;
    }
    for (const DeadLetter& letter : group->noteAppended(message->topic, message->logOffset))
        deadLetter(*group, letter, std::nullopt);
    markCursorDirty(group->name(), message->topic);
    return true;
}

BrokerCore::AdminErrorText BrokerCore::purgeDeadLetters(const QJsonObject& request, QJsonObject* result)
{
    QString error;
    const auto query = DeadLetterQuery::fromJson(request, DeadLetterQuery::State::Any, &error);
    if (!query)
        return {u"bad-request"_s, error};
    if (!query->byIds() && request.value(u"group"_s).toString().isEmpty() && !request.value(u"all"_s).toBool())
        return {u"bad-request"_s, u"purge needs 'ids', a 'group', or \"all\": true"_s};
    const bool dryRun = request.value(u"dryRun"_s).toBool();
    qint64 purged = 0;
    QSet<QString> touched;
    scanDeadLetters(*query, [&](const DeadLetterInfo& info, const storage::LogRecord&, const LetterMark* mark) {
        ++purged;
        if (dryRun)
            return true;
        LetterMark updated = mark ? *mark : LetterMark{};
        updated.purged = true;
        setLetterMark(info.topic, info.offset, updated);
        touched.insert(info.topic);
        return true;
    });
    for (const QString& topic : std::as_const(touched))
        discardIfAllPurged(topic);
    *result = {{u"purged"_s, purged}, {u"dryRun"_s, dryRun}};
    return {};
}

void BrokerCore::discardIfAllPurged(const QString& topic)
{
    const auto summary = m_store ? m_store->topic(topic) : std::nullopt;
    const auto marks = m_letterMarks.constFind(topic);
    if (!summary || marks == m_letterMarks.cend())
        return;
    quint64 purged = 0;
    for (auto it = marks->lowerBound(summary->startOffset); it != marks->cend() && it.key() < summary->endOffset; ++it)
        purged += it->purged ? 1 : 0;
    if (purged < summary->messageCount())
        return;
    if (!m_store->discardAll(topic)) {
        qCWarning(lcStorage).noquote() << u"cannot empty the purged dead-letter log %1: %2"_s.arg(topic, m_store->lastError());
        return;
    }
    m_letterMarks.remove(topic); // no record left to mark; journaled marks below the log start are ignored
}

void BrokerCore::restoreLetterMarks(const PersistedState& state)
{
    for (auto topic = state.letterMarks.cbegin(); topic != state.letterMarks.cend(); ++topic) {
        const auto summary = m_store ? m_store->topic(topic.key()) : std::nullopt;
        if (!summary)
            continue;
        QMap<quint64, LetterMark>& marks = m_letterMarks[topic.key()];
        for (auto mark = topic->lowerBound(summary->startOffset); mark != topic->cend(); ++mark)
            marks.insert(mark.key(), mark.value());
        if (marks.isEmpty())
            m_letterMarks.remove(topic.key());
        else
            discardIfAllPurged(topic.key()); // a crash between the purge and the discard
    }
}

} // namespace bs::broker
