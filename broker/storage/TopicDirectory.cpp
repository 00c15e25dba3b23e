#include "broker/storage/TopicDirectory.h"

#include <QCryptographicHash>
#include <QDir>
#include <QFile>

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {
constexpr qsizetype kMaxNameLength = 200;
const QString kTopicFile = u"TOPIC"_s;
} // namespace

QString topicDirectoryName(const QString& topic)
{
    const QByteArray utf8 = topic.toUtf8();
    QString name;
    name.reserve(utf8.size());
    for (const char c : utf8) {
        const auto byte = static_cast<unsigned char>(c);
        const bool plain = (byte >= 'a' && byte <= 'z') || (byte >= 'A' && byte <= 'Z')
            || (byte >= '0' && byte <= '9') || byte == '-' || byte == '_';
        if (plain)
            name += QLatin1Char(c);
        else
            name += u'%' + QString::number(byte, 16).toUpper().rightJustified(2, u'0');
    }
    if (name.isEmpty())
        name = u"%"_s; // never happens for a valid topic name; keeps the path a directory
    if (name.size() > kMaxNameLength) {
        const QByteArray hash = QCryptographicHash::hash(utf8, QCryptographicHash::Sha1).toHex();
        name = name.left(kMaxNameLength - hash.size() - 1) + u'~' + QString::fromLatin1(hash);
    }
    return name;
}

bool writeTopicNameFile(const QString& dir, const QString& topic)
{
    // Written aside and renamed (atomic), without an fsync: a new topic must not cost a
    // disk flush, and a TOPIC file lost in a power cut is rewritten from the records.
    const QString path = QDir(dir).filePath(kTopicFile);
    QFile file(path + u".tmp"_s);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return false;
    const QByteArray name = topic.toUtf8();
    const bool written = file.write(name) == name.size();
    file.close();
    if (!written)
        return false;
    QFile::remove(path);
    return QFile::rename(path + u".tmp"_s, path);
}

QString readTopicNameFile(const QString& dir)
{
    QFile file(QDir(dir).filePath(kTopicFile));
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray bytes = file.readAll();
    if (bytes.isEmpty())
        return {};
    return QString::fromUtf8(bytes);
}

} // namespace bs::storage
