#pragma once
// "HH:mm:ss.zzz" in local time for table cells, without asking the C library for the
// time zone on every call (glibc re-reads /etc/localtime for each local-time conversion,
// which adds up when a view repaints hundreds of cells 20 times a second). The UTC offset
// is cached per quarter hour, the granularity of every time zone's transitions.
// GUI thread only (the cache is not locked).

#include <QString>

namespace bs::models {

QString localTimeOfDay(qint64 msecsSinceEpoch);

} // namespace bs::models
