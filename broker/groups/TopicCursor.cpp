#include "broker/groups/TopicCursor.h"

#include <algorithm>

namespace bs::broker {

TopicCursor::TopicCursor(quint64 offset, quint64 end)
    : m_committed(offset), m_dispatched(offset), m_end(std::max(offset, end))
{
}

void TopicCursor::setEnd(quint64 end)
{
    m_end = std::max(m_end, end);
}

std::optional<CursorDelivery> TopicCursor::next(const QString& member)
{
    while (!m_returned.empty()) {
        const quint64 offset = *m_returned.begin();
        m_returned.erase(m_returned.begin());
        if (offset < m_committed || stateOf(offset) != State::Returned)
            continue; // settled meanwhile
        stateOf(offset) = State::InFlight;
        InFlightInfo& info = m_inFlight[offset];
        info.member = member;
        ++info.deliveries;
        return CursorDelivery{offset, info.deliveries, true};
    }
    if (m_dispatched >= m_end)
        return std::nullopt;
    const quint64 offset = m_dispatched++;
    m_window.push_back(State::InFlight);
    m_inFlight.insert(offset, InFlightInfo{member, 1});
    return CursorDelivery{offset, 1, false};
}

bool TopicCursor::acknowledge(quint64 offset)
{
    if (offset < m_committed || offset >= m_dispatched || stateOf(offset) != State::InFlight)
        return false;
    stateOf(offset) = State::Acked;
    m_inFlight.remove(offset);
    ++m_ackedInWindow;
    advanceCommitted();
    return true;
}

bool TopicCursor::settleWaiting(quint64 offset)
{
    if (offset == m_dispatched && m_dispatched < m_end) {
        ++m_dispatched;
        m_window.push_back(State::Acked);
        ++m_ackedInWindow;
        advanceCommitted();
        return true;
    }
    if (offset < m_committed || offset >= m_dispatched || stateOf(offset) != State::Returned)
        return false;
    stateOf(offset) = State::Acked;
    m_inFlight.remove(offset);
    ++m_ackedInWindow;
    advanceCommitted();
    return true; // its entry in m_returned is skipped by next()
}

void TopicCursor::advanceCommitted()
{
    while (!m_window.empty() && m_window.front() == State::Acked) {
        m_window.pop_front();
        ++m_committed;
        --m_ackedInWindow;
    }
}

QList<quint64> TopicCursor::returnMember(const QString& member)
{
    QList<quint64> returned;
    for (auto it = m_inFlight.begin(); it != m_inFlight.end(); ++it) {
        if (it->member == member && it.key() >= m_committed
            && m_window[size_t(it.key() - m_committed)] == State::InFlight) {
            stateOf(it.key()) = State::Returned;
            it->member.clear();
            returned.append(it.key());
        }
    }
    std::sort(returned.begin(), returned.end());
    for (quint64 offset : std::as_const(returned))
        m_returned.insert(offset);
    return returned;
}

bool TopicCursor::returnOffset(quint64 offset)
{
    if (offset < m_committed || offset >= m_dispatched || stateOf(offset) != State::InFlight)
        return false;
    stateOf(offset) = State::Returned;
    m_inFlight[offset].member.clear();
    m_returned.insert(offset);
    return true;
}

QString TopicCursor::memberOf(quint64 offset) const
{
    return m_inFlight.value(offset).member;
}

int TopicCursor::deliveryCount(quint64 offset) const
{
    return m_inFlight.value(offset).deliveries;
}

qsizetype TopicCursor::inFlightOf(const QString& member) const
{
    qsizetype count = 0;
    for (auto it = m_inFlight.cbegin(); it != m_inFlight.cend(); ++it) {
        if (it->member == member && it.key() >= m_committed
            && m_window[size_t(it.key() - m_committed)] == State::InFlight)
            ++count;
    }
    return count;
}

void TopicCursor::seek(quint64 offset)
{
    m_committed = m_dispatched = offset;
    m_end = std::max(m_end, offset);
    m_window.clear();
    m_ackedInWindow = 0;
    m_inFlight.clear();
    m_returned.clear();
}

} // namespace bs::broker
