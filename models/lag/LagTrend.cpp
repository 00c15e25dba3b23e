#include "models/lag/LagTrend.h"

#include "models/lag/LagText.h"

#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::models {

void LagTrend::add(qint64 timeMs, double lag, double ackRate)
{
    if (m_count > 0 && timeMs < at(m_count - 1).timeMs)
        return;
    const bool first = m_count == 0;
    if (m_count == kMaxSamples) {
        m_first = (m_first + 1) % kMaxSamples;
        --m_count;
    }
    m_samples[size_t((m_first + m_count) % kMaxSamples)] = Sample{timeMs, lag};
    ++m_count;
    while (at(0).timeMs < timeMs - kFitWindowMs) {
        m_first = (m_first + 1) % kMaxSamples;
        --m_count;
    }
    m_lag = lag;
    m_ackRate = std::max(0.0, ackRate);
    fit();
    const State next = candidate();
    if (first) {
        m_state = next;
        m_pendingCount = 0;
    } else {
        settle(next);
    }
}

void LagTrend::clear()
{
    *this = LagTrend();
}

void LagTrend::fit()
{
    const int n = m_count;
    m_hasFit = n >= kMinFitSamples && at(n - 1).timeMs - at(0).timeMs >= kMinFitSpanMs;
    m_slope = 0;
    m_slopeError = 0;
    if (!m_hasFit)
        return;
    // One pass over x (seconds before the newest sample) and y (lag less the newest lag):
    // both small, so the centred sums below lose nothing to cancellation.
    const Sample& newest = at(n - 1);
    double sumX = 0;
    double sumY = 0;
    double sumXX = 0;
    double sumXY = 0;
    double sumYY = 0;
    for (int i = 0; i < n; ++i) {
        const double x = double(at(i).timeMs - newest.timeMs) / 1000.0;
        const double y = at(i).lag - newest.lag;
        sumX += x;
        sumY += y;
        sumXX += x * x;
        sumXY += x * y;
        sumYY += y * y;
    }
    const double sxx = sumXX - sumX * sumX / n;
    const double sxy = sumXY - sumX * sumY / n;
    const double syy = sumYY - sumY * sumY / n;
    m_slope = sxy / sxx;
    const double residuals = std::max(0.0, syy - m_slope * sxy);
    m_slopeError = std::sqrt(residuals / double(n - 2) / sxx);
}

LagTrend::State LagTrend::candidate() const
{
    const double oneSecondOfWork = m_ackRate;
    if (m_lag <= oneSecondOfWork || (m_state == State::CaughtUp && m_lag <= 2 * oneSecondOfWork))
        return State::CaughtUp;
    if (!m_hasFit)
        return m_state == State::CaughtUp ? State::Steady : m_state;
    const double strength = std::abs(m_slope) / std::max(m_slopeError, 1e-9);
    const State moving = m_slope > 0 ? State::Growing : State::Draining;
    if (m_state == moving)
        return (std::abs(m_slope) >= kMinRate / 2 && strength >= kLeaveT) ? moving : State::Steady;
    return (std::abs(m_slope) >= kMinRate && strength >= kEnterT) ? moving : State::Steady;
}

void LagTrend::settle(State next)
{
    if (next == m_state) {
        m_pendingCount = 0;
        return;
    }
    if (next == State::CaughtUp) {
        m_state = next;
        m_pendingCount = 0;
        return;
    }
    m_pendingCount = next == m_pending ? m_pendingCount + 1 : 1;
    m_pending = next;
    if (m_pendingCount >= kConfirmSamples) {
        m_state = next;
        m_pendingCount = 0;
    }
}

double LagTrend::publishRate() const
{
    return std::max(0.0, m_ackRate + m_slope);
}

std::optional<double> LagTrend::drainSeconds() const
{
    if (m_state != State::Draining || m_slope >= 0)
        return std::nullopt;
    return m_lag / -m_slope;
}

QString LagTrend::text() const
{
    if (!hasData())
        return u"no data"_s;
    switch (m_state) {
    case State::CaughtUp:
        return u"caught up"_s;
    case State::Steady:
        return u"steady at "_s + roundedCount(m_lag);
    case State::Growing:
        return m_slope > 0 ? u"growing by "_s + roundedRate(m_slope) + u" msg/s"_s : u"growing"_s;
    case State::Draining:
        if (const std::optional<double> seconds = drainSeconds())
            return u"draining — empty in "_s + approximateDuration(*seconds);
        return u"draining"_s;
    }
    return {};
}

QString LagTrend::stateName(State state)
{
    switch (state) {
    case State::CaughtUp:
        return u"caught up"_s;
    case State::Steady:
        return u"steady"_s;
    case State::Growing:
        return u"growing"_s;
    case State::Draining:
        return u"draining"_s;
    }
    return {};
}

} // namespace bs::models
