#include "broker/storage/FileReaper.h"

#include <QDir>
#include <QFile>

#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {
void unlinkAll(const QStringList& paths)
{
    // The lowest priority: unlinking only frees disk space and cache, and must not take CPU
    // from the broker's thread when they share a core (Linux: nice is per thread).
    static thread_local const bool lowered = ::setpriority(PRIO_PROCESS, id_t(::gettid()), 19) == 0;
    Q_UNUSED(lowered);
    for (const QString& path : paths)
        QFile::remove(path);
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
