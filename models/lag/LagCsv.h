#pragma once
// Lag history as CSV (RFC 4180): a header line, then one row per bucket of each series
// over a window, at the finest resolution the history still holds for it (1 s, 10 s or
// 1 min), ordered by time and, at equal times, by the order the series were asked in.
//
//   time,series,lag_min,lag_max,lag_last
//   2023-11-14T22:13:20.000Z,orders,120,180,150
//
// time is the bucket's newest sample in ISO 8601 UTC with milliseconds. Lines end in
// CRLF; a field with a comma, a double quote, CR or LF is quoted, its quotes doubled.

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace bs::models {

class LagHistory;

class LagCsv
{
public:
    static QByteArray toCsv(const LagHistory& history, const QStringList& series, qint64 windowMs, qint64 nowMs);
    /// Writes toCsv() to path atomically; false with error filled when it cannot.
    static bool write(const QString& path, const LagHistory& history, const QStringList& series,
                      qint64 windowMs, qint64 nowMs, QString* error = nullptr);
    /// One field as RFC 4180 wants it: as is, or in double quotes with quotes doubled.
    static QString field(const QString& text);
    static QString number(double value);
};

} // namespace bs::models
