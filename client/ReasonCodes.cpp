#include "client/ReasonCodes.h"

#include "broker/protocol/ReasonCode.h"

#include <QLatin1StringView>

using namespace Qt::StringLiterals;

namespace bs::client {

namespace {

/// The spec's name from the protocol library (one table for engine and console).
QLatin1StringView reasonName(int code)
{
    if (code < 0 || code > 0xFF)
        return {};
    const char* name = mqtt::reasonName(static_cast<mqtt::ReasonCode>(code));
    return name ? QLatin1StringView(name) : QLatin1StringView();
}

QString hexCode(int code)
{
    return u"0x"_s + QString::number(code, 16).toUpper().rightJustified(2, u'0');
}

} // namespace

QString reasonCodeText(int reasonCode)
{
    const QLatin1StringView name = reasonName(reasonCode);
    if (name.isEmpty())
        return u"Reason code "_s + hexCode(reasonCode);
    return name + u" ("_s + hexCode(reasonCode) + u')';
}

QString connackReturnCodeText(int returnCode)
{
    QLatin1StringView name;
    switch (returnCode) {
    case 0:
        name = "Connection accepted"_L1;
        break;
    case 1:
        name = "Unacceptable protocol version"_L1;
        break;
    case 2:
        name = "Identifier rejected"_L1;
        break;
    case 3:
        name = "Server unavailable"_L1;
        break;
    case 4:
        name = "Bad user name or password"_L1;
        break;
    case 5:
        name = "Not authorized"_L1;
        break;
    default:
        return u"Return code "_s + QString::number(returnCode);
    }
    return name + u" (return code "_s + QString::number(returnCode) + u')';
}

} // namespace bs::client
