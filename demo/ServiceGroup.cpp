#include "demo/ServiceGroup.h"

#include <algorithm>

namespace bs::demo {

ServiceGroup::ServiceGroup(Service service, DemoEnvironment& environment, QObject* parent)
    : QObject(parent), m_service(service), m_name(serviceName(service)), m_environment(environment)
{
}

ServiceGroup::~ServiceGroup()
{
    leaveAll();
}

QString ServiceGroup::shareFilter() const
{
    return QStringLiteral("$share/") + m_name + u'/' + m_environment.config.ordersTopic;
}

void ServiceGroup::setTargetInstances(int target)
{
    m_target = std::max(0, target);
    while (int(m_active.size()) < m_target) {
        auto instance = std::make_unique<ConsumerInstance>(*this, freeNumber(), this);
        connect(instance.get(), &ConsumerInstance::retired, this, &ServiceGroup::onRetired);
        instance->start();
        m_active.push_back(std::move(instance));
    }
    while (int(m_active.size()) > m_target) {
        // The highest number goes; it may finish its order before it leaves.
        auto highest = std::max_element(m_active.begin(), m_active.end(),
                                        [](const auto& a, const auto& b) { return a->number() < b->number(); });
        std::unique_ptr<ConsumerInstance> instance = std::move(*highest);
        m_active.erase(highest);
        ConsumerInstance* retiring = instance.get();
        m_retiring.push_back(std::move(instance));
        retiring->retire();
    }
}

int ServiceGroup::readyInstances() const
{
    return int(std::count_if(m_active.begin(), m_active.end(), [](const auto& i) { return i->isReady(); }));
}

void ServiceGroup::crashOne()
{
    auto victim = std::find_if(m_active.begin(), m_active.end(), [](const auto& i) { return i->isBusy(); });
    if (victim == m_active.end())
        victim = std::find_if(m_active.begin(), m_active.end(), [](const auto& i) { return i->isReady(); });
    if (victim != m_active.end())
        (*victim)->crash(true);
}

void ServiceGroup::leaveAll()
{
    m_target = 0;
    for (const auto& instance : m_active)
        instance->leaveNow();
    for (const auto& instance : m_retiring)
        instance->leaveNow();
    m_active.clear();
    m_retiring.clear();
}

int ServiceGroup::freeNumber() const
{
    const auto taken = [this](int number) {
        const auto has = [number](const auto& i) { return i->number() == number; };
        return std::any_of(m_active.begin(), m_active.end(), has)
            || std::any_of(m_retiring.begin(), m_retiring.end(), has);
    };
    int number = 1;
    while (taken(number))
        ++number;
    return number;
}

void ServiceGroup::onRetired(ConsumerInstance* instance)
{
    const auto it = std::find_if(m_retiring.begin(), m_retiring.end(),
                                 [instance](const auto& i) { return i.get() == instance; });
    if (it == m_retiring.end())
        return;
    it->release()->deleteLater(); // retired() is emitted from inside the instance
    m_retiring.erase(it);
}

} // namespace bs::demo
