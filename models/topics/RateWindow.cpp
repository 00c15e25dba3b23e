#include "models/topics/RateWindow.h"

#include <algorithm>

namespace bs::models {

void RateWindow::advance(qint64 slot)
{
    if (slot <= m_newest)
        return;
    if (slot - m_newest >= kSlots) {
        m_counts.fill(0);
        m_total = 0;
    } else {
        for (qint64 s = m_newest + 1; s <= slot; ++s) {
            quint32& bucket = m_counts[static_cast<size_t>(s % kSlots)];
            m_total -= bucket;
            bucket = 0;
        }
    }
    m_newest = slot;
}

void RateWindow::add(qint64 slot, quint32 n)
{
    advance(slot);
    m_counts[static_cast<size_t>(m_newest % kSlots)] += n;
    m_total += n;
}

double RateWindow::rate(qint64 slot)
{
    advance(slot);
    const quint32 complete = m_total - m_counts[static_cast<size_t>(m_newest % kSlots)];
    return complete / kWindowSeconds;
}

void RateWindow::subtract(RateWindow other, qint64 slot)
{
    const qint64 target = std::max({slot, m_newest, other.m_newest});
    advance(target);
    other.advance(target);
    for (size_t i = 0; i < m_counts.size(); ++i) {
        const quint32 removed = std::min(m_counts[i], other.m_counts[i]);
        m_counts[i] -= removed;
        m_total -= removed;
    }
}

void RateWindow::merge(RateWindow other, qint64 slot)
{
    const qint64 target = std::max({slot, m_newest, other.m_newest});
    advance(target);
    other.advance(target);
    for (size_t i = 0; i < m_counts.size(); ++i) {
        m_counts[i] += other.m_counts[i];
        m_total += other.m_counts[i];
    }
}

} // namespace bs::models
