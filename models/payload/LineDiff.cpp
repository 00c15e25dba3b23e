#include "models/payload/LineDiff.h"

#include "models/payload/PayloadPreview.h"

#include <algorithm>
#include <unordered_map>
#include <vector>

using namespace Qt::StringLiterals;

namespace bs::models {

QStringList splitLinesForDiff(const QByteArray& bytes, const DiffLimits& limits, bool* truncated)
{
    const bool cutBytes = bytes.size() > limits.maxBytes;
    QString text = cutBytes ? safeTextPrefix(bytes, limits.maxBytes) : safeText(bytes);
    text.replace(u"\r\n"_s, u"\n"_s);
    QStringList lines = text.split(u'\n');
    if (!text.isEmpty() && text.endsWith(u'\n') && !cutBytes)
        lines.removeLast(); // a final line break ends the last line, it does not add one
    if (text.isEmpty())
        lines.clear();
    // A line cut by the byte limit is partial: where exactly it was cut depends on what came
    // before, so comparing it would report a change that is not there.
    if (cutBytes && lines.size() > 1)
        lines.removeLast();
    const bool cutLines = lines.size() > limits.maxLines;
    if (cutLines)
        lines.resize(limits.maxLines);
    if (truncated)
        *truncated = cutBytes || cutLines;
    return lines;
}

namespace {

// Myers' forward search. v[k] is the furthest x reached on diagonal k = x - y; after each
// step d we keep the band k in [-d, d] of v (2d + 1 values), which is all the backtrack
// needs. Returns false when the edit distance exceeds maxD.
bool shortestEditScript(const std::vector<int>& a, const std::vector<int>& b, int maxD,
                        std::vector<DiffLine::Kind>* script)
{
    const int n = int(a.size());
    const int m = int(b.size());
    const int offset = n + m + 1;
    std::vector<int> v(size_t(2 * offset + 1), 0);
    std::vector<std::vector<int>> trace;
    int found = -1;
    for (int d = 0; d <= std::min(maxD, n + m) && found < 0; ++d) {
        for (int k = -d; k <= d; k += 2) {
            int x;
            if (k == -d || (k != d && v[size_t(offset + k - 1)] < v[size_t(offset + k + 1)]))
                x = v[size_t(offset + k + 1)];
            else
                x = v[size_t(offset + k - 1)] + 1;
            int y = x - k;
            while (x < n && y < m && a[size_t(x)] == b[size_t(y)]) {
                ++x;
                ++y;
            }
            v[size_t(offset + k)] = x;
            if (x >= n && y >= m)
                found = d;
        }
        trace.emplace_back(v.begin() + (offset - d), v.begin() + (offset + d + 1));
    }
    if (found < 0)
        return false;

    // Backtrack from (n, m), collecting the script in reverse.
    int x = n;
    int y = m;
    for (int d = found; d > 0; --d) {
        const std::vector<int>& previous = trace[size_t(d - 1)]; // band [-(d-1), d-1]
        const auto at = [&](int k) { return previous[size_t(k + d - 1)]; };
        const int k = x - y;
        const bool down = k == -d || (k != d && at(k - 1) < at(k + 1));
        const int previousK = down ? k + 1 : k - 1;
        const int previousX = at(previousK);
        const int previousY = previousX - previousK;
        while (x > previousX && y > previousY) {
            script->push_back(DiffLine::Kind::Same);
            --x;
            --y;
        }
        script->push_back(down ? DiffLine::Kind::Added : DiffLine::Kind::Removed);
        x = previousX;
        y = previousY;
    }
    for (; x > 0 && y > 0; --x, --y)
        script->push_back(DiffLine::Kind::Same);
    std::reverse(script->begin(), script->end());
    return true;
}

QString diffNote(const LineDiffResult& result, const DiffLimits& limits)
{
    QStringList notes;
    if (result.truncated)
        notes << u"Compared the first %1 or %2 lines of each payload only; the rest is not "
                 "shown."_s.arg(formatByteSize(limits.maxBytes)).arg(limits.maxLines);
    if (!result.aligned)
        notes << u"The payloads differ in more than %1 lines: the changed part is shown as "
                 "removed, then added."_s.arg(limits.maxEditDistance);
    return notes.join(u' ');
}

} // namespace

LineDiffResult diffLines(const QStringList& before, const QStringList& after,
                         const DiffLimits& limits)
{
    LineDiffResult result;
    const QStringList oldLines = before.size() > limits.maxLines ? before.first(limits.maxLines) : before;
    const QStringList newLines = after.size() > limits.maxLines ? after.first(limits.maxLines) : after;
    result.truncated = oldLines.size() < before.size() || newLines.size() < after.size();

    // Common prefix and suffix need no search.
    qsizetype prefix = 0;
    while (prefix < oldLines.size() && prefix < newLines.size() && oldLines[prefix] == newLines[prefix])
        ++prefix;
    qsizetype suffix = 0;
    while (suffix < oldLines.size() - prefix && suffix < newLines.size() - prefix
           && oldLines[oldLines.size() - 1 - suffix] == newLines[newLines.size() - 1 - suffix])
        ++suffix;

    // Lines become ids so the search compares ints.
    std::unordered_map<QString, int> ids;
    const auto toIds = [&](const QStringList& lines) {
        std::vector<int> out;
        out.reserve(size_t(lines.size() - prefix - suffix));
        for (qsizetype i = prefix; i < lines.size() - suffix; ++i)
            out.push_back(ids.try_emplace(lines[i], int(ids.size())).first->second);
        return out;
    };
    const std::vector<int> a = toIds(oldLines);
    const std::vector<int> b = toIds(newLines);

    std::vector<DiffLine::Kind> middle;
    if (!shortestEditScript(a, b, limits.maxEditDistance, &middle)) {
        result.aligned = false;
        middle.assign(a.size(), DiffLine::Kind::Removed);
        middle.insert(middle.end(), b.size(), DiffLine::Kind::Added);
    }

    int oldIndex = 0;
    int newIndex = 0;
    const auto append = [&](DiffLine::Kind kind) {
        DiffLine line;
        line.kind = kind;
        if (kind == DiffLine::Kind::Added) {
            line.text = newLines[newIndex];
            line.newNumber = ++newIndex;
            ++result.added;
        } else {
            line.text = oldLines[oldIndex];
            line.oldNumber = ++oldIndex;
            if (kind == DiffLine::Kind::Same)
                line.newNumber = ++newIndex;
            else
                ++result.removed;
        }
        result.lines.append(std::move(line));
    };
    result.lines.reserve(qsizetype(prefix + suffix) + qsizetype(middle.size()));
    for (qsizetype i = 0; i < prefix; ++i)
        append(DiffLine::Kind::Same);
    for (const DiffLine::Kind kind : middle)
        append(kind);
    for (qsizetype i = 0; i < suffix; ++i)
        append(DiffLine::Kind::Same);

    result.note = diffNote(result, limits);
    return result;
}

LineDiffResult diffText(const QByteArray& before, const QByteArray& after, const DiffLimits& limits)
{
    bool beforeCut = false;
    bool afterCut = false;
    const QStringList oldLines = splitLinesForDiff(before, limits, &beforeCut);
    const QStringList newLines = splitLinesForDiff(after, limits, &afterCut);
    LineDiffResult result = diffLines(oldLines, newLines, limits);
    if (beforeCut || afterCut) {
        result.truncated = true;
        result.note = diffNote(result, limits);
    }
    return result;
}

} // namespace bs::models
