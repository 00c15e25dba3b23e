#pragma once
// How the demo page writes its numbers, in English with thousands separators: exact
// counts (they must visibly rise), latencies with a sensible unit, shares as percentages,
// and "how many times faster".

#include <QString>

namespace bs::ui {

/// 12345 -> "12,345".
QString countText(quint64 value);
/// 0.42 -> "0.42 ms", 85.3 -> "85 ms", 2300 -> "2.3 s"; "—" for no value.
QString latencyText(double milliseconds, bool hasValue = true);
/// 0..1 -> "0 %", "0.01 %", "12 %".
QString percentText(double share);
/// 27.3 -> "27×", 4.26 -> "4.3×".
QString factorText(double factor);
/// Orders per second at the set rate: "28 orders/s", "0.5 orders/s".
QString orderRateText(double perSecond);

} // namespace bs::ui
