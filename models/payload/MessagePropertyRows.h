#pragma once
// Every fact about one message, MQTT 5 properties included, as rows of name / value text for
// the properties view. Properties the message does not carry are listed too ("not set"), so
// the user sees what was absent. User properties are child rows, in the order they arrived.

#include "client/MqttMessage.h"

#include <QList>
#include <QString>

namespace bs::models {

struct PropertyRow
{
    QString name;
    QString value;
    int level = 0;        ///< 0: a property; 1: a child of the row above with level 0.
    bool present = true;  ///< false: the message does not carry this property.
};

/// Longest correlation data shown in full (longer data is cut with "…").
inline constexpr qsizetype CorrelationDataShownBytes = 256;

QList<PropertyRow> messagePropertyRows(const bs::client::MqttMessage& message);

/// Text if the bytes are printable UTF-8, else "0x" hex; cut past `maxBytes`.
QString describeBinaryValue(const QByteArray& bytes, qsizetype maxBytes);

} // namespace bs::models
