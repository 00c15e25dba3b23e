#pragma once
// Readable names for MQTT reason codes, as the console shows them: "Not authorized (0x87)".
// MQTT 5 reason codes (§2.4) are one table shared by CONNACK, PUBACK, SUBACK, UNSUBACK and
// DISCONNECT; MQTT 3.1.1 CONNACK return codes (1-5) have their own names.

#include <QString>

namespace bs::client {

/// "Not authorized (0x87)"; an unknown code gives "Reason code 0x42".
QString reasonCodeText(int reasonCode);
/// MQTT 3.1.1 CONNACK return codes: "Not authorized (return code 5)".
QString connackReturnCodeText(int returnCode);
/// True for MQTT 5 reason codes that report a failure (0x80 and above).
constexpr bool isFailureReasonCode(int reasonCode)
{
    return reasonCode >= 0x80;
}

} // namespace bs::client
