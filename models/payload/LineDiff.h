#pragma once
// A line-based diff (Myers' O(ND) algorithm, shortest edit script) between two payloads.
// The input is bounded so a diff never stalls the GUI: at most maxBytes of each payload and
// maxLines lines of each are compared (the result says it was truncated), and when the
// two differ in more than maxEditDistance lines the differing middle is shown as removed
// then added, without alignment, rather than searched for longer.

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>

namespace bs::models {

struct DiffLine
{
    enum class Kind : quint8 { Same, Added, Removed };
    Kind kind = Kind::Same;
    QString text;
    int oldNumber = 0; ///< 1-based line in the previous payload, 0 for Added lines.
    int newNumber = 0; ///< 1-based line in the current payload, 0 for Removed lines.
};

struct DiffLimits
{
    qsizetype maxBytes = 1024 * 1024;
    int maxLines = 20'000;
    int maxEditDistance = 1'000;
};

struct LineDiffResult
{
    QList<DiffLine> lines;
    int added = 0;
    int removed = 0;
    bool truncated = false; ///< An input was cut at maxBytes / maxLines.
    bool aligned = true;    ///< false: too different, the middle is removed-then-added.
    QString note;           ///< Human-readable explanation when truncated or not aligned.

    bool identical() const { return added == 0 && removed == 0; }
};

/// Splits text into lines (\n, \r\n) after cutting it to the limits; `truncated` is set
/// when something was cut. Invalid UTF-8 and control characters are made safe to show.
QStringList splitLinesForDiff(const QByteArray& bytes, const DiffLimits& limits, bool* truncated);

LineDiffResult diffLines(const QStringList& before, const QStringList& after,
                         const DiffLimits& limits = {});

/// Diffs two payloads as text, applying all the limits.
LineDiffResult diffText(const QByteArray& before, const QByteArray& after,
                        const DiffLimits& limits = {});

} // namespace bs::models
