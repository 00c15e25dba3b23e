#include "models/lag/LagBucketRing.h"

#include <algorithm>

namespace bs::models {

LagBucketRing::LagBucketRing(qint64 widthMs, qsizetype capacity)
    : m_widthMs(std::max<qint64>(1, widthMs)), m_capacity(std::max<qsizetype>(1, capacity))
{
}

qint64 LagBucketRing::bucketKey(qint64 timeMs) const
{
    // Floor division, so times before the epoch bucket the same way as later ones.
    const qint64 quotient = timeMs / m_widthMs;
    return (timeMs % m_widthMs < 0) ? quotient - 1 : quotient;
}

const LagBucket& LagBucketRing::at(qsizetype index) const
{
    return m_buckets[(m_head + index) % m_buckets.size()];
}

LagBucket& LagBucketRing::newestBucket()
{
    return m_buckets[(m_head + m_buckets.size() - 1) % m_buckets.size()];
}

void LagBucketRing::add(qint64 timeMs, double lag)
{
    if (!m_buckets.isEmpty()) {
        LagBucket& newest = newestBucket();
        if (bucketKey(timeMs) <= bucketKey(newest.timeMs)) {
            newest.min = std::min(newest.min, lag);
            newest.max = std::max(newest.max, lag);
            newest.last = lag;
            newest.timeMs = std::max(newest.timeMs, timeMs);
            return;
        }
    }
    const LagBucket bucket{timeMs, lag, lag, lag};
    if (m_buckets.size() < m_capacity) {
        if (m_buckets.size() == m_buckets.capacity()) // grow in steps, never past m_capacity
            m_buckets.reserve(std::min(m_capacity, std::max<qsizetype>(64, m_buckets.size() * 2)));
        m_buckets.append(bucket);
        return;
    }
    m_coveredFromMs = (bucketKey(m_buckets[m_head].timeMs) + 1) * m_widthMs;
    m_buckets[m_head] = bucket;
    m_head = (m_head + 1) % m_buckets.size();
}

void LagBucketRing::clear()
{
    m_buckets = {};
    m_head = 0;
    m_coveredFromMs = std::numeric_limits<qint64>::min();
}

qsizetype LagBucketRing::lowerBound(qint64 fromMs) const
{
    qsizetype low = 0;
    qsizetype high = size();
    while (low < high) {
        const qsizetype middle = low + (high - low) / 2;
        if (at(middle).timeMs < fromMs)
            low = middle + 1;
        else
            high = middle;
    }
    return low;
}

} // namespace bs::models
