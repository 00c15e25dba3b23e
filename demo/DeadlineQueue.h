#pragma once
// Many short timers on one QTimer: callbacks ordered by due time (microseconds on the
// scenario's clock) in a std::map, the QTimer armed for the earliest. The synchronous
// chain schedules two per call (the answer and the timeout) — thousands a second at the
// peak — which one QTimer each would make the event dispatcher's timer list expensive.

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <functional>
#include <map>

namespace bs::demo {

class DeadlineQueue : public QObject
{
    Q_OBJECT
public:
    struct Handle
    {
        qint64 dueUs = 0;
        quint64 id = 0; ///< 0: nothing scheduled.
    };

    explicit DeadlineQueue(const QElapsedTimer& clock, QObject* parent = nullptr);

    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }
    Handle schedule(qint64 dueUs, std::function<void()> callback);
    Handle scheduleIn(qint64 delayUs, std::function<void()> callback) { return schedule(nowUs() + delayUs, std::move(callback)); }
    void cancel(Handle handle);
    void clear();
    qsizetype size() const { return qsizetype(m_entries.size()); }

private:
    void arm();
    void runDue();

    const QElapsedTimer& m_clock;
    QTimer m_timer;
    std::map<std::pair<qint64, quint64>, std::function<void()>> m_entries;
    quint64 m_nextId = 1;
};

} // namespace bs::demo
