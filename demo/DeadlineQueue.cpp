#include "demo/DeadlineQueue.h"

namespace bs::demo {

DeadlineQueue::DeadlineQueue(const QElapsedTimer& clock, QObject* parent) : QObject(parent), m_clock(clock), m_timer(this)
{
    m_timer.setSingleShot(true);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &DeadlineQueue::runDue);
}

DeadlineQueue::Handle DeadlineQueue::schedule(qint64 dueUs, std::function<void()> callback)
{
    const Handle handle{dueUs, m_nextId++};
    const bool earliest = m_entries.empty() || dueUs < m_entries.begin()->first.first;
    m_entries.emplace(std::pair{handle.dueUs, handle.id}, std::move(callback));
    if (earliest)
        arm();
    return handle;
}

void DeadlineQueue::cancel(Handle handle)
{
    if (handle.id != 0)
        m_entries.erase(std::pair{handle.dueUs, handle.id}); // the timer may fire early: harmless
}

void DeadlineQueue::clear()
{
    m_entries.clear();
    m_timer.stop();
}

void DeadlineQueue::arm()
{
    if (m_entries.empty()) {
        m_timer.stop();
        return;
    }
    const qint64 waitUs = m_entries.begin()->first.first - nowUs();
    m_timer.start(int(std::max<qint64>(0, (waitUs + 999) / 1000)));
}

void DeadlineQueue::runDue()
{
    const qint64 now = nowUs();
    // A callback may schedule or cancel others: take one entry at a time.
    while (!m_entries.empty() && m_entries.begin()->first.first <= now) {
        std::function<void()> callback;
        callback.swap(m_entries.begin()->second);
        m_entries.erase(m_entries.begin());
        if (callback)
            callback();
    }
    arm();
}

} // namespace bs::demo
