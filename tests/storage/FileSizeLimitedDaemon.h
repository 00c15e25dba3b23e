#pragma once
// brokerscope-broker on a data directory with a file size limit: the child sets its soft
// RLIMIT_FSIZE to limitBytes and ignores SIGXFSZ before exec, so writing a log file past
// the limit fails with EFBIG, as it fails with ENOSPC on a full disk, while everything
// else keeps working. raiseFileSizeLimit() lifts the limit of the running daemon
// (prlimit), as if space came back. stdout and stderr are kept apart (pipes, which the
// limit does not apply to). The daemon gets SIGTERM if the test process dies.

#include <QByteArray>
#include <QProcess>
#include <QString>

class FileSizeLimitedDaemon
{
public:
    FileSizeLimitedDaemon() = default;
    ~FileSizeLimitedDaemon(); ///< Kills the daemon if it still runs.
    FileSizeLimitedDaemon(const FileSizeLimitedDaemon&) = delete;
    FileSizeLimitedDaemon& operator=(const FileSizeLimitedDaemon&) = delete;

    /// Starts the daemon on a free 127.0.0.1 port and waits for its "listening on" line.
    /// False with errorString() when it does not come within 10 s.
    bool start(const QString& dataDirectory, qint64 limitBytes);
    /// Sets the daemon's soft file size limit to its hard limit (unlimited by default).
    bool raiseFileSizeLimit();
    /// SIGTERM to its PID; true when it exited by itself with exit code 0 within 5 s.
    bool stop();

    quint16 port() const { return m_port; }
    qint64 pid() const { return m_process.processId(); }
    bool isRunning() const { return m_process.state() != QProcess::NotRunning; }
    /// Everything the daemon wrote so far (reads what is waiting in the pipes).
    QString standardError();
    QString standardOutput();
    QString errorString() const { return m_error; }

private:
    void drain();

    QProcess m_process;
    QByteArray m_stdout;
    QByteArray m_stderr;
    quint16 m_port = 0;
    QString m_error;
};
