#pragma once
// One tier of a lag history: fixed-width time buckets (min, max and last lag of the
// samples that fell into each) in a ring of at most capacity() buckets, oldest first.
//
// A sample goes into the bucket of floor(timeMs / width); a sample of the newest bucket's
// time or later updates it or opens the next bucket. A late sample (the clock went back a
// little, or two sources raced) is folded into the newest bucket rather than reordering
// the ring, so buckets stay sorted by time and lookups are binary searches.
//
// The ring grows with the data (a new series costs a few KB, not its whole 24 h) and never
// past capacity(): then the oldest bucket is overwritten, and coveredFromMs() moves to the
// end of the bucket that went. Everything from coveredFromMs() on is still here.

#include <QList>

#include <limits>

namespace bs::models {

/// A time bucket of lag: timeMs is the time of its newest sample.
struct LagBucket
{
    qint64 timeMs = 0;
    double min = 0;
    double max = 0;
    double last = 0;
};

class LagBucketRing
{
public:
    LagBucketRing(qint64 widthMs, qsizetype capacity);

    void add(qint64 timeMs, double lag);
    void clear();

    qint64 widthMs() const { return m_widthMs; }
    qsizetype capacity() const { return m_capacity; }
    qsizetype size() const { return m_buckets.size(); }
    bool isEmpty() const { return m_buckets.isEmpty(); }
    /// Oldest first: at(0) is the oldest bucket, at(size() - 1) the newest.
    const LagBucket& at(qsizetype index) const;
    const LagBucket& newest() const { return at(size() - 1); }
    /// The first index whose bucket has timeMs >= fromMs (size() when none).
    qsizetype lowerBound(qint64 fromMs) const;
    /// Data from this time on is complete here (min() until a bucket was overwritten).
    qint64 coveredFromMs() const { return m_coveredFromMs; }
    qsizetype allocatedBytes() const { return m_buckets.capacity() * qsizetype(sizeof(LagBucket)); }

private:
    qint64 bucketKey(qint64 timeMs) const;
    LagBucket& newestBucket();

    qint64 m_widthMs;
    qsizetype m_capacity;
    QList<LagBucket> m_buckets; ///< Ring storage; m_head is the oldest once full.
    qsizetype m_head = 0;
    qint64 m_coveredFromMs = std::numeric_limits<qint64>::min();
};

} // namespace bs::models
