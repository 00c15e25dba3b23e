#pragma once

#include <QtGlobal>

namespace bs::mqtt {

enum class PacketType : quint8
{
    Connect = 1,
    Connack = 2,
    Publish = 3,
    Puback = 4,
    Pubrec = 5,
    Pubrel = 6,
    Pubcomp = 7,
    Subscribe = 8,
    Suback = 9,
    Unsubscribe = 10,
    Unsuback = 11,
    Pingreq = 12,
    Pingresp = 13,
    Disconnect = 14,
    Auth = 15,
};

enum class ProtocolVersion : quint8
{
    V311 = 4,
    V5 = 5,
};

/// Largest remaining length the variable byte integer can express (§1.5.5).
inline constexpr quint32 kMaxRemainingLength = 268'435'455;

} // namespace bs::mqtt
