#include "models/deadletters/DeadLetter.h"

#include "models/deadletters/DeadLetterPatterns.h"
#include "models/payload/PayloadPreview.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

constexpr int kPreviewChars = 120;
constexpr QStringView kDeadLetterPropertyPrefix = u"dlq-";

/// The message of a letter listed with "payload": "full".
client::MqttMessagePtr messageFromJson(const DeadLetter& letter, const QJsonObject& json)
{
    auto message = std::make_shared<client::MqttMessage>();
    message->topic = letter.topic;
    message->payload = QByteArray::fromBase64(json.value(u"payloadBase64"_s).toString().toLatin1());
    message->qos = letter.qos;
    message->retain = json.value(u"retain"_s).toBool();
    if (json.contains(u"payload"_s))
        message->properties.payloadFormatIndicator = 1;
    if (json.contains(u"messageExpiryInterval"_s))
        message->properties.messageExpiryInterval = quint32(json.value(u"messageExpiryInterval"_s).toInteger());
    message->properties.contentType = json.value(u"contentType"_s).toString();
    for (const QJsonValue& property : json.value(u"userProperties"_s).toArray())
        message->properties.userProperties.append(
            {property[u"name"_s].toString(), property[u"value"_s].toString()});
    message->timestamp = QDateTime::fromMSecsSinceEpoch(letter.timeMs);
    return message;
}

} // namespace

bool DeadLetter::sameRow(const DeadLetter& o) const
{
    return id == o.id && timeMs == o.timeMs && group == o.group && originalTopic == o.originalTopic
        && reason == o.reason && deliveryCount == o.deliveryCount && replayCount == o.replayCount
        && preview == o.preview && replays == o.replays && lastReplayMs == o.lastReplayMs
        && lastReplayTarget == o.lastReplayTarget && size == o.size;
}

DeadLetter DeadLetter::fromJson(const QJsonObject& json)
{
    DeadLetter letter;
    letter.source = Source::Engine;
    letter.id = json.value(u"id"_s).toString();
    letter.topic = json.value(u"topic"_s).toString();
    letter.timeMs = json.value(u"time"_s).toInteger();
    letter.group = json.value(u"group"_s).toString();
    letter.originalTopic = json.value(u"originalTopic"_s).toString();
    letter.originalOffset = json.value(u"originalOffset"_s).toInteger(-1);
    letter.reason = json.value(u"reason"_s).toString();
    letter.reasonCode = json.value(u"reasonCode"_s).toString();
    letter.error = json.value(u"error"_s).toString();
    letter.member = json.value(u"member"_s).toString();
    letter.deliveryCount = json.value(u"deliveryCount"_s).toInt();
    letter.replayCount = json.value(u"replayCount"_s).toInt();
    letter.firstDeath = json.value(u"firstDeath"_s).toString();
    letter.lastDeath = json.value(u"lastDeath"_s).toString();
    letter.size = json.value(u"size"_s).toInteger();
    letter.qos = quint8(json.value(u"qos"_s).toInt());
    letter.replays = json.value(u"replays"_s).toInt();
    letter.lastReplayMs = json.value(u"lastReplay"_s).toInteger();
    letter.lastReplayTarget = json.value(u"lastReplayTarget"_s).toString();
    if (json.contains(u"payloadBase64"_s)) {
        letter.message = messageFromJson(letter, json);
        letter.binary = !json.contains(u"payload"_s);
        letter.preview = oneLinePreview(letter.message->payload, kPreviewChars);
    } else {
        letter.binary = json.value(u"binary"_s).toBool();
        const QString preview = json.value(u"preview"_s).toString();
        letter.preview = letter.binary ? u"binary: "_s + preview : oneLineText(preview.simplified());
    }
    return letter;
}

DeadLetter DeadLetter::fromMessage(const client::MqttMessagePtr& message, const DeadLetterPatterns& patterns,
                                   quint64 sequence)
{
    DeadLetter letter;
    letter.source = Source::Convention;
    letter.id = message->topic + u'#' + QString::number(sequence);
    letter.topic = message->topic;
    letter.timeMs = message->timestamp.isValid() ? message->timestamp.toMSecsSinceEpoch()
                                                 : QDateTime::currentMSecsSinceEpoch();
    letter.group = patterns.source(*message);
    letter.originalTopic = patterns.originalTopic(*message);
    auto property = [&](QStringView name) { return userPropertyValue(*message, name); };
    bool ok = false;
    const qint64 offset = property(u"dlq-original-offset").toLongLong(&ok);
    letter.originalOffset = ok ? offset : -1;
    letter.reason = property(u"dlq-reason");
    letter.reasonCode = property(u"dlq-reason-code");
    letter.error = property(u"dlq-error");
    letter.member = property(u"dlq-member");
    letter.deliveryCount = property(u"dlq-delivery-count").toInt();
    letter.replayCount = property(u"dlq-replay-count").toInt();
    letter.firstDeath = property(u"dlq-first-death");
    letter.lastDeath = property(u"dlq-last-death");
    letter.size = message->payload.size();
    letter.qos = message->qos;
    letter.binary = !isPrintableText(message->payload);
    letter.preview = oneLinePreview(message->payload, kPreviewChars);
    letter.message = message;
    return letter;
}

client::MqttMessage DeadLetter::replayCopy(const QString& toTopic) const
{
    client::MqttMessage copy = message ? *message : client::MqttMessage{};
    copy.topic = toTopic.isEmpty() ? originalTopic : toTopic;
    copy.retain = false;
    copy.duplicate = false;
    copy.properties.subscriptionIdentifiers.clear();
    copy.properties.userProperties.removeIf(
        [](const client::UserProperty& property) { return property.name.startsWith(kDeadLetterPropertyPrefix); });
    const QString firstDeathText = firstDeath.isEmpty() ? lastDeath : firstDeath;
    copy.properties.userProperties.append({u"dlq-replay-count"_s, QString::number(replayCount + replays + 1)});
    if (!firstDeathText.isEmpty())
        copy.properties.userProperties.append({u"dlq-first-death"_s, firstDeathText});
    copy.properties.userProperties.append({u"dlq-replayed-from"_s, topic});
    copy.timestamp = QDateTime::currentDateTimeUtc();
    return copy;
}

QString groupOfLetterId(const QString& id)
{
    constexpr QStringView prefix = u"$DLQ/";
    if (!id.startsWith(prefix))
        return {};
    const qsizetype slash = id.indexOf(u'/', prefix.size());
    return slash < 0 ? QString() : id.mid(prefix.size(), slash - prefix.size());
}

} // namespace bs::models
