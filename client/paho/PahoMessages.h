#pragma once
// Converting application messages between paho-mqtt-cpp and our MqttMessage, MQTT 5
// properties included. Runs on paho's threads for received messages, so it only builds
// value types (QString, QByteArray, QDateTime), never QObjects.

#include "client/MqttMessage.h"

#include <mqtt/message.h>

namespace bs::client::paho {

/// A received message, stamped with its arrival time. Properties are read in wire order,
/// so user properties keep their order and repeated subscription identifiers all arrive.
MqttMessagePtr messageFromPaho(const mqtt::message& message, const QDateTime& arrival);

/// The message to publish. withProperties: false on an MQTT 3.1.1 connection, which has
/// no properties (they are left out rather than rejected).
mqtt::message_ptr messageToPaho(const MqttMessage& message, bool withProperties);

} // namespace bs::client::paho
