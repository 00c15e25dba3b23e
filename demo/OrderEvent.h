#pragma once
// The OrderCreated event the order service publishes, as JSON:
//   {"eventId": "<uuid>", "eventType": "ORDER_CREATED", "timestamp": "<ISO 8601 UTC>",
//    "payload": {"orderId", "customerId", "items": [{"productId", "quantity", "price"}],
//                "totalAmount", "shippingAddress": {"street", "city", "postalCode", "country"}},
//    "poison": true}    <- only on a poison order: every consumer that reads it crashes
// Contents come from the scenario's seeded generator, so a run is reproducible.

#include <QByteArray>
#include <QRandomGenerator>
#include <QString>
#include <optional>

namespace bs::demo {

struct OrderEvent
{
    QString orderId;
    QByteArray json;
};

/// "BF<run>-<sequence, 7 digits>": unique within a scenario across resets.
QString orderIdFor(quint32 run, quint64 sequence);

OrderEvent makeOrderCreated(QRandomGenerator& random, const QString& orderId, bool poison);

/// What a consumer needs of an event; nullopt when it is not an OrderCreated event.
struct OrderView
{
    QString orderId;
    bool poison = false;
};
std::optional<OrderView> readOrderCreated(const QByteArray& json);

} // namespace bs::demo
