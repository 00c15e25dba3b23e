#pragma once
// A sliding message-count window for rates. kSlots buckets of kSlotMs each, addressed by
// absolute slot number (msecs / kSlotMs) modulo kSlots, so two windows advanced to the
// same slot line up bucket for bucket (a parent can subtract a removed child's window).
// The newest bucket is still filling, so rate() counts only the kSlots - 1 complete
// buckets before it: a 5 s window that moves in 500 ms steps, and falls to exactly 0
// five and a half seconds after the last message. 56 bytes per window.

#include <QtGlobal>

#include <array>

namespace bs::models {

class RateWindow
{
public:
    static constexpr int kSlots = 11;
    static constexpr qint64 kSlotMs = 500;
    static constexpr double kWindowSeconds = (kSlots - 1) * kSlotMs / 1000.0;

    static qint64 slotAt(qint64 msecs) { return msecs / kSlotMs; }

    /// Counts n messages at slot. A slot older than the newest one (the clock went back)
    /// counts into the newest bucket.
    void add(qint64 slot, quint32 n = 1);
    /// Messages per second over the complete buckets before slot.
    double rate(qint64 slot);
    /// True when no bucket holds a message: the rate is 0 and stays 0.
    bool isEmpty() const { return m_total == 0; }
    /// Removes what other counted (both advanced to slot first), never going below 0.
    void subtract(RateWindow other, qint64 slot);
    /// Adds what other counted (both advanced to slot first).
    void merge(RateWindow other, qint64 slot);

private:
    void advance(qint64 slot);

    std::array<quint32, kSlots> m_counts{};
    quint32 m_total = 0;
    qint64 m_newest = 0;
};

} // namespace bs::models
