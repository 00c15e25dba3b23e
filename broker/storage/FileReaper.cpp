#include "broker/storage/FileReaper.h"

#include <QDir>
#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {
/// Truncates the file a few MB at a time before unlinking it: freeing a large file's blocks
/// in one go makes one big filesystem-journal transaction that other writers (the broker's
/// log appends) wait behind; small steps keep each one short.
void shrinkThenRemove(const QString& path)
{
    constexpr qint64 kStepBytes = 4 * 1024 * 1024;
    QFile file(path);
    if (file.open(QIODevice::ReadWrite)) {
        for (qint64 size = file.size() - kStepBytes; size > 0; size -= kStepBytes) {
            if (!file.resize(size))
                break;
        }
        file.close();
    }
    QFile::remove(path);
}

void unlinkAll(const QStringList& paths)
{
    // The lowest priority: unlinking only frees disk space and cache, and must not take CPU
    // from the broker's thread when they share a core (Linux: nice is per thread).
    static thread_local const bool lowered = ::setpriority(PRIO_PROCESS, id_t(::gettid()), 19) == 0;
    Q_UNUSED(lowered);
    for (const QString& path : paths)
        shrinkThenRemove(path);
}
} // namespace

FileReaper::FileReaper()
{
    m_pool.setMaxThreadCount(1); // deletions in the order they were asked for
    m_pool.setExpiryTimeout(-1);
}

FileReaper::~FileReaper()
{
    waitForDone();
}

void FileReaper::removeLater(const QStringList& paths)
{
    QStringList renamed;
    for (const QString& path : paths) {
        const QString target = path + kSuffix;
        if (QFile::rename(path, target))
            renamed.append(target);
        else
            QFile::remove(path); // cannot rename (e.g. a leftover of that name): delete now
    }
    if (!renamed.isEmpty())
        m_pool.start([renamed] { unlinkAll(renamed); });
}

void FileReaper::removeLeftovers(const QString& directory)
{
    QDir dir(directory);
    QStringList leftovers;
    for (const QString& name : dir.entryList({u"*"_s + kSuffix}, QDir::Files))
        leftovers.append(dir.filePath(name));
    if (!leftovers.isEmpty())
        m_pool.start([leftovers] { unlinkAll(leftovers); });
}

void FileReaper::waitForDone()
{
    m_pool.waitForDone();
}

} // namespace bs::storage
