#pragma once
// Where one consumer group's lag is heading, in words read at a glance: "caught up",
// "steady at 3,200", "growing by 120 msg/s", "draining — empty in about 4 min".
//
// Fed one sample at a time (about once a second). The slope is a least-squares fit of
// lag over the samples of the last kFitWindowMs. The publish rate into the group is not
// published by the broker; it follows from the lag: publish ≈ ack + d(lag)/dt. So the time
// to drain, lag / (ack − publish), is lag / −slope while draining.
//
// Hysteresis keeps the words from flickering:
// - caught up is entered when the lag is at most one second of work (lag <= ack rate × 1 s,
//   so lag 0 when nothing is acknowledged) and left only above twice that;
// - growing / draining need a slope of at least kMinRate msg/s that stands out of the
//   noise (t = |slope| / its standard error >= kEnterT); they are kept while the slope keeps
//   its sign, stays above kMinRate / 2 and t >= kLeaveT;
// - a new state (other than caught up, which is a fact the moment it happens) must be
//   seen kConfirmSamples times in a row before it is shown.

#include <QString>

#include <array>
#include <optional>

namespace bs::models {

class LagTrend
{
public:
    enum class State : quint8
    {
        CaughtUp,
        Steady,
        Growing,
        Draining,
    };

    static constexpr qint64 kFitWindowMs = 30'000;
    static constexpr int kMinFitSamples = 5;
    static constexpr qint64 kMinFitSpanMs = 4'000;
    /// Samples kept for the fit (a fixed ring: samples faster than 2 a second shorten the
    /// fit window rather than the memory growing).
    static constexpr int kMaxSamples = 64;
    static_assert((kMaxSamples & (kMaxSamples - 1)) == 0, "a power of two: at() masks");
    static constexpr int kConfirmSamples = 3;
    static constexpr double kMinRate = 0.5;
    static constexpr double kEnterT = 4.0;
    static constexpr double kLeaveT = 2.0;

    /// A sample older than the newest one is ignored.
    void add(qint64 timeMs, double lag, double ackRate);
    void clear();

    bool hasData() const { return m_count > 0; }
    State state() const { return m_state; }
    /// Messages per second over the fit window, positive while growing; 0 without a fit.
    double slope() const { return m_slope; }
    /// Whether enough samples (kMinFitSamples over kMinFitSpanMs) gave a slope.
    bool hasSlope() const { return m_hasFit; }
    double lag() const { return m_lag; }
    double ackRate() const { return m_ackRate; }
    /// Estimated publish rate into the group: ack rate + slope, never below 0.
    double publishRate() const;
    /// Draining: seconds until empty at the current slope; nullopt otherwise.
    std::optional<double> drainSeconds() const;
    QString text() const;

    static QString stateName(State state);

private:
    struct Sample
    {
        qint64 timeMs;
        double lag;
    };

    const Sample& at(int index) const { return m_samples[size_t((m_first + index) & (kMaxSamples - 1))]; }
    void fit();
    State candidate() const;
    void settle(State candidate);

    std::array<Sample, kMaxSamples> m_samples{}; ///< Ring of the fit window, oldest at m_first.
    int m_first = 0;
    int m_count = 0;
    double m_lag = 0;
    double m_ackRate = 0;
    double m_slope = 0;
    double m_slopeError = 0;
    bool m_hasFit = false;
    State m_state = State::Steady;
    State m_pending = State::Steady;
    int m_pendingCount = 0;
};

} // namespace bs::models
