#pragma once
// One downstream service as a consumer group: its instances (ConsumerInstance), how many
// there should be, and what they did. Instances are numbered from 1; a new one takes the
// lowest free number, scaling down retires the highest (it finishes the order in hand
// first). The teacher's number of instances lives in ServiceBehaviour; the target here may
// be higher while the autoscaler has added instances.

#include "demo/ConsumerInstance.h"
#include "demo/DemoEnvironment.h"

#include <memory>
#include <vector>

namespace bs::demo {

class ServiceGroup : public QObject
{
    Q_OBJECT
public:
    ServiceGroup(Service service, DemoEnvironment& environment, QObject* parent = nullptr);
    ~ServiceGroup() override;

    Service service() const { return m_service; }
    const QString& name() const { return m_name; }
    /// $share/<group>/<orders topic>
    QString shareFilter() const;
    DemoEnvironment& environment() { return m_environment; }

    /// Starts or retires instances until target are active.
    void setTargetInstances(int target);
    int targetInstances() const { return m_target; }
    int readyInstances() const;
    /// Crashes one instance, a busy one if any (the crash switch).
    void crashOne();
    /// Every instance leaves at once (stop, reset); the target becomes 0.
    void leaveAll();

    GroupCounters& counters() { return m_counters; }
    const GroupCounters& counters() const { return m_counters; }
    void clearCounters() { m_counters = {}; }

private:
    int freeNumber() const;
    void onRetired(ConsumerInstance* instance);

    Service m_service;
    QString m_name;
    DemoEnvironment& m_environment;
    int m_target = 0;
    std::vector<std::unique_ptr<ConsumerInstance>> m_active;
    std::vector<std::unique_ptr<ConsumerInstance>> m_retiring;
    GroupCounters m_counters;
};

} // namespace bs::demo
