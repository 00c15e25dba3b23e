#include "broker/core/Message.h"

namespace bs::broker {

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
