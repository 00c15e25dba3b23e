#include "models/payload/PayloadKind.h"

#include "models/payload/Utf8Scan.h"

#include <QJsonDocument>
#include <QJsonParseError>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

bool isJsonBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

qsizetype firstNonBlank(const QByteArray& bytes)
{
    qsizetype i = bytes.startsWith("\xEF\xBB\xBF") ? 3 : 0; // a UTF-8 byte order mark
    while (i < bytes.size() && isJsonBlank(bytes[i]))
        ++i;
    return i;
}

qsizetype lastNonBlank(const QByteArray& bytes)
{
    qsizetype i = bytes.size() - 1;
    while (i >= 0 && isJsonBlank(bytes[i]))
        --i;
    return i;
}

} // namespace

std::optional<PayloadKind> kindFromContentType(const QString& contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    if (type.isEmpty())
        return std::nullopt;
    if (type == u"application/json"_s || type == u"text/json"_s || type.endsWith(u"+json"_s))
        return PayloadKind::Json;
    if (type.startsWith(u"image/"_s))
        return PayloadKind::Image;
    if (type.startsWith(u"text/"_s) || type == u"application/xml"_s || type.endsWith(u"+xml"_s)
        || type == u"application/javascript"_s || type == u"application/yaml"_s
        || type == u"application/x-yaml"_s || type == u"application/csv"_s)
        return PayloadKind::Text;
    if (type == u"application/octet-stream"_s)
        return PayloadKind::Binary;
    return std::nullopt; // unknown: let the bytes speak
}

QByteArray sniffImageFormat(const QByteArray& payload)
{
    if (payload.startsWith("\x89PNG\r\n\x1A\n"_ba))
        return "png"_ba;
    if (payload.startsWith("\xFF\xD8\xFF"_ba))
        return "jpeg"_ba;
    return {};
}

bool looksLikeJson(const QByteArray& payload)
{
    const qsizetype first = firstNonBlank(payload);
    const qsizetype last = lastNonBlank(payload);
    if (first >= payload.size() || last < first)
        return false;
    const char open = payload[first];
    const char close = payload[last];
    if (!((open == '{' && close == '}') || (open == '[' && close == ']')))
        return false;
    if (payload.size() > JsonFullParseBytes) {
        const QByteArrayView prefix = QByteArrayView(payload).first(SniffBytes);
        return scanUtf8(prefix, Utf8Tail::MayBeTruncated).valid;
    }
    QJsonParseError error;
    QJsonDocument::fromJson(payload, &error);
    return error.error == QJsonParseError::NoError;
}

PayloadDetection detectPayloadKind(const QByteArray& payload, const QString& contentType,
                                   std::optional<quint8> payloadFormatIndicator)
{
    if (const auto named = kindFromContentType(contentType))
        return {*named, u"content type "_s + contentType.section(u';', 0, 0).trimmed()};
    if (payloadFormatIndicator == 1) {
        if (looksLikeJson(payload))
            return {PayloadKind::Json, u"UTF-8 (payload format 1), parses as JSON"_s};
        return {PayloadKind::Text, u"UTF-8 (payload format 1)"_s};
    }
    if (payload.isEmpty())
        return {PayloadKind::Text, u"empty payload"_s};
    if (const QByteArray format = sniffImageFormat(payload); !format.isEmpty())
        return {PayloadKind::Image, QString::fromLatin1(format.toUpper()) + u" signature"_s};
    if (looksLikeJson(payload))
        return {PayloadKind::Json, u"parses as JSON"_s};

    const qsizetype sniffed = std::min(payload.size(), SniffBytes);
    const Utf8Scan scan = scanUtf8(QByteArrayView(payload).first(sniffed),
                                   sniffed < payload.size() ? Utf8Tail::MayBeTruncated
                                                            : Utf8Tail::MustBeComplete);
    if (!scan.valid)
        return {PayloadKind::Binary, u"not valid UTF-8 (byte %1)"_s.arg(scan.invalidAt)};
    if (scan.nulBytes > 0)
        return {PayloadKind::Binary, u"contains NUL bytes"_s};
    // A few stray control characters happen in logs; many of them mean a binary format
    // that happens to be valid UTF-8 (small integers, for instance).
    if (scan.controlChars * 100 > scan.characters)
        return {PayloadKind::Binary, u"many control characters"_s};
    return {PayloadKind::Text, u"valid UTF-8"_s};
}

PayloadDetection detectPayloadKind(const bs::client::MqttMessage& message)
{
    return detectPayloadKind(message.payload, message.properties.contentType,
                             message.properties.payloadFormatIndicator);
}

QString displayName(PayloadKind kind)
{
    switch (kind) {
    case PayloadKind::Text: return u"Text"_s;
    case PayloadKind::Json: return u"JSON"_s;
    case PayloadKind::Image: return u"Image"_s;
    case PayloadKind::Binary: return u"Binary"_s;
    }
    return {};
}

} // namespace bs::models
