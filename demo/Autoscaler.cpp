#include "demo/Autoscaler.h"

#include <algorithm>

namespace bs::demo {

void Autoscaler::configure(bool enabled, quint64 lagThreshold, int maxInstances, qint64 cooldownUs)
{
    m_enabled = enabled;
    m_threshold = std::max<quint64>(1, lagThreshold);
    m_maxInstances = std::max(1, maxInstances);
    m_cooldownUs = std::max<qint64>(0, cooldownUs);
    forget();
}

std::optional<ScalingDecision> Autoscaler::onLag(Service service, quint64 lag, int instances, int baseline,
                                                 qint64 nowUs, double arrivalPerSecond, double perInstancePerSecond)
{
    if (!m_enabled)
        return std::nullopt;
    GroupState& group = m_groups[size_t(indexOf(service))];
    const bool drained = lag <= quint64(std::max(0, instances));
    if (!drained)
        group.drainedSinceUs = -1;
    else if (group.drainedSinceUs < 0)
        group.drainedSinceUs = nowUs;
    if (group.lastDecisionUs >= 0 && nowUs - group.lastDecisionUs < m_cooldownUs)
        return std::nullopt;

    const QString name = serviceName(service);
    if (lag > m_threshold && instances < m_maxInstances) {
        group.lastDecisionUs = nowUs;
        return ScalingDecision{instances + 1, QStringLiteral("%1: lag %2 passed %3, added an instance (%4 -> %5)")
                                                  .arg(name).arg(lag).arg(m_threshold).arg(instances).arg(instances + 1)};
    }
    // Scale in only when one instance fewer still keeps up with what arrives (with a 20 %
    // margin): at a steady peak a drained group is drained because of its instances.
    const bool fewerKeepUp = double(instances - 1) * perInstancePerSecond >= 1.2 * arrivalPerSecond;
    if (drained && fewerKeepUp && instances > baseline && nowUs - group.drainedSinceUs >= m_cooldownUs) {
        group.lastDecisionUs = nowUs;
        group.drainedSinceUs = nowUs;
        return ScalingDecision{instances - 1, QStringLiteral("%1: drained (lag %2), removed an instance (%3 -> %4)")
                                                  .arg(name).arg(lag).arg(instances).arg(instances - 1)};
    }
    return std::nullopt;
}

} // namespace bs::demo
