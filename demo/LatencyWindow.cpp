#include "demo/LatencyWindow.h"

#include <algorithm>
#include <cmath>
#include <vector>

namespace bs::demo {

double quantile(std::vector<qint64>& values, double q)
{
    if (values.empty())
        return 0.0;
    const auto rank = size_t(std::clamp(std::ceil(q * double(values.size())) - 1.0, 0.0, double(values.size() - 1)));
    std::nth_element(values.begin(), values.begin() + qsizetype(rank), values.end());
    return double(values[rank]);
}

void LatencyWindow::record(qint64 atUs, qint64 latencyUs, bool succeeded)
{
    if (m_firstUs < 0)
        m_firstUs = atUs;
    ++m_answered;
    if (!succeeded)
        ++m_failed;
    m_samples.push_back({atUs, latencyUs, succeeded});
    while (qsizetype(m_samples.size()) > kMaxSamples || m_samples.front().atUs < atUs - m_windowUs)
        m_samples.pop_front();
}

OrderPathMetrics LatencyWindow::metrics(qint64 nowUs, qsizetype inProgress) const
{
    OrderPathMetrics metrics;
    metrics.answered = m_answered;
    metrics.failed = m_failed;
    metrics.inProgress = inProgress;
    std::vector<qint64> latencies;
    latencies.reserve(m_samples.size());
    qsizetype failed = 0;
    for (const Sample& sample : m_samples) {
        if (sample.atUs < nowUs - m_windowUs)
            continue;
        latencies.push_back(sample.latencyUs);
        failed += sample.succeeded ? 0 : 1;
    }
    metrics.samples = qsizetype(latencies.size());
    if (latencies.empty())
        return metrics;
    metrics.errorRate = double(failed) / double(latencies.size());
    // Over the window, or over the time since the first sample when the run is younger.
    const qint64 spanUs = std::max<qint64>(1000, std::min(m_windowUs, nowUs - m_firstUs));
    metrics.throughputPerSecond = double(latencies.size()) * 1e6 / double(spanUs);
    metrics.p50Ms = quantile(latencies, 0.50) / 1000.0;
    metrics.p99Ms = quantile(latencies, 0.99) / 1000.0;
    return metrics;
}

void LatencyWindow::clear()
{
    m_samples.clear();
    m_answered = m_failed = 0;
    m_firstUs = -1;
}

} // namespace bs::demo
