#pragma once
// A single pass over bytes that says whether they are valid UTF-8 (RFC 3629: no overlong
// forms, no surrogates, nothing above U+10FFFF) and how "text-like" they are. The payload
// sniffer and the safe text helpers use it; it never allocates, so it is cheap even on the
// first megabyte of a 100 MB payload.

#include <QByteArrayView>

namespace bs::models {

struct Utf8Scan
{
    bool valid = true;           ///< No invalid sequence (a sequence cut by the end counts
                                 ///< as valid when the scan allowed a truncated tail).
    qsizetype invalidAt = -1;    ///< Offset of the first invalid byte, or -1.
    qsizetype nulBytes = 0;      ///< U+0000 characters.
    qsizetype controlChars = 0;  ///< C0 controls other than \t \n \v \f \r ESC, plus DEL.
    qsizetype characters = 0;    ///< Code points seen (valid ones).
};

enum class Utf8Tail : quint8
{
    MustBeComplete,  ///< The bytes are the whole payload.
    MayBeTruncated,  ///< The bytes are a prefix: a sequence cut by the end is fine.
};

Utf8Scan scanUtf8(QByteArrayView bytes, Utf8Tail tail = Utf8Tail::MustBeComplete);

/// Length of the sequence starting with lead byte `lead` (1..4), or 0 if it cannot start one.
int utf8SequenceLength(unsigned char lead);

/// The largest n <= maxBytes such that bytes.first(n) does not end inside a UTF-8 sequence
/// (it may still contain invalid bytes earlier: this only avoids cutting a character).
qsizetype utf8BoundaryAtOrBefore(QByteArrayView bytes, qsizetype maxBytes);

} // namespace bs::models
