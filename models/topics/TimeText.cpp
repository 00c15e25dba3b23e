#include "models/topics/TimeText.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bs::models {

QString localTimeOfDay(qint64 msecsSinceEpoch)
{
    constexpr qint64 quarterHour = 15 * 60 * 1000;
    static qint64 cachedQuarter = std::numeric_limits<qint64>::min();
    static int cachedOffsetSeconds = 0;
    const qint64 quarter = msecsSinceEpoch / quarterHour;
    if (quarter != cachedQuarter) {
        cachedOffsetSeconds = QDateTime::fromMSecsSinceEpoch(quarter * quarterHour).offsetFromUtc();
        cachedQuarter = quarter;
    }
    return QDateTime::fromMSecsSinceEpoch(msecsSinceEpoch, Qt::OffsetFromUTC, cachedOffsetSeconds).toString(u"HH:mm:ss.zzz"_s);
}

} // namespace bs::models
