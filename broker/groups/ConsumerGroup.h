#pragma once
// ConsumerGroup: the engine's model of one consumer group (issue 5) — the name in
// $share/<group>/<filter> — as plain bookkeeping, without sockets or logs:
//
//   members   client ids, served round robin among those with room in their window
//   cursors   one TopicCursor per topic the group has met, created at the offset of the
//             first message it sees there (a new group starts at the log end)
//
// The engine tells it what was appended (noteAppended) and asks whom to send what
// (assign); it reports acknowledgements and rejections back. Redelivery limits become
// dead-letter decisions here (DeadLetter::reason), so the rules live in one place:
//   rejected        a member answered PUBACK/PUBREC with a reason code >= 0x80
//   delivery_limit  handed out more than maxDeliveries times without an acknowledgement
//   maxlen          the group's lag passed maxLag (the oldest waiting message goes)
// (expired is decided by the engine, which has the message, through settle()).

#include "broker/groups/TopicCursor.h"

#include <QHash>
#include <QString>
#include <QStringList>
#include <functional>
#include <map>
#include <optional>

namespace bs::broker {

struct GroupAssignment
{
    QString member;
    QString topic;
    CursorDelivery delivery;
};

struct DeadLetter
{
    QString topic;
    quint64 offset = 0;
    QString reason; ///< rejected, delivery_limit, expired, maxlen, explicit
    int deliveryCount = 0;
    QString member; ///< The member that had it last, when known.
};

struct GroupTotals
{
    quint64 lag = 0;
    quint64 inFlight = 0;
    quint64 waiting = 0;
    quint64 delivered = 0;    ///< Messages handed out, redeliveries included (since start).
    quint64 acknowledged = 0; ///< Acknowledgements (since start).
    quint64 deadLettered = 0; ///< Dead letters (since start).
};

/// Counters of a member, or of a topic, since the broker started.
struct MemberCounters
{
    quint64 delivered = 0;    ///< Handed out.
    quint64 acknowledged = 0; ///< Acknowledged.
};

class ConsumerGroup
{
public:
    explicit ConsumerGroup(QString name, int maxDeliveries = 5, quint64 maxLag = 0);

    const QString& name() const { return m_name; }
    int maxDeliveries() const { return m_maxDeliveries; }
    quint64 maxLag() const { return m_maxLag; }
    void setLimits(int maxDeliveries, quint64 maxLag);

    /// A durable group (made through the admin API) exists without members and takes the
    /// messages of its filters; a group made by members ends with its last member's session.
    bool isDurable() const { return m_durable; }
    const QStringList& filters() const { return m_filters; }
    void makeDurable(const QStringList& filters);

    void addMember(const QString& clientId);
    /// The member left: what it had in flight goes back to the group.
    void removeMember(const QString& clientId);
    const QStringList& members() const { return m_members; }

    /// A message matching the group's filter was appended to topic at offset. Returns the
    /// messages dead-lettered because the lag passed maxLag.
    QList<DeadLetter> noteAppended(const QString& topic, quint64 offset);

    /// The next message to send: a member with room (round robin) and the oldest waiting
    /// message of the next topic with one. Messages over the delivery limit are not
    /// handed out: they come back in deadLetters (settled) and the next one is tried.
    std::optional<GroupAssignment> assign(const std::function<bool(const QString&)>& hasRoom,
                                          QList<DeadLetter>* deadLetters);

    /// A QoS 1 message in flight to a member that disconnected goes to another (§4.8.2).
    bool returnDelivery(const QString& topic, quint64 offset);
    /// PUBACK/PUBCOMP from the member (or a QoS 0 delivery sent). False if not in flight.
    bool acknowledge(const QString& topic, quint64 offset);
    /// An error reason code from the member: settled and dead-lettered as "rejected".
    std::optional<DeadLetter> reject(const QString& topic, quint64 offset);
    /// The engine dead-letters an in-flight or waiting message (e.g. "expired").
    std::optional<DeadLetter> settle(const QString& topic, quint64 offset, const QString& reason);

    /// After a restart: the group stood at committed in topic, whose log ends at end.
    void restoreCursor(const QString& topic, quint64 committed, quint64 end);

    MemberCounters memberCounters(const QString& clientId) const { return m_memberCounters.value(clientId); }
    /// Delivered and acknowledged in one topic (since start).
    MemberCounters topicCounters(const QString& topic) const { return m_topicCounters.value(topic); }
    /// Messages in flight to the member now (a walk over the windows, for listings).
    qsizetype inFlightOf(const QString& clientId) const;

    const TopicCursor* cursor(const QString& topic) const;
    TopicCursor* cursor(const QString& topic);
    QStringList topics() const;
    GroupTotals totals() const;

private:
    TopicCursor& cursorFor(const QString& topic, quint64 firstOffset);

    QString m_name;
    int m_maxDeliveries;
    quint64 m_maxLag;
    bool m_durable = false;
    QStringList m_filters;
    QStringList m_members;
    qsizetype m_nextMember = 0;
    std::map<QString, TopicCursor> m_cursors; ///< Ordered: assign() rotates over topics.
    QString m_lastTopic;
    quint64 m_delivered = 0;
    quint64 m_acknowledged = 0;
    quint64 m_deadLettered = 0;
    QHash<QString, MemberCounters> m_memberCounters;
    QHash<QString, MemberCounters> m_topicCounters;
};

} // namespace bs::broker
