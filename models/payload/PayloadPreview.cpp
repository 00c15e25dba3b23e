#include "models/payload/PayloadPreview.h"

#include "models/payload/Utf8Scan.h"

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::models {

QString formatByteSize(qint64 bytes)
{
    if (bytes == 1)
        return u"1 byte"_s;
    if (bytes < 1024)
        return QString::number(bytes) + u" bytes"_s;
    static const QString units[] = {u"KB"_s, u"MB"_s, u"GB"_s, u"TB"_s};
    double value = double(bytes) / 1024.0;
    int unit = 0;
    while (value >= 1024.0 && unit < 3) {
        value /= 1024.0;
        ++unit;
    }
    const int decimals = value < 10.0 ? 1 : 0;
    return QString::number(value, 'f', decimals) + u' ' + units[unit];
}

namespace {

enum class LineBreaks : quint8 { Keep, Escape };

bool needsEscape(char16_t u, LineBreaks breaks)
{
    if (u == 0x7F)
        return true;
    if (u >= 0x20)
        return false;
    return breaks == LineBreaks::Escape || (u != u'\t' && u != u'\n' && u != u'\r');
}

// Look first, so the common case (clean text) neither copies nor detaches the string.
QString escapeControls(const QString& text, LineBreaks breaks)
{
    const auto first = std::find_if(text.cbegin(), text.cend(),
                                    [breaks](QChar c) { return needsEscape(c.unicode(), breaks); });
    if (first == text.cend())
        return text;
    static constexpr char digits[] = "0123456789abcdef";
    QString out;
    out.reserve(text.size() + 16);
    out.append(QStringView(text).first(first - text.cbegin()));
    for (auto it = first; it != text.cend(); ++it) {
        const char16_t u = it->unicode();
        if (!needsEscape(u, breaks)) {
            out.append(*it);
        } else if (u == u'\n') {
            out.append(u"\\n");
        } else if (u == u'\r') {
            out.append(u"\\r");
        } else if (u == u'\t') {
            out.append(u"\\t");
        } else {
            const char escape[] = {'\\', 'x', digits[(u >> 4) & 0xF], digits[u & 0xF]};
            out.append(QLatin1String(escape, 4));
        }
    }
    return out;
}

} // namespace

QString safeText(QByteArrayView bytes)
{
    return escapeControls(QString::fromUtf8(bytes), LineBreaks::Keep);
}

QString oneLineText(const QString& text)
{
    return escapeControls(text, LineBreaks::Escape);
}

QString safeTextPrefix(QByteArrayView bytes, qsizetype maxBytes)
{
    return safeText(bytes.first(utf8BoundaryAtOrBefore(bytes, maxBytes)));
}

qsizetype breakLongLines(QString& text, qsizetype maxLineChars)
{
    maxLineChars = std::max<qsizetype>(maxLineChars, 2);
    // First look: most text has no long line, and then nothing is copied.
    qsizetype lineStart = 0;
    bool anyLong = false;
    while (lineStart <= text.size() && !anyLong) {
        qsizetype end = text.indexOf(u'\n', lineStart);
        if (end < 0)
            end = text.size();
        anyLong = end - lineStart > maxLineChars;
        lineStart = end + 1;
    }
    if (!anyLong)
        return 0;

    QString out;
    out.reserve(text.size() + text.size() / maxLineChars + 1);
    qsizetype broken = 0;
    lineStart = 0;
    while (lineStart <= text.size()) {
        qsizetype end = text.indexOf(u'\n', lineStart);
        if (end < 0)
            end = text.size();
        if (end - lineStart > maxLineChars)
            ++broken;
        qsizetype from = lineStart;
        while (end - from > maxLineChars) {
            qsizetype cut = from + maxLineChars;
            if (text.at(cut - 1).isHighSurrogate())
                --cut;
            out.append(QStringView(text).sliced(from, cut - from));
            out.append(u'\n');
            from = cut;
        }
        out.append(QStringView(text).sliced(from, end - from));
        if (end < text.size())
            out.append(u'\n');
        lineStart = end + 1;
    }
    text = std::move(out);
    return broken;
}

QString hexBytes(QByteArrayView bytes, qsizetype maxBytes)
{
    const qsizetype shown = std::min(bytes.size(), std::max<qsizetype>(maxBytes, 0));
    static constexpr char digits[] = "0123456789abcdef";
    QString hex;
    hex.reserve(shown * 3 + 2);
    for (qsizetype i = 0; i < shown; ++i) {
        if (i > 0)
            hex += u' ';
        const auto byte = static_cast<unsigned char>(bytes[i]);
        hex += QLatin1Char(digits[byte >> 4]);
        hex += QLatin1Char(digits[byte & 0x0F]);
    }
    if (shown < bytes.size())
        hex += u" …"_s;
    return hex;
}

bool isPrintableText(QByteArrayView bytes)
{
    const Utf8Scan scan = scanUtf8(bytes);
    return scan.valid && scan.nulBytes == 0 && scan.controlChars == 0;
}

QString oneLinePreview(const QByteArray& payload, int maxChars)
{
    if (payload.isEmpty())
        return u"(empty)"_s;
    maxChars = std::max(maxChars, 8);
    // At most four bytes per character: this prefix is enough for maxChars characters.
    const QByteArrayView prefix = QByteArrayView(payload).first(
        std::min<qsizetype>(payload.size(), qsizetype(maxChars) * 4 + 4));
    const Utf8Scan scan = scanUtf8(prefix, prefix.size() < payload.size()
                                               ? Utf8Tail::MayBeTruncated
                                               : Utf8Tail::MustBeComplete);
    if (!scan.valid || scan.nulBytes > 0 || scan.controlChars * 10 > scan.characters) {
        return u"binary, "_s + formatByteSize(payload.size()) + u": "_s
               + hexBytes(payload, std::max(4, (maxChars - 24) / 3));
    }
    const QString text = safeTextPrefix(prefix, prefix.size());
    QString line;
    line.reserve(std::min<qsizetype>(text.size(), maxChars + 1));
    bool pendingSpace = false;
    for (const QChar c : text) {
        if (c.isSpace()) {
            pendingSpace = !line.isEmpty();
            continue;
        }
        if (pendingSpace)
            line += u' ';
        pendingSpace = false;
        line += c;
        if (line.size() > maxChars)
            break;
    }
    const bool more = line.size() > maxChars || prefix.size() < payload.size();
    if (line.size() > maxChars - 1 && more)
        line.truncate(maxChars - 1);
    if (!line.isEmpty() && line.back().isHighSurrogate())
        line.chop(1); // never leave half of a surrogate pair
    if (more)
        line += u'…';
    return line;
}

} // namespace bs::models
