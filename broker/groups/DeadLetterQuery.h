#pragma once
// Dead letters as the admin API sees them (issue 5). A dead letter is one record of the
// log $DLQ/<group>/<original topic>; its id is "<that topic>#<offset>" ('#' never occurs in
// a topic name, so the id splits unambiguously at its last '#'). Why it died travels in
// the record's dlq-* user properties (README: dead letters); what happened to it later
// (replays, purge) is a LetterMark in the session journal, because log records never change.
//
// DeadLetterQuery is the selection of an admin request — ids, or a filter over group,
// reason, original topic (an MQTT filter), death time, text, replayed or not — parsed
// and checked once, then asked about each letter while the engine walks the logs.

#include "broker/protocol/Topic.h"
#include "broker/state/SessionRecords.h"
#include "broker/storage/LogRecord.h"

#include <QJsonObject>
#include <QList>
#include <QString>
#include <optional>
#include <utility>

namespace bs::broker {

inline constexpr QStringView kDeadLetterPrefix = u"$DLQ/";

struct DeadLetterInfo
{
    QString id;
    QString topic;          ///< $DLQ/<group>/<original topic>
    quint64 offset = 0;     ///< In that topic's log.
    qint64 timeMs = 0;      ///< When it was stored (its last death).
    QString group;
    QString originalTopic;
    QString reason;         ///< rejected, delivery_limit, expired, maxlen, explicit
    QString member;
    QString reasonCode;     ///< "0x83" when a member answered with an error code.
    QString error;
    QString firstDeath;     ///< ISO 8601 UTC
    QString lastDeath;
    qint64 originalOffset = -1;
    int deliveryCount = 0;
    int replayCount = 0;    ///< Replays of the message before this death (dlq-replay-count).

    static DeadLetterInfo fromRecord(const storage::LogRecord& record);
};

QString deadLetterId(const QString& topic, quint64 offset);
/// (topic, offset) of an id; nullopt when it is not one.
std::optional<std::pair<QString, quint64>> parseDeadLetterId(const QString& id);
/// The value of a user property, or a null string.
QString userProperty(const mqtt::Properties& properties, QStringView name);

class DeadLetterQuery
{
public:
    enum class State
    {
        Any,
        Pending,  ///< Never replayed.
        Replayed,
    };

    /// Reads ids / group / reason / topic / fromTime / toTime / text / state from a request.
    /// nullopt (and *error) when a field is malformed.
    static std::optional<DeadLetterQuery> fromJson(const QJsonObject& request, State defaultState,
                                                   QString* error);

    bool byIds() const { return !m_ids.isEmpty(); }
    const QList<std::pair<QString, quint64>>& ids() const { return m_ids; }
    /// Every dead-letter topic whose letters may match starts with this.
    QString topicPrefix() const;
    bool matches(const DeadLetterInfo& info, const storage::LogRecord& record, const LetterMark* mark) const;
    /// True when the request asked for purged letters too (never by default).
    bool includesPurged() const { return m_includePurged; }

private:
    QList<std::pair<QString, quint64>> m_ids;
    QString m_group;
    QString m_reason;
    std::optional<mqtt::TopicFilter> m_topic;
    qint64 m_fromTime = 0;
    qint64 m_toTime = 0;
    QString m_text;
    State m_state = State::Any;
    bool m_includePurged = false;
};

} // namespace bs::broker
