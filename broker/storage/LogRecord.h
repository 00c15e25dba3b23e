#pragma once
// One stored message of a topic log: its log offset, when it arrived, and the MQTT
// message as published (topic, QoS, retain, MQTT 5 properties, payload).

#include "broker/protocol/Properties.h"

#include <QByteArray>
#include <QString>

namespace bs::storage {

struct LogRecord
{
    quint64 offset = 0;  ///< Assigned by TopicLog::append(); ignored on input.
    qint64 arrivalMs = 0; ///< Milliseconds since the Unix epoch.
    QString topic;
    quint8 qos = 0;
    bool retain = false;
    mqtt::Properties properties; ///< Written/read with PropertyContext::Publish.
    QByteArray payload;
};

} // namespace bs::storage
