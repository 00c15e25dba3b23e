#include "broker/state/JournalFile.h"

#include "broker/storage/RecordCodec.h"

#include <QSaveFile>
#include <QtEndian>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {
constexpr qsizetype kFrameHeader = 8;
constexpr quint32 kMaxRecord = 300u * 1024u * 1024u;
} // namespace

JournalFile::~JournalFile()
{
    close();
}

QByteArray JournalFile::frame(const QByteArray& record)
{
    QByteArray out(kFrameHeader, Qt::Uninitialized);
    qToBigEndian<quint32>(quint32(record.size()), out.data());
    qToBigEndian<quint32>(storage::crc32c(record), out.data() + 4);
    out.append(record);
    return out;
}

bool JournalFile::open(const QString& path, Loaded* loaded, QString* error)
{
    close();
    m_path = path;
    m_records = 0;
    QFile reader(path);
    QByteArray bytes;
    if (reader.exists()) {
        if (!reader.open(QIODevice::ReadOnly)) {
            if (error)
                *error = u"cannot read %1: %2"_s.arg(path, reader.errorString());
            return false;
        }
        bytes = reader.readAll();
        reader.close();
    }
    qsizetype position = 0;
    while (bytes.size() - position >= kFrameHeader) {
        const auto length = qFromBigEndian<quint32>(bytes.constData() + position);
        const auto crc = qFromBigEndian<quint32>(bytes.constData() + position + 4);
        if (length == 0 || length > kMaxRecord || bytes.size() - position - kFrameHeader < qsizetype(length))
            break;
        const QByteArray body = bytes.mid(position + kFrameHeader, length);
        if (storage::crc32c(body) != crc)
            break;
        if (loaded)
            loaded->records.append(body);
        ++m_records;
        position += kFrameHeader + length;
    }
    m_file.setFileName(path);
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        if (error)
            *error = u"cannot open %1: %2"_s.arg(path, m_file.errorString());
        return false;
    }
    if (position < bytes.size()) {
        if (loaded)
            loaded->truncatedBytes = bytes.size() - position;
        m_file.resize(position);
    }
    m_file.seek(position);
    m_size = position;
    return true;
}

void JournalFile::close()
{
    if (m_file.isOpen()) {
        flush();
        m_file.close();
    }
    m_pending.clear();
}

void JournalFile::append(const QByteArray& record)
{
    ++m_records;
    m_pending.append(frame(record));
}

bool JournalFile::flush(QString* error)
{
    if (m_pending.isEmpty())
        return true;
    const qint64 written = m_file.write(m_pending);
    if (written != m_pending.size()) {
        if (error)
            *error = u"cannot write %1: %2"_s.arg(m_path, m_file.errorString());
        m_file.resize(m_size); // no partial record left behind
        m_file.seek(m_size);
        m_pending.clear();
        return false;
    }
    m_size += written;
    m_pending.clear();
    return true;
}

bool JournalFile::sync(QString* error)
{
    if (!flush(error))
        return false;
    if (::fdatasync(m_file.handle()) != 0) {
        if (error)
            *error = u"cannot sync %1"_s.arg(m_path);
        return false;
    }
    return true;
}

int JournalFile::duplicateDescriptor() const
{
    return m_file.isOpen() ? ::dup(m_file.handle()) : -1;
}

bool JournalFile::rewrite(const QList<QByteArray>& records, QString* error)
{
    QSaveFile snapshot(m_path);
    if (!snapshot.open(QIODevice::WriteOnly)) {
        if (error)
            *error = u"cannot write %1: %2"_s.arg(m_path, snapshot.errorString());
        return false;
    }
    for (const QByteArray& record : records)
        snapshot.write(frame(record));
    // QSaveFile::commit() fsyncs the new file before it renames it over the old one.
    if (!snapshot.commit()) {
        if (error)
            *error = u"cannot replace %1: %2"_s.arg(m_path, snapshot.errorString());
        return false;
    }
    m_file.close();
    m_pending.clear();
    m_file.setFileName(m_path);
    if (!m_file.open(QIODevice::ReadWrite | QIODevice::Unbuffered)) {
        if (error)
            *error = u"cannot open %1: %2"_s.arg(m_path, m_file.errorString());
        return false;
    }
    m_size = m_file.size();
    m_file.seek(m_size);
    m_records = records.size();
    return true;
}

} // namespace bs::broker
