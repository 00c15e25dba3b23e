#include "ui/demo/FlowRates.h"

#include <algorithm>

namespace bs::ui::flow {

void FlowRates::update(const demo::DemoSnapshot& snapshot)
{
    if (snapshot.state != demo::DemoState::Running) {
        clear();
        return;
    }
    Reading reading{snapshot.takenAt, {}};
    reading.counts[0] = snapshot.ordersCreated;
    for (const demo::GroupSnapshot& group : snapshot.groups) {
        reading.counts[size_t(1 + demo::indexOf(group.service))] = group.processed + group.failed;
        reading.counts[size_t(1 + demo::kServiceCount + demo::indexOf(group.service))] = group.deadLetters;
    }
    if (!m_readings.empty()) {
        const Counts& last = m_readings.back().counts;
        const bool wentDown = !std::equal(last.begin(), last.end(), reading.counts.begin(), std::less_equal<>());
        if (wentDown)
            clear();
    }
    m_readings.push_back(reading);
    // Keep one reading at or beyond the window's start, so the window is always full.
    while (m_readings.size() > 2 && m_readings[1].at.msecsTo(reading.at) >= kWindowMs)
        m_readings.pop_front();
}

double FlowRates::rate(int counter) const
{
    if (m_readings.size() < 2)
        return 0.0;
    const Reading& first = m_readings.front();
    const Reading& last = m_readings.back();
    const qint64 ms = first.at.msecsTo(last.at);
    if (ms <= 0)
        return 0.0;
    return double(last.counts[size_t(counter)] - first.counts[size_t(counter)]) * 1000.0 / double(ms);
}

} // namespace bs::ui::flow
