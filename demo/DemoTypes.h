#pragma once
// The vocabulary of the teaching demo (issue 7): the six downstream services of the
// Black-Friday order flow — each one a consumer group $share/<name>/<orders topic> — and the
// fault switches a teacher can flip.

#include <QObject>
#include <QString>
#include <array>
#include <optional>

namespace bs::demo {
Q_NAMESPACE

enum class Service : quint8
{
    Inventory,
    Payment,
    Email,
    Warehouse,
    Analytics,
    Loyalty,
};
Q_ENUM_NS(Service)

inline constexpr int kServiceCount = 6;

/// Every service, in the order the synchronous chain calls them.
inline constexpr std::array<Service, kServiceCount> kAllServices{
    Service::Inventory, Service::Payment, Service::Email,
    Service::Warehouse, Service::Analytics, Service::Loyalty};

inline constexpr int indexOf(Service service) { return int(service); }

/// The consumer group's name: "inventory", "payment", ...
QString serviceName(Service service);
std::optional<Service> serviceNamed(const QString& name);

enum class Fault : quint8
{
    EmailSlow,       ///< Email processing takes DemoConfig::emailSlowFactor times longer.
    PaymentDown,     ///< Payment instances reject every order (PUBACK 0x80): dead letters.
    PoisonOrder,     ///< Turning it on publishes one poison order (it is not a state).
    ProducerStopped, ///< The order service creates no orders; consumers drain.
};
Q_ENUM_NS(Fault)

enum class DemoState : quint8
{
    Idle,      ///< Nothing runs (before start(), after stop() or a reset).
    Starting,  ///< Connecting and making the consumer groups durable.
    Running,
    Resetting, ///< Removing the groups and their dead letters.
};
Q_ENUM_NS(DemoState)

} // namespace bs::demo
