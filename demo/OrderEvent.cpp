#include "demo/OrderEvent.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QUuid>
#include <cmath>
#include <array>

namespace bs::demo {

namespace {

struct Product
{
    const char* id;
    double price;
};

constexpr std::array<Product, 6> kProducts{{
    {"SKU-TV-55", 499.00}, {"SKU-HEADPHONES", 89.90}, {"SKU-LAPTOP-14", 1099.00},
    {"SKU-COFFEE-1KG", 17.50}, {"SKU-SNEAKERS", 74.95}, {"SKU-BOOK-DDIA", 39.99},
}};

constexpr std::array<const char*, 5> kCities{"Lisbon", "Hamburg", "Lyon", "Krakow", "Dublin"};

QString randomUuid(QRandomGenerator& random)
{
    QByteArray bytes(16, Qt::Uninitialized);
    random.fillRange(reinterpret_cast<quint32*>(bytes.data()), 4);
    bytes[6] = char((quint8(bytes[6]) & 0x0F) | 0x40); // version 4
    bytes[8] = char((quint8(bytes[8]) & 0x3F) | 0x80); // RFC 4122 variant
    return QUuid::fromRfc4122(bytes).toString(QUuid::WithoutBraces);
}

QJsonObject randomAddress(QRandomGenerator& random)
{
    return {
        {QStringLiteral("street"), QStringLiteral("%1 Market Street").arg(random.bounded(1, 400))},
        {QStringLiteral("city"), QString::fromLatin1(kCities[random.bounded(quint32(kCities.size()))])},
        {QStringLiteral("postalCode"), QString::number(random.bounded(10000, 99999))},
        {QStringLiteral("country"), QStringLiteral("EU")},
    };
}

} // namespace

QString orderIdFor(quint32 run, quint64 sequence)
{
    return QStringLiteral("BF%1-%2").arg(run).arg(sequence, 7, 10, QLatin1Char('0'));
}

OrderEvent makeOrderCreated(QRandomGenerator& random, const QString& orderId, bool poison)
{
    QJsonArray items;
    double total = 0.0;
    const int lines = 1 + int(random.bounded(3));
    for (int i = 0; i < lines; ++i) {
        const Product& product = kProducts[random.bounded(quint32(kProducts.size()))];
        const int quantity = 1 + int(random.bounded(3));
        total += product.price * quantity;
        items.append(QJsonObject{{QStringLiteral("productId"), QString::fromLatin1(product.id)},
                                 {QStringLiteral("quantity"), quantity},
                                 {QStringLiteral("price"), product.price}});
    }
    const QJsonObject payload{
        {QStringLiteral("orderId"), orderId},
        {QStringLiteral("customerId"), QStringLiteral("CUST-%1").arg(random.bounded(100000, 999999))},
        {QStringLiteral("items"), items},
        {QStringLiteral("totalAmount"), std::round(total * 100.0) / 100.0},
        {QStringLiteral("shippingAddress"), randomAddress(random)},
    };
    QJsonObject event{
        {QStringLiteral("eventId"), randomUuid(random)},
        {QStringLiteral("eventType"), QStringLiteral("ORDER_CREATED")},
        {QStringLiteral("timestamp"), QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs)},
        {QStringLiteral("payload"), payload},
    };
    if (poison)
        event.insert(QStringLiteral("poison"), true);
    return {orderId, QJsonDocument(event).toJson(QJsonDocument::Compact)};
}

std::optional<OrderView> readOrderCreated(const QByteArray& json)
{
    const QJsonObject event = QJsonDocument::fromJson(json).object();
    if (event.value(QLatin1String("eventType")).toString() != QLatin1String("ORDER_CREATED"))
        return std::nullopt;
    OrderView view;
    view.orderId = event.value(QLatin1String("payload")).toObject().value(QLatin1String("orderId")).toString();
    view.poison = event.value(QLatin1String("poison")).toBool();
    if (view.orderId.isEmpty())
        return std::nullopt;
    return view;
}

} // namespace bs::demo
