#include "models/payload/Utf8Scan.h"

namespace bs::models {

int utf8SequenceLength(unsigned char lead)
{
    if (lead < 0x80)
        return 1;
    if (lead >= 0xC2 && lead <= 0xDF)
        return 2;
    if (lead >= 0xE0 && lead <= 0xEF)
        return 3;
    if (lead >= 0xF0 && lead <= 0xF4)
        return 4;
    return 0; // continuation byte, overlong lead (C0, C1) or beyond U+10FFFF (F5..FF)
}

namespace {

bool isContinuation(unsigned char byte)
{
    return (byte & 0xC0) == 0x80;
}

// The second byte of a sequence has a narrower range for some lead bytes (§3 of RFC 3629):
// that is what rules out overlong forms, surrogates and code points above U+10FFFF.
bool secondByteAllowed(unsigned char lead, unsigned char second)
{
    switch (lead) {
    case 0xE0: return second >= 0xA0 && second <= 0xBF;
    case 0xED: return second >= 0x80 && second <= 0x9F;
    case 0xF0: return second >= 0x90 && second <= 0xBF;
    case 0xF4: return second >= 0x80 && second <= 0x8F;
    default: return isContinuation(second);
    }
}

bool isBinaryControl(unsigned char byte)
{
    if (byte == 0x7F)
        return true;
    if (byte >= 0x20)
        return false;
    switch (byte) {
    case '\t': case '\n': case '\v': case '\f': case '\r': case 0x1B:
        return false;
    default:
        return byte != 0; // NUL is counted on its own
    }
}

} // namespace

Utf8Scan scanUtf8(QByteArrayView bytes, Utf8Tail tail)
{
    Utf8Scan scan;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    const qsizetype size = bytes.size();
    qsizetype i = 0;
    while (i < size) {
        const unsigned char lead = data[i];
        if (lead < 0x80) {
            if (lead == 0)
                ++scan.nulBytes;
            else if (isBinaryControl(lead))
                ++scan.controlChars;
            ++scan.characters;
            ++i;
            continue;
        }
        const int length = utf8SequenceLength(lead);
        bool ok = length > 0;
        int have = 1;
        for (; ok && have < length && i + have < size; ++have) {
            const unsigned char next = data[i + have];
            ok = have == 1 ? secondByteAllowed(lead, next) : isContinuation(next);
        }
        if (ok && have < length) { // cut by the end of the bytes
            if (tail == Utf8Tail::MayBeTruncated)
                return scan;
            ok = false;
        }
        if (!ok) {
            scan.valid = false;
            scan.invalidAt = i;
            return scan;
        }
        ++scan.characters;
        i += length;
    }
    return scan;
}

qsizetype utf8BoundaryAtOrBefore(QByteArrayView bytes, qsizetype maxBytes)
{
    if (maxBytes >= bytes.size())
        return bytes.size();
    if (maxBytes <= 0)
        return 0;
    const auto* data = reinterpret_cast<const unsigned char*>(bytes.data());
    // Walk back over at most three continuation bytes to the lead byte of the character
    // that straddles the cut; cut before it unless it ends exactly at the cut.
    qsizetype lead = maxBytes;
    while (lead > 0 && maxBytes - lead < 4 && isContinuation(data[lead - 1]))
        --lead;
    if (lead == 0)
        return maxBytes; // nothing but continuation bytes: not UTF-8, cut anywhere
    const int length = utf8SequenceLength(data[lead - 1]);
    if (length > 1 && (lead - 1) + length > maxBytes)
        return lead - 1;
    return maxBytes;
}

} // namespace bs::models
