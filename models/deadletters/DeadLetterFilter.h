#pragma once
// The dead-letters page's filter, with the meaning the engine's selection has (README:
// "Dead letters: ids, selection, replay"), so that what the table shows and what "Replay
// all matching" / "Purge all matching" send are the same letters:
//   group  — exact; reason — exact;
//   topic  — an MQTT topic filter on the original topic ("orders/#");
//   text   — in the original topic, member or error (any case), or in the payload
//            (exact bytes; the preview when the payload is not loaded).
// Empty fields match everything.

#include <QJsonObject>
#include <QString>

namespace bs::models {

struct DeadLetter;

struct DeadLetterFilter
{
    QString group;
    QString reason;
    QString topic;
    QString text;

    bool isEmpty() const { return group.isEmpty() && reason.isEmpty() && topic.isEmpty() && text.isEmpty(); }
    /// False when `topic` is not a valid MQTT topic filter (then nothing matches).
    bool isValid() const;
    bool matches(const DeadLetter& letter) const;
    /// The selection fields of an admin request (group, reason, topic, text).
    QJsonObject toJson() const;
    /// "group payment, reason rejected, topic orders/#, text “blue”"; "every letter" when empty.
    QString describe() const;

    friend bool operator==(const DeadLetterFilter&, const DeadLetterFilter&) = default;
};

} // namespace bs::models
