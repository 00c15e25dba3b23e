#pragma once
// One application message as the broker routes it. Immutable once built and shared by
// every session it is queued for (MessagePtr), so fan-out costs a pointer per subscriber.

#include "broker/protocol/Properties.h"
#include "broker/storage/LogRecord.h"

#include <QByteArray>
#include <QString>
#include <memory>
#include <optional>

namespace bs::broker {

struct Message
{
    QString topic;
    QByteArray payload;
    quint8 qos = 0;
    bool retain = false;
    /// Message properties only: payload format, expiry (as published), content type,
    /// response topic, correlation data, user properties. Per-hop ones are not kept.
    mqtt::Properties properties;
    qint64 expiresAtMs = 0;   ///< Broker clock; 0 = never.
    QString originClientId;   ///< For No Local; empty for broker-made messages.
    qint64 arrivalMs = 0;     ///< Wall clock (ms since the Unix epoch) when it arrived.
    /// Offset in its topic's log, when the broker stores messages; else kNotStored.
    quint64 logOffset = kNotStored;

    static constexpr quint64 kNotStored = ~quint64(0);

    bool isExpired(qint64 nowMs) const { return expiresAtMs != 0 && nowMs >= expiresAtMs; }
    /// Seconds left, rounded up, for the Message Expiry Interval sent on delivery.
    std::optional<quint32> remainingExpiry(qint64 nowMs) const
    {
        if (expiresAtMs == 0)
            return std::nullopt;
        const qint64 left = expiresAtMs - nowMs;
        return left <= 0 ? 0u : static_cast<quint32>((left + 999) / 1000);
    }
};

using MessagePtr = std::shared_ptr<const Message>;

/// The message as its topic's log stores it (offset: logOffset).
storage::LogRecord toLogRecord(const Message& message);

/// Keeps only the properties that travel with a message (§3.3.2.3).
mqtt::Properties messageProperties(const mqtt::Properties& published);

} // namespace bs::broker
