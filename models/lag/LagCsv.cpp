#include "models/lag/LagCsv.h"

#include "models/lag/LagHistory.h"

#include <QDateTime>
#include <QSaveFile>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

struct Row
{
    LagBucket bucket;
    qsizetype series;
};

} // namespace

QString LagCsv::field(const QString& text)
{
    const bool needsQuotes = text.contains(u',') || text.contains(u'"') || text.contains(u'\r') || text.contains(u'\n');
    if (!needsQuotes)
        return text;
    QString quoted = text;
    quoted.replace(u"\""_s, u"\"\""_s);
    return u'"' + quoted + u'"';
}

QString LagCsv::number(double value)
{
    if (std::isfinite(value) && value == std::round(value) && std::abs(value) < 9.2e18)
        return QString::number(qint64(value));
    return QString::number(value, 'g', 15);
}

QByteArray LagCsv::toCsv(const LagHistory& history, const QStringList& series, qint64 windowMs, qint64 nowMs)
{
    std::vector<Row> rows;
    for (qsizetype i = 0; i < series.size(); ++i) {
        const QList<LagBucket> buckets = history.buckets(series[i], windowMs, nowMs);
        for (const LagBucket& bucket : buckets)
            rows.push_back(Row{bucket, i});
    }
    std::stable_sort(rows.begin(), rows.end(), [](const Row& a, const Row& b) { return a.bucket.timeMs < b.bucket.timeMs; });

    QStringList quotedNames;
    quotedNames.reserve(series.size());
    for (const QString& name : series)
        quotedNames.append(field(name));
    QString text = u"time,series,lag_min,lag_max,lag_last\r\n"_s;
    text.reserve(qsizetype(rows.size()) * 64 + text.size());
    for (const Row& row : rows) {
        text += QDateTime::fromMSecsSinceEpoch(row.bucket.timeMs, Qt::UTC).toString(Qt::ISODateWithMs);
        text += u',' + quotedNames[row.series] + u',' + number(row.bucket.min) + u',' + number(row.bucket.max)
            + u',' + number(row.bucket.last) + u"\r\n"_s;
    }
    return text.toUtf8();
}

bool LagCsv::write(const QString& path, const LagHistory& history, const QStringList& series,
                   qint64 windowMs, qint64 nowMs, QString* error)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(toCsv(history, series, windowMs, nowMs)) < 0 || !file.commit()) {
        if (error)
            *error = file.errorString();
        return false;
    }
    return true;
}

} // namespace bs::models
