#pragma once
// One dead letter as the console shows it, from either of two sources:
// - Engine: a letter of our engine's admin API (listDeadLetters JSON). Its id is
//   "<$DLQ topic>#<offset>"; it carries why it died and a preview, and the payload itself
//   (`message`) only when it was listed with "payload": "full".
// - Convention: a message received on a dead-letter topic of a generic broker
//   (DeadLetterPatterns). It is kept whole (`message`); its id is "<topic>#<n>" with n a
//   sequence number of this console, and its metadata comes from dlq-* user properties.
// A letter that was replayed is marked (`replays` > 0) and stays listed.

#include "client/MqttMessage.h"

#include <QJsonObject>
#include <QString>

namespace bs::models {

class DeadLetterPatterns;

struct DeadLetter
{
    enum class Source : quint8
    {
        Engine,
        Convention,
    };

    Source source = Source::Engine;
    QString id;
    QString topic;              ///< Where it lies: $DLQ/<group>/<topic>, dlq/..., ...
    qint64 timeMs = 0;          ///< When it died (engine) or arrived (convention).
    QString group;              ///< The failed group; by convention the source (may be empty).
    QString originalTopic;      ///< Empty when unknown: such a letter cannot go back.
    qint64 originalOffset = -1;
    QString reason;             ///< rejected, delivery_limit, expired, maxlen, explicit, ...
    QString reasonCode;         ///< "0x83"
    QString error;
    QString member;
    int deliveryCount = 0;
    int replayCount = 0;        ///< Replays of the message before and since this death.
    QString firstDeath;         ///< ISO 8601, as the engine writes it.
    QString lastDeath;
    qint64 size = 0;
    quint8 qos = 0;
    bool binary = false;
    QString preview;            ///< One line, safe to show.
    int replays = 0;            ///< How often this letter was replayed (0: never).
    qint64 lastReplayMs = 0;
    QString lastReplayTarget;   ///< group, original, or a topic.
    client::MqttMessagePtr message; ///< The message with its payload, when known.

    bool isReplayed() const { return replays > 0; }
    bool hasPayload() const { return bool(message); }
    bool canReplayToOriginal() const { return !originalTopic.isEmpty(); }
    /// Everything shown in a row is equal (the payload is not compared).
    bool sameRow(const DeadLetter& other) const;

    /// A letter of listDeadLetters, with "payload": "preview" or "full".
    static DeadLetter fromJson(const QJsonObject& json);
    /// A message on a dead-letter topic; sequence makes its id unique.
    static DeadLetter fromMessage(const client::MqttMessagePtr& message,
                                  const DeadLetterPatterns& patterns, quint64 sequence);

    /// What a replay of a convention letter publishes: the message without its dlq-*
    /// user properties, to `toTopic` (empty: the original topic), with dlq-replay-count,
    /// dlq-first-death and dlq-replayed-from as the engine sets them.
    client::MqttMessage replayCopy(const QString& toTopic = {}) const;
};

/// The group of an engine letter id "$DLQ/<group>/<topic>#<offset>" (empty if it is none).
QString groupOfLetterId(const QString& id);

} // namespace bs::models
