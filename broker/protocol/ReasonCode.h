#pragma once
// MQTT 5 reason codes (§2.4) and the v3.1.1 CONNACK return codes they map to.

#include <QtGlobal>

namespace bs::mqtt {

enum class ReasonCode : quint8
{
    Success = 0x00,
    GrantedQos1 = 0x01,
    GrantedQos2 = 0x02,
    DisconnectWithWill = 0x04,
    NoMatchingSubscribers = 0x10,
    NoSubscriptionExisted = 0x11,
    ContinueAuthentication = 0x18,
    ReAuthenticate = 0x19,
    UnspecifiedError = 0x80,
    MalformedPacket = 0x81,
    ProtocolError = 0x82,
    ImplementationSpecificError = 0x83,
    UnsupportedProtocolVersion = 0x84,
    ClientIdentifierNotValid = 0x85,
    BadUserNameOrPassword = 0x86,
    NotAuthorized = 0x87,
    ServerUnavailable = 0x88,
    ServerBusy = 0x89,
    Banned = 0x8A,
    ServerShuttingDown = 0x8B,
    BadAuthenticationMethod = 0x8C,
    KeepAliveTimeout = 0x8D,
    SessionTakenOver = 0x8E,
    TopicFilterInvalid = 0x8F,
    TopicNameInvalid = 0x90,
    PacketIdentifierInUse = 0x91,
    PacketIdentifierNotFound = 0x92,
    ReceiveMaximumExceeded = 0x93,
    TopicAliasInvalid = 0x94,
    PacketTooLarge = 0x95,
    MessageRateTooHigh = 0x96,
    QuotaExceeded = 0x97,
    AdministrativeAction = 0x98,
    PayloadFormatInvalid = 0x99,
    RetainNotSupported = 0x9A,
    QosNotSupported = 0x9B,
    UseAnotherServer = 0x9C,
    ServerMoved = 0x9D,
    SharedSubscriptionsNotSupported = 0x9E,
    ConnectionRateExceeded = 0x9F,
    MaximumConnectTime = 0xA0,
    SubscriptionIdentifiersNotSupported = 0xA1,
    WildcardSubscriptionsNotSupported = 0xA2,
};

inline bool isError(ReasonCode code) { return static_cast<quint8>(code) >= 0x80; }

/// v3.1.1 CONNACK return code for a v5 reason (§3.2.2.3 of 3.1.1).
inline quint8 v311ConnackCode(ReasonCode code)
{
    switch (code) {
    case ReasonCode::Success: return 0x00;
    case ReasonCode::UnsupportedProtocolVersion: return 0x01;
    case ReasonCode::ClientIdentifierNotValid: return 0x02;
    case ReasonCode::ServerUnavailable:
    case ReasonCode::ServerBusy: return 0x03;
    case ReasonCode::BadUserNameOrPassword: return 0x04;
    default: return 0x05;
    }
}

/// The spec's name for a reason code (§2.4), or nullptr for a value the spec does not define.
const char* reasonName(ReasonCode code);

} // namespace bs::mqtt
