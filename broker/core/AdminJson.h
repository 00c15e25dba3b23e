#pragma once
// JSON shapes the admin API shares between its commands (Admin.cpp, DeadLetters.cpp).

#include "broker/storage/LogRecord.h"

#include <QJsonObject>
#include <limits>
#include <optional>

namespace bs::broker {

/// A stored message: offset, time, qos, retain, payload (as text when it is UTF-8, and
/// always as base64), user properties, content type, expiry.
QJsonObject recordJson(const storage::LogRecord& record);

/// An optional integer field from 0 to max: nullopt when absent, or (with *error set,
/// for a "bad-request" answer) when present but not such an integer.
std::optional<qint64> integerField(const QJsonObject& request, const QString& name, QString* error,
                                   qint64 max = std::numeric_limits<qint64>::max());

} // namespace bs::broker
