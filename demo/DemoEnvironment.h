#pragma once
// What every simulated service of one scenario shares, by reference: where the broker is
// and the lesson's settings, how services behave now, the payment ledger and the event
// log. The scenario owns them all and outlives every service.

#include "demo/DemoConfig.h"

namespace bs::demo {

class ServiceBehaviour;
class PaymentLedger;
class EventLog;

struct DemoEnvironment
{
    const DemoConfig& config;
    ServiceBehaviour& behaviour;
    PaymentLedger& ledger;
    EventLog& log;
};

/// What one consumer group's instances did since the start (or the last reset).
struct GroupCounters
{
    quint64 processed = 0;
    quint64 failed = 0;
    quint64 crashes = 0;
};

} // namespace bs::demo
