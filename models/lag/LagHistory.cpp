#include "models/lag/LagHistory.h"

#include <algorithm>

namespace bs::models {

namespace {

/// One column of points(): its lowest and highest bucket and its last value.
struct Column
{
    LagBucket low;
    LagBucket high;
    double last = 0;
    qint64 lastMs = 0;

    void start(const LagBucket& bucket)
    {
        low = high = bucket;
        last = bucket.last;
        lastMs = bucket.timeMs;
    }
    void add(const LagBucket& bucket)
    {
        if (bucket.min < low.min)
            low = bucket;
        if (bucket.max > high.max)
            high = bucket;
        last = bucket.last;
        lastMs = bucket.timeMs;
    }
    void appendTo(QList<QPointF>& points) const
    {
        if (low.min == high.max) {
            points.append(QPointF(double(lastMs), last));
            return;
        }
        QPointF lowPoint(double(low.timeMs), low.min);
        QPointF highPoint(double(high.timeMs), high.max);
        // Time order; within one bucket, end nearer the last value so the line goes on from it.
        const bool lowFirst = low.timeMs != high.timeMs ? low.timeMs < high.timeMs
                                                        : (last - low.min) >= (high.max - last);
        points.append(lowFirst ? lowPoint : highPoint);
        points.append(lowFirst ? highPoint : lowPoint);
    }
};

} // namespace

LagBucketRing LagHistory::makeTier(size_t tier)
{
    // Two buckets of slack: a full 15 min window still fits in tier 0 when the newest
    // bucket has only just begun.
    return LagBucketRing(kTiers[tier].widthMs, kTiers[tier].spanMs / kTiers[tier].widthMs + 2);
}

LagHistory::Series::Series()
    : tiers{makeTier(0), makeTier(1), makeTier(2)}
{
}

LagHistory::LagHistory(QObject* parent)
    : QObject(parent)
{
    m_changedTimer.setSingleShot(true);
    m_changedTimer.setInterval(kChangedIntervalMs);
    connect(&m_changedTimer, &QTimer::timeout, this, &LagHistory::changed);
}

void LagHistory::append(const QString& name, qint64 timeMs, double lag, double ackRate)
{
    auto [it, inserted] = m_series.try_emplace(name);
    Series* series = &it->second;
    if (!inserted && timeMs < series->latest.timeMs - kClockResetMs) {
        m_series.erase(it); // the clock went back: start over rather than fold into one bucket
        series = &m_series.try_emplace(name).first->second;
    }
    for (LagBucketRing& tier : series->tiers)
        tier.add(timeMs, lag);
    series->trend.add(timeMs, lag, ackRate);
    series->latest = LagSample{timeMs, lag, ackRate};
    m_latestTimeMs = std::max(m_latestTimeMs, timeMs);
    scheduleChanged();
}

QStringList LagHistory::series() const
{
    QStringList names;
    names.reserve(qsizetype(m_series.size()));
    for (const auto& [name, series] : m_series)
        names.append(name);
    return names;
}

void LagHistory::remove(const QString& series)
{
    if (m_series.erase(series) > 0)
        scheduleChanged();
}

void LagHistory::clear()
{
    m_series.clear();
    m_latestTimeMs = 0;
    scheduleChanged();
}

const LagBucketRing* LagHistory::tierFor(const QString& name, qint64 windowMs, qint64 nowMs) const
{
    const auto it = m_series.find(name);
    if (it == m_series.end())
        return nullptr;
    const qint64 fromMs = nowMs - windowMs;
    for (const LagBucketRing& tier : it->second.tiers) {
        if (tier.coveredFromMs() <= fromMs)
            return &tier;
    }
    return &it->second.tiers.back();
}

QList<QPointF> LagHistory::points(const QString& series, qint64 windowMs, qint64 nowMs, int maxPoints) const
{
    QList<QPointF> points;
    const LagBucketRing* tier = tierFor(series, windowMs, nowMs);
    if (!tier || windowMs <= 0)
        return points;
    // One column fewer than maxPoints when there is room: the newest column may add its
    // newest sample as a third point, so the line ends at the current value.
    const qint64 columns = std::max(1, maxPoints - 1);
    const qint64 fromMs = nowMs - windowMs;
    const qsizetype first = tier->lowerBound(fromMs);
    const qsizetype end = tier->lowerBound(nowMs + 1);
    points.reserve(std::min<qsizetype>(2 * (end - first), 2 * columns + 1));
    Column column;
    qint64 current = -1;
    for (qsizetype i = first; i < end; ++i) {
        const LagBucket& bucket = tier->at(i);
        const qint64 index = std::min(columns - 1, (bucket.timeMs - fromMs) * columns / windowMs);
        if (index != current) {
            if (current >= 0)
                column.appendTo(points);
            column.start(bucket);
            current = index;
        } else {
            column.add(bucket);
        }
    }
    if (current >= 0) {
        column.appendTo(points);
        if (double(column.lastMs) > points.constLast().x() && points.size() < 2 * qsizetype(std::max(1, maxPoints)))
            points.append(QPointF(double(column.lastMs), column.last));
    }
    return points;
}

QList<LagBucket> LagHistory::buckets(const QString& series, qint64 windowMs, qint64 nowMs) const
{
    QList<LagBucket> buckets;
    const LagBucketRing* tier = tierFor(series, windowMs, nowMs);
    if (!tier)
        return buckets;
    const qsizetype first = tier->lowerBound(nowMs - windowMs);
    const qsizetype end = tier->lowerBound(nowMs + 1);
    buckets.reserve(std::max<qsizetype>(0, end - first));
    for (qsizetype i = first; i < end; ++i)
        buckets.append(tier->at(i));
    return buckets;
}

qint64 LagHistory::bucketWidthMs(const QString& series, qint64 windowMs, qint64 nowMs) const
{
    const LagBucketRing* tier = tierFor(series, windowMs, nowMs);
    return tier ? tier->widthMs() : 0;
}

LagTrend LagHistory::trend(const QString& series) const
{
    const auto it = m_series.find(series);
    return it == m_series.end() ? LagTrend() : it->second.trend;
}

std::optional<LagSample> LagHistory::latest(const QString& series) const
{
    const auto it = m_series.find(series);
    if (it == m_series.end())
        return std::nullopt;
    return it->second.latest;
}

qint64 LagHistory::memoryBytes() const
{
    constexpr qint64 mapNodeOverhead = 4 * sizeof(void*); // red-black tree links and colour
    // The trend's samples are a fixed array inside Series.
    qint64 bytes = 0;
    for (const auto& [name, series] : m_series) {
        bytes += qint64(sizeof(Series)) + qint64(sizeof(QString)) + mapNodeOverhead;
        bytes += name.capacity() * qint64(sizeof(QChar));
        for (const LagBucketRing& tier : series.tiers)
            bytes += tier.allocatedBytes();
    }
    return bytes;
}

void LagHistory::scheduleChanged()
{
    if (!m_changedTimer.isActive())
        m_changedTimer.start();
}

} // namespace bs::models
