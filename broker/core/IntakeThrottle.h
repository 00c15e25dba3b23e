#pragma once
// IntakeThrottle: flow control from slow readers back to publishers.
//
// When a connection's unsent output passes its high-water mark (Transport::congestionChanged),
// or its session's queue of QoS 1/2 messages waiting for window room grows long
// (setQueueCongested), the broker stops reading from every other connection. The kernel's buffers fill and TCP
// slows the publishers down, instead of the broker dropping QoS 0 messages to the slow
// reader or buffering without bound. The congested connection itself is still read (a
// client blocked on sending to us could otherwise never get to reading). Reading resumes
// when no connection is congested. A reader that keeps reading holds the publishers to its
// pace for as long as it is congested; one that took nothing for kMaxHoldMs is stalled and
// may not hold everyone back: it is left out until it has drained (its QoS 0 messages are
// dropped past the broker's per-connection limit, and its queue is bounded, meanwhile).

#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace bs::broker {

class Transport;

class IntakeThrottle : public QObject
{
    Q_OBJECT
public:
    static constexpr int kMaxHoldMs = 500;

    explicit IntakeThrottle(QObject* parent = nullptr);

    /// Watches transport from now on (it starts paused while the throttle holds).
    void add(Transport* transport);
    /// Forgets transport (before it is deleted).
    void remove(Transport* transport);
    /// A connected session's queue passed (true) or fell back below (false) its marks.
    void setQueueCongested(Transport* transport, bool congested);
    /// True while reading is paused for a congested connection.
    bool isHolding() const { return !m_congested.isEmpty(); }

private:
    enum Cause : quint8
    {
        Output = 1,
        Queue = 2,
    };
    void setCause(Transport* transport, Cause cause, bool on);
    void checkProgress();
    void apply();

    QHash<Transport*, quint8> m_causes; ///< Watched transports and why each is congested.
    QSet<Transport*> m_congested; ///< Holding the others back.
    QSet<Transport*> m_slow;      ///< Stalled while congested: ignored until drained.
    QHash<Transport*, quint64> m_writtenAtCheck; ///< Progress marks of the congested.
    QTimer m_holdLimit{this};
    bool m_holding = false;
};

} // namespace bs::broker
