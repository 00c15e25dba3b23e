#include "ui/dialogs/ReasonCodeText.h"

#include "client/ReasonCodes.h"

namespace bs::ui {

namespace {

QString hexCode(int reasonCode)
{
    return QStringLiteral("0x") + QString::number(reasonCode, 16).toUpper().rightJustified(2, u'0');
}

} // namespace

QString reasonCodeText(int reasonCode)
{
    return client::reasonCodeText(reasonCode);
}

QString connackCodeText(int code, bool mqtt311)
{
    return mqtt311 ? client::connackReturnCodeText(code) : client::reasonCodeText(code);
}

bool isFailure(int reasonCode, const QString& error)
{
    return !error.isEmpty() || reasonCode < 0 || client::isFailureReasonCode(reasonCode);
}

QString failureText(int reasonCode, const QString& error)
{
    if (reasonCode < 0 || reasonCode > 0xFF)
        return error.isEmpty() ? QStringLiteral("Failed, no reason given") : error;
    if (error.contains(hexCode(reasonCode), Qt::CaseInsensitive))
        return error;
    const QString named = reasonCodeText(reasonCode);
    if (error.isEmpty() || named.startsWith(error, Qt::CaseInsensitive))
        return named;
    return named + QStringLiteral(": ") + error;
}

} // namespace bs::ui
