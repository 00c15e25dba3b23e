#pragma once
// How a DemoScenario starts. Times are "lesson" milliseconds: the speed factor divides
// every processing time, timeout and delay, and multiplies the order rate, so a ten-minute
// lesson can show every effect (speed 1: real time).

#include "demo/DemoTypes.h"

#include <QString>
#include <array>

namespace bs::demo {

/// The knobs of one service (its consumer group and its synchronous twin).
struct ServiceSettings
{
    int instances = 1;         ///< Consumer instances (and concurrent calls in the sync chain).
    int processingMs = 50;     ///< Time to process one order.
    double failureRate = 0.0;  ///< 0..1: share of orders the service fails.
};

/// The Black-Friday peak: 100,000 orders an hour.
inline constexpr double kBlackFridayOrdersPerSecond = 100'000.0 / 3600.0;
/// setOrderRate() takes up to 50 times the peak.
inline constexpr double kMaxOrderRate = 1400.0;
/// Orders actually created per second are capped here whatever the speed factor.
inline constexpr double kMaxEffectiveOrderRate = 3000.0;

struct DemoConfig
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1883;
    double speedFactor = 1.0;
    QString ordersTopic = QStringLiteral("shop/orders");
    QString clientIdPrefix = QStringLiteral("demo-"); ///< demo-order-service, demo-payment-1, ...
    double orderRatePerSecond = 5.0;
    std::array<ServiceSettings, kServiceCount> services{{
        {2, 40, 0.0},  // inventory
        {2, 80, 0.0},  // payment
        {1, 60, 0.0},  // email
        {1, 50, 0.0},  // warehouse
        {1, 20, 0.0},  // analytics
        {1, 30, 0.0},  // loyalty
    }};
    int emailSlowFactor = 50;
    int restartDelayMs = 1500;     ///< A crashed instance reconnects after this.
    int syncCallTimeoutMs = 3000;  ///< The synchronous chain gives up on one call after this.
    bool autoscale = false;
    quint64 autoscaleLagThreshold = 100;
    int autoscaleMaxInstances = 8;
    int autoscaleCooldownMs = 3000; ///< Between two decisions for one group.
    int snapshotIntervalMs = 250;   ///< At most 4 snapshots a second.
    int metricsWindowMs = 10'000;   ///< Latency percentiles, error rate and throughput: over this.
    int eventLogCapacity = 200;
    quint32 randomSeed = 7;         ///< Order contents and failure rolls are reproducible.

    ServiceSettings& settings(Service service) { return services[size_t(indexOf(service))]; }
    const ServiceSettings& settings(Service service) const { return services[size_t(indexOf(service))]; }
};

} // namespace bs::demo
