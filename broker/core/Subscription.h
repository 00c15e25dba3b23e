#pragma once

#include <QString>
#include <QtGlobal>

namespace bs::broker {

/// What a client asked for in one SUBSCRIBE entry (§3.8.3.1), plus its identifier.
struct SubscriptionOptions
{
    quint8 qos = 0;
    bool noLocal = false;
    bool retainAsPublished = false;
    quint8 retainHandling = 0;
    quint32 subscriptionId = 0; ///< 0: none.
};

/// A subscriber found by matching a topic: the client and the options of its subscription.
struct SubscriberRef
{
    QString clientId;
    SubscriptionOptions options;
};

} // namespace bs::broker
