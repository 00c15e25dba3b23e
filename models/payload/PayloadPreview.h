#pragma once
// Turning arbitrary payload bytes into text that is always safe to put on screen: invalid
// UTF-8 becomes U+FFFD, control characters become visible escapes ("\x00", "\x1b"), and a
// binary payload's one-line preview is a short hex run rather than garbage. Escapes rather
// than the Unicode Control Pictures (U+2400 block) because common fonts (DejaVu, the
// Debian default) have no glyphs for those: they would show as empty boxes.

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace bs::models {

/// "0 bytes", "1 byte", "512 bytes", "1.5 KB", "12 MB", "100 MB" (base 1024).
QString formatByteSize(qint64 bytes);

/// Lossy UTF-8 decode of all of `bytes` in which NUL, C0 controls other than tab, line feed
/// and carriage return, and DEL are written as "\xNN" (NUL -> "\x00").
QString safeText(QByteArrayView bytes);

/// For text that must stay on one line (table cells, labels): line feed, carriage return
/// and tab written as "\n", "\r", "\t", every other C0 control and DEL as "\xNN".
QString oneLineText(const QString& text);

/// Like safeText() on the first `maxBytes` bytes, cut on a character boundary.
QString safeTextPrefix(QByteArrayView bytes, qsizetype maxBytes);

/// Breaks every line longer than `maxLineChars` into lines of at most that many characters
/// (never inside a surrogate pair), for display: a text layout engine needs seconds for
/// one megabyte-long line. Returns how many lines were broken (0: `text` is unchanged).
qsizetype breakLongLines(QString& text, qsizetype maxLineChars);

/// Lower-case hex pairs separated by spaces ("89 50 4e 47"), at most `maxBytes` of them,
/// followed by " …" when there are more.
QString hexBytes(QByteArrayView bytes, qsizetype maxBytes);

/// Valid UTF-8 without NUL or other control characters (tab and line breaks allowed).
bool isPrintableText(QByteArrayView bytes);

/// One line for lists and tooltips, at most `maxChars` characters: text with line breaks and
/// runs of white space folded to one space, elided with "…"; "(empty)" for no bytes; and for
/// binary data "binary, <size>: <first bytes in hex> …".
QString oneLinePreview(const QByteArray& payload, int maxChars = 120);

} // namespace bs::models
