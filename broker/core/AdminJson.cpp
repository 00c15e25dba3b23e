#include "broker/core/AdminJson.h"

#include "broker/protocol/ByteReader.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::broker {

QJsonObject recordJson(const storage::LogRecord& record)
{
    QJsonObject m{{u"offset"_s, qint64(record.offset)},
                  {u"time"_s, record.arrivalMs},
                  {u"qos"_s, record.qos},
                  {u"retain"_s, record.retain},
                  {u"payloadBase64"_s, QString::fromLatin1(record.payload.toBase64())}};
    if (mqtt::isValidMqttUtf8(record.payload))
        m.insert(u"payload"_s, QString::fromUtf8(record.payload));
    QJsonArray user;
    for (const mqtt::UserProperty& property : record.properties.userProperties)
        user.append(QJsonObject{{u"name"_s, property.name}, {u"value"_s, property.value}});
    if (!user.isEmpty())
        m.insert(u"userProperties"_s, user);
    if (record.properties.contentType)
        m.insert(u"contentType"_s, *record.properties.contentType);
    if (record.properties.messageExpiryInterval)
        m.insert(u"messageExpiryInterval"_s, qint64(*record.properties.messageExpiryInterval));
    return m;
}

std::optional<qint64> integerField(const QJsonObject& request, const QString& name, QString* error, qint64 max)
{
    const QJsonValue value = request.value(name);
    if (value.isUndefined())
        return std::nullopt;
    if (!value.isDouble() || value.toDouble() < 0 || value.toDouble() > double(max)
        || value.toDouble() != double(value.toInteger())) {
        *error = max == std::numeric_limits<qint64>::max()
            ? u"'%1' must be a non-negative integer"_s.arg(name)
            : u"'%1' must be an integer from 0 to %2"_s.arg(name).arg(max);
        return std::nullopt;
    }
    return value.toInteger();
}

} // namespace bs::broker
