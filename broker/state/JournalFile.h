#pragma once
// JournalFile: an append-only file of small typed records, each
//   u32 body length, u32 CRC-32C of the body, body (first byte: the record type)
// big-endian. load() returns every valid record and cuts a torn or corrupt tail (a crash
// mid-write) off the file; rewrite() replaces the whole file atomically with a snapshot
// (write a new file, fsync, rename), which is how the journal is compacted.
// Appends are buffered until flush(); sync() also fsyncs.

#include <QByteArray>
#include <QFile>
#include <QList>
#include <QString>

namespace bs::broker {

class JournalFile
{
public:
    struct Loaded
    {
        QList<QByteArray> records;
        qint64 truncatedBytes = 0; ///< Bytes of a torn/corrupt tail that were cut off.
    };

    ~JournalFile();

    /// Opens (creating) path, returns its records, and leaves it open for appending.
    bool open(const QString& path, Loaded* loaded, QString* error);
    void close();
    bool isOpen() const { return m_file.isOpen(); }

    void append(const QByteArray& record);
    bool hasPending() const { return !m_pending.isEmpty(); }
    bool flush(QString* error = nullptr);
    bool sync(QString* error = nullptr);
    /// A dup() of the file's descriptor (for fsync on another thread), or -1.
    int duplicateDescriptor() const;
    qint64 size() const { return m_size + m_pending.size(); }
    /// Records in the file and pending: what a replay would read.
    qint64 recordCount() const { return m_records; }

    /// Atomically replaces the file with these records (fsynced) and keeps appending to it.
    bool rewrite(const QList<QByteArray>& records, QString* error);

private:
    static QByteArray frame(const QByteArray& record);

    QString m_path;
    QFile m_file;
    QByteArray m_pending;
    qint64 m_size = 0;
    qint64 m_records = 0;
};

} // namespace bs::broker
