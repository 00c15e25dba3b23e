#pragma once
// The live metrics of one way of creating an order (synchronous or asynchronous): every
// answered order is a sample (when, how long the customer waited, succeeded or not) kept
// for the last windowMs (older ones go as new ones come), at most kMaxSamples of them. Percentiles, error rate and
// throughput are computed over the window when a snapshot asks (4 times a second); totals
// count since the start.

#include "demo/DemoSnapshot.h"

#include <deque>

namespace bs::demo {

class LatencyWindow
{
public:
    static constexpr qsizetype kMaxSamples = 20'000;

    explicit LatencyWindow(qint64 windowMs) : m_windowUs(windowMs * 1000) {}

    void record(qint64 atUs, qint64 latencyUs, bool succeeded);
    /// inProgress: orders still waiting for an answer, passed through.
    OrderPathMetrics metrics(qint64 nowUs, qsizetype inProgress) const;
    void clear();

private:
    struct Sample
    {
        qint64 atUs;
        qint64 latencyUs;
        bool succeeded;
    };
    qint64 m_windowUs;
    std::deque<Sample> m_samples;
    quint64 m_answered = 0;
    quint64 m_failed = 0;
    qint64 m_firstUs = -1; ///< The first sample since the last clear (for a short run's throughput).
};

/// The q-quantile (0..1) of values, nearest rank; 0 for none. Reorders values.
double quantile(std::vector<qint64>& values, double q);

} // namespace bs::demo
