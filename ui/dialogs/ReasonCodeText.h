#pragma once
// Readable results for dialogs, on top of client/ReasonCodes.h ("Not authorized (0x87)"):
// when a published() answer is a failure, and what to show for it.

#include <QString>

namespace bs::ui {

/// The MQTT 5 reason's name and its code in hex, e.g. "Packet too large (0x95)".
QString reasonCodeText(int reasonCode);

/// A CONNACK code: MQTT 5 reason codes as reasonCodeText(); MQTT 3.1.1 return codes 1-5 by
/// their 3.1.1 names, e.g. "Not authorized (return code 5)".
QString connackCodeText(int code, bool mqtt311);

/// True when a published()/subscribed() answer is a failure: an error text, a reason code
/// of 0x80 or above, or no reason code at all (negative).
bool isFailure(int reasonCode, const QString& error);

/// What to show for a failed request: the client's error when it already names the code,
/// else the reason's name and code, followed by the client's text if it says more.
QString failureText(int reasonCode, const QString& error);

} // namespace bs::ui
