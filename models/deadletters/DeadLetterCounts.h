#pragma once
// How many dead letters there are, by reason and by source (the failed group, or by
// convention the service or prefix the letter came from), and how many were replayed.
// From our engine these are the listing's own totals (every letter, beyond the rows the
// console holds); by convention they are counted over the letters received.

#include <QJsonObject>
#include <QList>
#include <QMap>
#include <QString>

namespace bs::models {

struct DeadLetter;

struct DeadLetterCounts
{
    qint64 total = 0;
    qint64 replayed = 0;
    QMap<QString, qint64> byReason;
    QMap<QString, qint64> bySource;

    /// The totals of a listDeadLetters answer (total, replayed, byReason, byGroup).
    static DeadLetterCounts fromListing(const QJsonObject& result);
    static DeadLetterCounts count(const QList<DeadLetter>& letters);

    /// "312 dead letters · rejected 200 · delivery_limit 112 · from payment 300 · audit 12 ·
    /// 40 replayed", largest first; "No dead letters" when there are none.
    QString text() const;

    friend bool operator==(const DeadLetterCounts&, const DeadLetterCounts&) = default;
};

/// A reason or source as shown: "(none)" for an empty one.
QString displayName(const QString& reasonOrSource);

} // namespace bs::models
