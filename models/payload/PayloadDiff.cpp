#include "models/payload/PayloadDiff.h"

#include "models/payload/HexDump.h"
#include "models/payload/JsonFormat.h"
#include "models/payload/PayloadPreview.h"

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

bool isBytes(PayloadKind kind)
{
    return kind == PayloadKind::Binary || kind == PayloadKind::Image;
}

QStringList hexLines(const QByteArray& payload, const DiffLimits& limits, bool* truncated)
{
    const HexDump dump(payload.size() > limits.maxBytes ? payload.first(limits.maxBytes) : payload);
    const qint64 lines = std::min<qint64>(dump.lineCount(), limits.maxLines);
    *truncated = payload.size() > limits.maxBytes || lines < dump.lineCount();
    return dump.lines(0, lines);
}

/// The first maxBytes of a JSON document, re-indented; a line cut short by the limit is
/// dropped (where it is cut depends on what came before, not on a change).
QByteArray indentedPrefix(const QByteArray& json, qsizetype maxBytes)
{
    if (json.size() <= maxBytes)
        return indentJson(json);
    QByteArray pretty = indentJson(QByteArrayView(json).first(maxBytes));
    const qsizetype lastBreak = pretty.lastIndexOf('\n');
    if (lastBreak > 0)
        pretty.truncate(lastBreak + 1);
    return pretty;
}

} // namespace

LineDiffResult diffPayloads(const QByteArray& before, PayloadKind beforeKind,
                            const QByteArray& after, PayloadKind afterKind,
                            const DiffLimits& limits)
{
    if (isBytes(beforeKind) || isBytes(afterKind)) {
        bool beforeCut = false;
        bool afterCut = false;
        const QStringList oldLines = hexLines(before, limits, &beforeCut);
        const QStringList newLines = hexLines(after, limits, &afterCut);
        LineDiffResult result = diffLines(oldLines, newLines, limits);
        const QString hexNote = u"Binary data, compared as hex dump lines."_s;
        if (beforeCut || afterCut) {
            result.truncated = true;
            result.note = hexNote + u" Compared the first %1 of each payload only."_s
                                        .arg(formatByteSize(std::min<qint64>(
                                            limits.maxBytes, qint64(limits.maxLines) * HexDump::BytesPerLine)));
        } else {
            result.note = result.note.isEmpty() ? hexNote : hexNote + u' ' + result.note;
        }
        return result;
    }
    if (beforeKind == PayloadKind::Json && afterKind == PayloadKind::Json) {
        // Re-indenting works on any prefix, so a big compact document still diffs by member.
        const bool cut = before.size() > limits.maxBytes || after.size() > limits.maxBytes;
        LineDiffResult result = diffText(indentedPrefix(before, limits.maxBytes),
                                         indentedPrefix(after, limits.maxBytes), limits);
        if (cut && !result.truncated) {
            result.truncated = true;
            result.note = u"Compared the first %1 of each payload only; the rest is not shown."_s
                              .arg(formatByteSize(limits.maxBytes))
                          + (result.note.isEmpty() ? QString() : u' ' + result.note);
        }
        return result;
    }
    return diffText(before, after, limits);
}

} // namespace bs::models
