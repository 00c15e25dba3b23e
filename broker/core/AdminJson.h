#pragma once
// JSON shapes the admin API shares between its commands (Admin.cpp, DeadLetters.cpp).

#include "broker/storage/LogRecord.h"

#include <QJsonObject>

namespace bs::broker {

/// A stored message: offset, time, qos, retain, payload (as text when it is UTF-8, and
/// always as base64), user properties, content type, expiry.
QJsonObject recordJson(const storage::LogRecord& record);

} // namespace bs::broker
