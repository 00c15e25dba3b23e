#include "models/lag/LagText.h"

#include <QLocale>

#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

const QLocale& english()
{
    static const QLocale locale(QLocale::English, QLocale::UnitedStates);
    return locale;
}

} // namespace

QString approximateDuration(double seconds)
{
    if (!std::isfinite(seconds) || seconds >= 24 * 3600.0)
        return u"more than a day"_s;
    if (seconds < 10)
        return u"under 10 s"_s;
    if (seconds < 57.5)
        return u"about %1 s"_s.arg(qint64(std::lround(seconds / 5) * 5));
    if (seconds < 90 * 60)
        return u"about %1 min"_s.arg(std::max<qint64>(1, std::lround(seconds / 60)));
    return u"about %1 h"_s.arg(std::lround(seconds / 3600));
}

QString roundedCount(double value)
{
    if (!std::isfinite(value))
        return u"—"_s;
    if (std::abs(value) < 100)
        return english().toString(qint64(std::llround(value)));
    const double step = std::pow(10.0, std::floor(std::log10(std::abs(value))) - 1);
    return english().toString(qint64(std::llround(value / step)) * qint64(std::llround(step)));
}

QString roundedRate(double perSecond)
{
    if (std::isfinite(perSecond) && std::abs(perSecond) < 9.95) {
        const double tenths = std::round(perSecond * 10) / 10;
        return tenths == std::round(tenths) ? english().toString(qint64(tenths))
                                            : english().toString(tenths, 'f', 1);
    }
    return roundedCount(perSecond);
}

} // namespace bs::models
