#pragma once
// One immutable picture of a running demo, made at most 4 times a second on the
// scenario's thread and handed to the UI as std::shared_ptr<const DemoSnapshot> (safe to
// read on any thread). Latencies are wall-clock milliseconds as measured.

#include "demo/DemoConfig.h"

#include <QDateTime>
#include <QList>
#include <QString>
#include <QStringList>
#include <memory>

namespace bs::demo {

/// One consumer group: what its instances did, and what the broker says about it.
struct GroupSnapshot
{
    Service service = Service::Inventory;
    QString group;              ///< The consumer group's name ("payment").
    ServiceSettings settings;   ///< As set (instances: the teacher's number).
    int targetInstances = 0;    ///< Including instances the autoscaler added.
    int connectedInstances = 0; ///< Connected and subscribed now.
    quint64 processed = 0;      ///< Acknowledged after processing.
    quint64 failed = 0;         ///< Negatively acknowledged (failure roll, payment down).
    quint64 crashes = 0;        ///< Instances that dropped their connection (poison, crash).
    // From $SYS/brokerscope/groups/<group>/... (0 until the broker has said).
    quint64 lag = 0;
    double lagSeconds = 0.0;
    quint64 deadLetters = 0;
    bool brokerStatsSeen = false;
};

/// Latency and errors of one way of creating an order.
struct OrderPathMetrics
{
    double p50Ms = 0.0;
    double p99Ms = 0.0;
    double errorRate = 0.0;          ///< 0..1 over the metrics window.
    double throughputPerSecond = 0.0; ///< Orders answered (either way) per second, same window.
    quint64 answered = 0;            ///< Since the start: succeeded or failed.
    quint64 failed = 0;              ///< Since the start: failed or timed out.
    qsizetype inProgress = 0;        ///< Waiting for an answer now.
    qsizetype samples = 0;           ///< In the window.
};

struct DemoSnapshot
{
    QDateTime takenAt;
    DemoState state = DemoState::Idle;
    double speedFactor = 1.0;
    double orderRateSetting = 0.0;        ///< Orders per second as set (lesson time).
    double ordersPerSecondEffective = 0.0; ///< What the producer aims at, wall clock (rate x speed, capped).
    quint64 ordersCreated = 0;
    bool producerStopped = false;
    bool emailSlow = false;
    bool paymentDown = false;
    quint64 poisonOrdersInjected = 0;
    bool autoscale = false;
    quint64 autoscaleLagThreshold = 0;
    QList<GroupSnapshot> groups;          ///< In kAllServices order.
    quint64 paymentsCharged = 0;          ///< Distinct orders charged.
    quint64 paymentDuplicatesSkipped = 0; ///< Redeliveries the idempotent payment ignored.
    OrderPathMetrics async;               ///< Publish until the broker's PUBACK.
    OrderPathMetrics sync;                ///< Calling every service in turn until the last answers.
    QStringList eventLog;                 ///< Oldest first, "hh:mm:ss.zzz sentence", bounded.
};

using DemoSnapshotPtr = std::shared_ptr<const DemoSnapshot>;

} // namespace bs::demo
