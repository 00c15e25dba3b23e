#include "demo/DemoTypes.h"

namespace bs::demo {

QString serviceName(Service service)
{
    switch (service) {
    case Service::Inventory: return QStringLiteral("inventory");
    case Service::Payment: return QStringLiteral("payment");
    case Service::Email: return QStringLiteral("email");
    case Service::Warehouse: return QStringLiteral("warehouse");
    case Service::Analytics: return QStringLiteral("analytics");
    case Service::Loyalty: return QStringLiteral("loyalty");
    }
    return {};
}

std::optional<Service> serviceNamed(const QString& name)
{
    for (Service service : kAllServices) {
        if (serviceName(service) == name)
            return service;
    }
    return std::nullopt;
}

} // namespace bs::demo
