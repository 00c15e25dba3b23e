#include "client/ReasonCodes.h"

#include <QLatin1StringView>

using namespace Qt::StringLiterals;

namespace bs::client {

namespace {

QLatin1StringView reasonName(int code)
{
    switch (code) {
    case 0x00:
        return "Success"_L1;
    case 0x01:
        return "Granted QoS 1"_L1;
    case 0x02:
        return "Granted QoS 2"_L1;
    case 0x04:
        return "Disconnect with Will Message"_L1;
    case 0x10:
        return "No matching subscribers"_L1;
    case 0x11:
        return "No subscription existed"_L1;
    case 0x18:
        return "Continue authentication"_L1;
    case 0x19:
        return "Re-authenticate"_L1;
    case 0x80:
        return "Unspecified error"_L1;
    case 0x81:
        return "Malformed Packet"_L1;
    case 0x82:
        return "Protocol Error"_L1;
    case 0x83:
        return "Implementation specific error"_L1;
    case 0x84:
        return "Unsupported Protocol Version"_L1;
    case 0x85:
        return "Client Identifier not valid"_L1;
    case 0x86:
        return "Bad User Name or Password"_L1;
    case 0x87:
        return "Not authorized"_L1;
    case 0x88:
        return "Server unavailable"_L1;
    case 0x89:
        return "Server busy"_L1;
    case 0x8A:
        return "Banned"_L1;
    case 0x8B:
        return "Server shutting down"_L1;
    case 0x8C:
        return "Bad authentication method"_L1;
    case 0x8D:
        return "Keep Alive timeout"_L1;
    case 0x8E:
        return "Session taken over"_L1;
    case 0x8F:
        return "Topic Filter invalid"_L1;
    case 0x90:
        return "Topic Name invalid"_L1;
    case 0x91:
        return "Packet Identifier in use"_L1;
    case 0x92:
        return "Packet Identifier not found"_L1;
    case 0x93:
        return "Receive Maximum exceeded"_L1;
    case 0x94:
        return "Topic Alias invalid"_L1;
    case 0x95:
        return "Packet too large"_L1;
    case 0x96:
        return "Message rate too high"_L1;
    case 0x97:
        return "Quota exceeded"_L1;
    case 0x98:
        return "Administrative action"_L1;
    case 0x99:
        return "Payload format invalid"_L1;
    case 0x9A:
        return "Retain not supported"_L1;
    case 0x9B:
        return "QoS not supported"_L1;
    case 0x9C:
        return "Use another server"_L1;
    case 0x9D:
        return "Server moved"_L1;
    case 0x9E:
        return "Shared Subscriptions not supported"_L1;
    case 0x9F:
        return "Connection rate exceeded"_L1;
    case 0xA0:
        return "Maximum connect time"_L1;
    case 0xA1:
        return "Subscription Identifiers not supported"_L1;
    case 0xA2:
        return "Wildcard Subscriptions not supported"_L1;
    default:
        return {};
    }
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
