#include "client/paho/PahoMessages.h"

#include <mqtt/properties.h>

namespace bs::client::paho {

namespace {

QString utf8(const MQTTLenString& text)
{
    return QString::fromUtf8(text.data, text.len);
}

void readProperty(const MQTTProperty& property, MessageProperties& into)
{
    switch (property.identifier) {
    case MQTTPROPERTY_CODE_PAYLOAD_FORMAT_INDICATOR:
        into.payloadFormatIndicator = property.value.byte;
        break;
    case MQTTPROPERTY_CODE_MESSAGE_EXPIRY_INTERVAL:
        into.messageExpiryInterval = property.value.integer4;
        break;
    case MQTTPROPERTY_CODE_CONTENT_TYPE:
        into.contentType = utf8(property.value.data);
        break;
    case MQTTPROPERTY_CODE_RESPONSE_TOPIC:
        into.responseTopic = utf8(property.value.data);
        break;
    case MQTTPROPERTY_CODE_CORRELATION_DATA:
        into.correlationData = QByteArray(property.value.data.data, property.value.data.len);
        break;
    case MQTTPROPERTY_CODE_SUBSCRIPTION_IDENTIFIER:
        into.subscriptionIdentifiers.append(property.value.integer4);
        break;
    case MQTTPROPERTY_CODE_USER_PROPERTY:
        into.userProperties.append({utf8(property.value.data), utf8(property.value.value)});
        break;
    default: // Topic Alias is resolved by the library; nothing else belongs to a PUBLISH.
        break;
    }
}

std::string bytes(const QByteArray& data)
{
    return std::string(data.constData(), std::size_t(data.size()));
}

} // namespace

MqttMessagePtr messageFromPaho(const mqtt::message& message, const QDateTime& arrival)
{
    auto result = std::make_shared<MqttMessage>();
    const std::string& topic = message.get_topic();
    result->topic = QString::fromUtf8(topic.data(), qsizetype(topic.size()));
    const mqtt::binary& payload = message.get_payload();
    result->payload = QByteArray(payload.data(), qsizetype(payload.size()));
    result->qos = quint8(message.get_qos());
    result->retain = message.is_retained();
    result->duplicate = message.is_duplicate();
    result->timestamp = arrival;
    const MQTTProperties& properties = message.get_properties().c_struct();
    for (int i = 0; i < properties.count; ++i)
        readProperty(properties.array[i], result->properties);
    return result;
}

mqtt::message_ptr messageToPaho(const MqttMessage& message, bool withProperties)
{
    auto result = mqtt::make_message(message.topic.toStdString(), bytes(message.payload),
                                     message.qos, message.retain);
    if (!withProperties)
        return result;

    const MessageProperties& in = message.properties;
    mqtt::properties out;
    if (in.payloadFormatIndicator)
        out.add({mqtt::property::PAYLOAD_FORMAT_INDICATOR, int32_t(*in.payloadFormatIndicator)});
    if (in.messageExpiryInterval)
        out.add({mqtt::property::MESSAGE_EXPIRY_INTERVAL, int32_t(*in.messageExpiryInterval)});
    if (!in.contentType.isEmpty())
        out.add({mqtt::property::CONTENT_TYPE, in.contentType.toStdString()});
    if (!in.responseTopic.isEmpty())
        out.add({mqtt::property::RESPONSE_TOPIC, in.responseTopic.toStdString()});
    if (!in.correlationData.isEmpty())
        out.add({mqtt::property::CORRELATION_DATA, bytes(in.correlationData)});
    for (const UserProperty& user : in.userProperties)
        out.add({mqtt::property::USER_PROPERTY, user.name.toStdString(), user.value.toStdString()});
    // Subscription identifiers are set by the broker on delivery; a client may not send them.
    result->set_properties(std::move(out));
    return result;
}

} // namespace bs::client::paho
