#pragma once
// Consumer-group lag over time, kept in memory in tiers so that 24 h of 100 groups stays
// small (about 14 MB when full) and a chart of any window is cheap to draw.
//
// A series (one group) gets a sample about once a second (from the broker's
// $SYS/brokerscope/groups/<group>/lag and .../acknowledged-per-second). Every sample goes
// into three rings of time buckets (min, max, last), each bounded (LagBucketRing):
//   tier 0: 1 s buckets for the last 15 min   (900 buckets)
//   tier 1: 10 s buckets for the last 6 h     (2,160 buckets)
//   tier 2: 1 min buckets for the last 24 h   (1,440 buckets)
// (each ring holds 2 buckets more, so a full window fits while its newest bucket fills),
// so nothing grows past 24 h. A query reads the finest tier that still holds all of the
// window: a 15 min window of a series older than 15 min comes from 1 s buckets, a 1 h one
// from 10 s buckets (a young series is read at 1 s whatever the window).
//
// points() turns a window into at most 2 × maxPoints chart points: the window is cut into
// maxPoints − 1 columns (about one a pixel) and each column gives its lowest and highest
// value (one point when they are equal), in time order, so spikes never vanish from the
// drawing; the newest column also ends on the newest value, so a live line ends where
// the lag is now.
//
// Each series also feeds a LagTrend (growing / draining / ... in words).
//
// Time is what the caller says: timeMs of the samples (msecs since epoch) and nowMs of
// the queries, never the clock. A sample more than kClockResetMs older than the series'
// newest one means the clock was set back: the series starts over.
//
// changed() is emitted at most every kChangedIntervalMs, some time after appends.
// GUI thread only.

#include "models/lag/LagBucketRing.h"
#include "models/lag/LagTrend.h"

#include <QObject>
#include <QPointF>
#include <QStringList>
#include <QTimer>

#include <array>
#include <map>
#include <optional>

namespace bs::models {

/// One sample as it came in.
struct LagSample
{
    qint64 timeMs = 0;
    double lag = 0;
    double ackRate = 0;
};

class LagHistory : public QObject
{
    Q_OBJECT
public:
    struct TierSpec
    {
        qint64 widthMs;
        qint64 spanMs;
    };
    static constexpr std::array<TierSpec, 3> kTiers{{
        {1'000, 15 * 60'000},
        {10'000, 6 * 3'600'000},
        {60'000, 24 * 3'600'000},
    }};
    static constexpr int kChangedIntervalMs = 250;
    static constexpr qint64 kClockResetMs = 60'000;

    explicit LagHistory(QObject* parent = nullptr);

    void append(const QString& series, qint64 timeMs, double lag, double ackRate = 0);
    /// Every series, sorted by name.
    QStringList series() const;
    bool contains(const QString& series) const { return m_series.contains(series); }
    void remove(const QString& series);
    void clear();

    /// The lag of [nowMs − windowMs, nowMs] for drawing: x msecs since epoch, y lag; at
    /// most 2 × maxPoints points, oldest first; empty for an unknown series.
    QList<QPointF> points(const QString& series, qint64 windowMs, qint64 nowMs, int maxPoints) const;
    /// The buckets of that window, undecimated, from the finest tier that holds it all.
    QList<LagBucket> buckets(const QString& series, qint64 windowMs, qint64 nowMs) const;
    /// The width of the buckets buckets() returns (1,000, 10,000 or 60,000); 0 when unknown.
    qint64 bucketWidthMs(const QString& series, qint64 windowMs, qint64 nowMs) const;

    /// The series' trend; an empty one (text "no data") for an unknown series.
    LagTrend trend(const QString& series) const;
    std::optional<LagSample> latest(const QString& series) const;
    /// The newest sample time of any series; 0 when there is none.
    qint64 latestTimeMs() const { return m_latestTimeMs; }

    /// An estimate of the heap this history holds (buckets, trends, names, map nodes).
    qint64 memoryBytes() const;

signals:
    void changed();

private:
    struct Series
    {
        Series();
        std::array<LagBucketRing, kTiers.size()> tiers;
        LagTrend trend;
        LagSample latest;
    };

    static LagBucketRing makeTier(size_t tier);
    const LagBucketRing* tierFor(const QString& series, qint64 windowMs, qint64 nowMs) const;
    void scheduleChanged();

    std::map<QString, Series> m_series;
    qint64 m_latestTimeMs = 0;
    QTimer m_changedTimer;
};

} // namespace bs::models
