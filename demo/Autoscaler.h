#pragma once
// Scales a consumer group by its lag, as the lesson's platform does: each lag reading
// from the broker ($SYS/brokerscope/groups/<group>/lag) may give one decision per group.
//
//   up     lag > threshold, below maxInstances, and the cooldown since the group's last
//          decision has passed (an added instance needs a moment to show in the lag)
//   down   the group has drained — lag no higher than its instances hold in hand (nothing
//          waits) for a whole cooldown — and it runs more instances than the teacher set
//
// Plain logic without timers: the scenario feeds readings, applies decisions and logs
// their sentences.

#include "demo/DemoTypes.h"

#include <QString>
#include <array>
#include <optional>

namespace bs::demo {

struct ScalingDecision
{
    int instances = 0;
    QString sentence; ///< "analytics: lag 340 passed 100, added an instance (2 -> 3)"
};

class Autoscaler
{
public:
    void configure(bool enabled, quint64 lagThreshold, int maxInstances, qint64 cooldownUs);
    bool isEnabled() const { return m_enabled; }
    quint64 lagThreshold() const { return m_threshold; }

    /// A lag reading for service, which runs instances (the teacher set baseline).
    /// arrivalPerSecond: orders arriving; perInstancePerSecond: what one instance processes
    /// (both wall clock) — an instance is removed only if the rest still keep up.
    std::optional<ScalingDecision> onLag(Service service, quint64 lag, int instances, int baseline, qint64 nowUs,
                                         double arrivalPerSecond, double perInstancePerSecond);
    void forget() { m_groups = {}; }

private:
    struct GroupState
    {
        qint64 lastDecisionUs = -1;
        qint64 drainedSinceUs = -1;
    };

    bool m_enabled = false;
    quint64 m_threshold = 100;
    int m_maxInstances = 8;
    qint64 m_cooldownUs = 3'000'000;
    std::array<GroupState, kServiceCount> m_groups{};
};

} // namespace bs::demo
