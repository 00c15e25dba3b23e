#include "StallMeter.h"

#include <algorithm>

StallMeter::StallMeter(QObject* parent)
    : QObject(parent)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    m_timer.setInterval(kIntervalMs);
    connect(&m_timer, &QTimer::timeout, this, &StallMeter::tick);
}

void StallMeter::start()
{
    m_latenessMs.reserve(100'000);
    m_clock.start();
    m_lastNs = 0;
    m_timer.start();
}

void StallMeter::tick()
{
    const qint64 now = m_clock.nsecsElapsed();
    const double intervalMs = double(now - m_lastNs) / 1e6;
    m_lastNs = now;
    m_latenessMs.push_back(std::max(0.0, intervalMs - kIntervalMs));
}

double StallMeter::percentile(double q) const
{
    if (m_latenessMs.empty())
        return 0;
    std::vector<double> sorted = m_latenessMs;
    std::sort(sorted.begin(), sorted.end());
    const auto index = std::size_t(std::clamp(q, 0.0, 1.0) * double(sorted.size() - 1));
    return sorted[index];
}
