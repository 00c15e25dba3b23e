#pragma once
// FileReaper: deletes files off the caller's thread. Unlinking a segment of a log that was
// just written is slow — the kernel drops its cached pages then (tens of milliseconds for
// a 16 MB segment, seconds for a retention pass over gigabytes) — and the broker's thread
// must not stall on it. removeLater() renames each file to "<name>.deleted" at once (a
// cheap metadata change, so nothing that lists *.log or *.idx sees it again) and, on the
// reaper's own low-priority thread, truncates it in steps and unlinks it. A crash in between leaves *.deleted files behind;
// removeLeftovers() hands them to the reaper at the next start.

#include <QStringList>
#include <QThreadPool>

namespace bs::storage {

class FileReaper
{
public:
    FileReaper();
    ~FileReaper(); ///< Waits for every queued deletion.
    FileReaper(const FileReaper&) = delete;
    FileReaper& operator=(const FileReaper&) = delete;

    /// Renames each existing path out of the way now and unlinks it later.
    void removeLater(const QStringList& paths);
    /// Queues every "*.deleted" file left in directory by an earlier run.
    void removeLeftovers(const QString& directory);
    /// Blocks until every queued deletion is done (at close, and for tests).
    void waitForDone();

    static constexpr QLatin1StringView kSuffix{".deleted"};

private:
    QThreadPool m_pool;
};

} // namespace bs::storage
