#pragma once
// Correlation data as the user types it: plain text, or bytes in hex when it starts with
// "0x" ("0x0a1b 2c", blanks ignored). Bytes that are not printable UTF-8 are shown as hex,
// so editing and republishing a message keeps them exactly.

#include <QByteArray>
#include <QString>
#include <optional>

namespace bs::ui {

/// nullopt and *error set ("odd number of hex digits", "'g' is not a hex digit") when the
/// text starts with 0x but is not hex.
std::optional<QByteArray> parseCorrelationData(const QString& text, QString* error);

/// The inverse: text when the bytes are printable UTF-8 not starting with "0x", else hex.
QString correlationDataToText(const QByteArray& bytes);

/// Hex digits to bytes, blanks ignored; nullopt and *error set when it is not hex.
std::optional<QByteArray> parseHexBytes(QStringView hex, QString* error);

/// Bytes as lines of 16 space-separated hex pairs ("7b 22 61 22 ...").
QString formatHexBytes(const QByteArray& bytes);

/// Printable UTF-8: valid UTF-8 without control characters other than tab and newlines.
bool isPrintableUtf8(const QByteArray& bytes);

} // namespace bs::ui
