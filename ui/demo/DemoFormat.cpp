#include "ui/demo/DemoFormat.h"

#include "models/lag/LagText.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

QLocale english()
{
    return QLocale(QLocale::English, QLocale::UnitedStates);
}

/// One decimal below 10, none above: "4.2", "27".
QString twoDigits(double value)
{
    return english().toString(value, 'f', value < 9.95 ? 1 : 0);
}

} // namespace

QString countText(quint64 value)
{
    return english().toString(value);
}

QString latencyText(double milliseconds, bool hasValue)
{
    if (!hasValue || !std::isfinite(milliseconds))
        return u"—"_s;
    if (milliseconds < 1.0)
        return english().toString(milliseconds, 'f', 2) + u" ms"_s;
    if (milliseconds < 999.5)
        return twoDigits(milliseconds) + u" ms"_s;
    return twoDigits(milliseconds / 1000.0) + u" s"_s;
}

QString percentText(double share)
{
    const double percent = std::clamp(share, 0.0, 1.0) * 100.0;
    if (percent == 0.0)
        return u"0 %"_s;
    if (percent < 0.1)
        return english().toString(percent, 'f', 2) + u" %"_s;
    return twoDigits(percent) + u" %"_s;
}

QString factorText(double factor)
{
    return twoDigits(factor) + u"×"_s;
}

QString orderRateText(double perSecond)
{
    return models::roundedRate(perSecond) + u" orders/s"_s;
}

} // namespace bs::ui
