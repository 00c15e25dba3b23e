#pragma once
// Rates for the flow view, from the counters of successive snapshots: orders created, and
// per group orders handled (processed or failed) and dead letters, each a second of wall
// clock over the last kWindowMs (about sixteen snapshots), so a slow service's one order in
// three seconds reads 0.3/s instead of flickering between 0 and 4. A counter that went
// down (a reset) starts the window over; a demo that is not running has no flow.

#include "demo/DemoSnapshot.h"

#include <array>
#include <deque>

namespace bs::ui::flow {

class FlowRates
{
public:
    static constexpr qint64 kWindowMs = 4'000;

    void update(const demo::DemoSnapshot& snapshot);
    void clear() { m_readings.clear(); }

    double orders() const { return rate(0); }
    double handled(demo::Service service) const { return rate(1 + demo::indexOf(service)); }
    double deadLetters(demo::Service service) const { return rate(1 + demo::kServiceCount + demo::indexOf(service)); }

private:
    /// Orders created, then every group's handled, then every group's dead letters.
    using Counts = std::array<quint64, 1 + 2 * demo::kServiceCount>;
    struct Reading
    {
        QDateTime at;
        Counts counts;
    };
    double rate(int counter) const;

    std::deque<Reading> m_readings; ///< Oldest first, spanning at most kWindowMs.
};

} // namespace bs::ui::flow
