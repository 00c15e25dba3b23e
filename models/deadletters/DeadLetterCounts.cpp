#include "models/deadletters/DeadLetterCounts.h"

#include "models/deadletters/DeadLetter.h"

#include <QLocale>
#include <QStringList>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

QString number(qint64 value)
{
    static const QLocale english(QLocale::English, QLocale::UnitedStates);
    return english.toString(value);
}

QMap<QString, qint64> countsFrom(const QJsonObject& object)
{
    QMap<QString, qint64> counts;
    for (auto it = object.constBegin(); it != object.constEnd(); ++it)
        counts.insert(it.key(), it.value().toInteger());
    return counts;
}

/// "rejected 200 · expired 3", largest first, names in order among equals.
QString largestFirst(const QMap<QString, qint64>& counts)
{
    QList<std::pair<QString, qint64>> entries;
    for (auto it = counts.cbegin(); it != counts.cend(); ++it)
        entries.append({it.key(), it.value()});
    std::stable_sort(entries.begin(), entries.end(), [](const auto& a, const auto& b) { return a.second > b.second; });
    QStringList parts;
    for (const auto& [name, count] : entries)
        parts.append(displayName(name) + u' ' + number(count));
    return parts.join(u" · "_s);
}

} // namespace

DeadLetterCounts DeadLetterCounts::fromListing(const QJsonObject& result)
{
    DeadLetterCounts counts;
    counts.total = result.value(u"total"_s).toInteger();
    counts.replayed = result.value(u"replayed"_s).toInteger();
    counts.byReason = countsFrom(result.value(u"byReason"_s).toObject());
    counts.bySource = countsFrom(result.value(u"byGroup"_s).toObject());
    return counts;
}

DeadLetterCounts DeadLetterCounts::count(const QList<DeadLetter>& letters)
{
    DeadLetterCounts counts;
    counts.total = letters.size();
    for (const DeadLetter& letter : letters) {
        ++counts.byReason[letter.reason];
        ++counts.bySource[letter.group];
        counts.replayed += letter.isReplayed() ? 1 : 0;
    }
    return counts;
}

QString DeadLetterCounts::text() const
{
    if (total == 0)
        return u"No dead letters"_s;
    QString text = total == 1 ? u"1 dead letter"_s : number(total) + u" dead letters"_s;
    text += u"  —  by reason: "_s + largestFirst(byReason);
    text += u"  —  by source: "_s + largestFirst(bySource);
    if (replayed > 0)
        text += u"  —  "_s + number(replayed) + u" replayed"_s;
    return text;
}

QString displayName(const QString& reasonOrSource)
{
    return reasonOrSource.isEmpty() ? u"(none)"_s : reasonOrSource;
}

} // namespace bs::models
