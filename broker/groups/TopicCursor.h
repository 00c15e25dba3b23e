#pragma once
// TopicCursor: where one consumer group stands in one topic's log — Kafka's model of a
// committed offset, kept incrementally (O(1) per message, never by scanning the log).
//
//   committed   every offset below it is acknowledged by the group (or dead-lettered)
//   dispatched  every offset below it has been handed to a member at least once
//   end         the log's end: the offset the next message will get
//
//   ... acked | committed ... window ... | dispatched ... backlog ... | end
//
// The window [committed, dispatched) holds one state byte per offset — in flight,
// acknowledged out of order, or returned (its member went away; to be delivered again,
// before the backlog). The backlog [dispatched, end) is only two numbers: the messages
// stay on disk. So a group a million messages behind costs a few bytes here.
//
//   lag = end - committed - (acknowledged offsets in the window)
//
// Acknowledging the offset at committed moves committed past every acknowledged offset
// after it. Delivery counts live with in-flight and returned offsets only.

#include <QHash>
#include <QString>
#include <deque>
#include <optional>
#include <set>

namespace bs::broker {

struct CursorDelivery
{
    quint64 offset = 0;
    int deliveryCount = 1; ///< 1 for the first delivery; more for a redelivery.
    bool redelivery = false;
};

class TopicCursor
{
public:
    /// A cursor at offset: nothing before it is owed to the group.
    explicit TopicCursor(quint64 offset = 0, quint64 end = 0);

    quint64 committed() const { return m_committed; }
    quint64 dispatched() const { return m_dispatched; }
    quint64 end() const { return m_end; }

    /// The log grew (a message was appended at end - 1).
    void setEnd(quint64 end);

    /// Messages at or after committed not yet acknowledged.
    quint64 lag() const { return m_end - m_committed - m_ackedInWindow; }
    qsizetype inFlight() const { return m_inFlight.size(); }
    /// Offsets waiting for a (first or repeated) delivery.
    quint64 waiting() const { return (m_end - m_dispatched) + quint64(m_returned.size()); }
    bool hasWaiting() const { return waiting() > 0; }

    /// Hands the next offset to member: a returned one first (lowest offset first), else the
    /// next of the backlog. nullopt when nothing waits.
    std::optional<CursorDelivery> next(const QString& member);
    /// The offset was acknowledged (or dead-lettered). False when it was not in flight.
    bool acknowledge(quint64 offset);
    /// Settles an offset that waits (returned or in the backlog's head) without delivering
    /// it — dead-lettered because it expired or the backlog is too long. False otherwise.
    bool settleWaiting(quint64 offset);
    /// Everything in flight to member goes back to the group, to be delivered again.
    QList<quint64> returnMember(const QString& member);
    /// One in-flight offset goes back to the group (its member disconnected with it).
    bool returnOffset(quint64 offset);
    /// Who has offset in flight (empty when nobody).
    QString memberOf(quint64 offset) const;
    int deliveryCount(quint64 offset) const;
    /// How many offsets are in flight to member (walks the in-flight set).
    qsizetype inFlightOf(const QString& member) const;

    /// Starts over at offset (earliest, latest, a time's offset): nothing in flight.
    void seek(quint64 offset);

private:
    enum class State : quint8
    {
        InFlight,
        Acked,
        Returned,
    };
    struct InFlightInfo
    {
        QString member;
        int deliveries = 0;
    };

    State& stateOf(quint64 offset) { return m_window[size_t(offset - m_committed)]; }
    void advanceCommitted();

    quint64 m_committed = 0;
    quint64 m_dispatched = 0;
    quint64 m_end = 0;
    std::deque<State> m_window;            ///< One per offset in [committed, dispatched).
    quint64 m_ackedInWindow = 0;
    QHash<quint64, InFlightInfo> m_inFlight; ///< In flight and returned offsets.
    std::set<quint64> m_returned;          ///< Returned offsets; the oldest goes first.
};

} // namespace bs::broker
