#pragma once
// What a payload is, for choosing how to show it. Decided in this order:
//   1. the MQTT 5 content type, when it names something we know (it wins over sniffing:
//      the publisher said what it sent);
//   2. payload format indicator 1 (UTF-8 text): Json if it looks like JSON, else Text;
//   3. sniffing: PNG / JPEG signatures, then JSON (a '{' or '[' that parses), then valid
//      UTF-8 without NUL and with few control characters (Text), else Binary.
// Sniffing reads at most the first SniffBytes bytes (plus a full JSON parse for payloads
// up to JsonFullParseBytes), so detecting a 100 MB payload costs about a millisecond.

#include "client/MqttMessage.h"

#include <QByteArray>
#include <QString>
#include <optional>

namespace bs::models {

enum class PayloadKind : quint8
{
    Text,
    Json,
    Image,
    Binary,
};

struct PayloadDetection
{
    PayloadKind kind = PayloadKind::Text;
    QString reason; ///< Why, for the UI: "content type application/json", "PNG signature", ...
};

inline constexpr qsizetype SniffBytes = 1024 * 1024;
inline constexpr qsizetype JsonFullParseBytes = 4 * 1024 * 1024;

PayloadDetection detectPayloadKind(const QByteArray& payload, const QString& contentType = {},
                                   std::optional<quint8> payloadFormatIndicator = std::nullopt);
PayloadDetection detectPayloadKind(const bs::client::MqttMessage& message);

/// The kind a content type names ("application/json; charset=utf-8" -> Json), if any.
std::optional<PayloadKind> kindFromContentType(const QString& contentType);

/// "png" or "jpeg" from the payload's signature, else empty.
QByteArray sniffImageFormat(const QByteArray& payload);

/// The payload starts (after white space) with '{' or '[' and parses as JSON; payloads
/// above JsonFullParseBytes are judged by their first and last non-blank bytes and a
/// valid UTF-8 prefix instead of a full parse.
bool looksLikeJson(const QByteArray& payload);

QString displayName(PayloadKind kind);

} // namespace bs::models
