#pragma once
// Numbers and durations of lag as a person reads them at a glance, in English with
// thousands separators (the console's words are English): rounded, so a text shown live
// changes only when the value really moves.

#include <QString>

namespace bs::models {

/// "under 10 s", "about 40 s" (5 s steps), "about 4 min", "about 2 h", "more than a day".
QString approximateDuration(double seconds);
/// Exact below 100, else two significant digits: 87 -> "87", 3,187 -> "3,200",
/// 1,234,567 -> "1,200,000".
QString roundedCount(double value);
/// A rate in messages per second: one decimal below 10 ("0.4", "2"), else as roundedCount.
QString roundedRate(double perSecond);

} // namespace bs::models
