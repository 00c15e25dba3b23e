#include "broker/core/Message.h"

namespace bs::broker {

storage::LogRecord toLogRecord(const Message& message)
{
    storage::LogRecord record;
    record.offset = message.logOffset;
    record.arrivalMs = message.arrivalMs;
    record.topic = message.topic;
    record.qos = message.qos;
    record.retain = message.retain;
    record.properties = message.properties;
    record.payload = message.payload;
    return record;
}

mqtt::Properties messageProperties(const mqtt::Properties& published)
{
    mqtt::Properties kept;
    kept.payloadFormatIndicator = published.payloadFormatIndicator;
    kept.messageExpiryInterval = published.messageExpiryInterval;
    kept.contentType = published.contentType;
    kept.responseTopic = published.responseTopic;
    kept.correlationData = published.correlationData;
    kept.userProperties = published.userProperties;
    return kept;
}

} // namespace bs::broker
