#pragma once
// A child process for tests: a program run with arguments, its output captured, waited for
// by spinning the event loop (never with fixed sleeps), and stopped by its own PID only.
// The child gets SIGTERM if the test process dies, so no peer outlives a crashed test.

#include <QByteArray>
#include <QList>
#include <QProcess>
#include <QString>
#include <QStringList>
#include <chrono>
#include <functional>
#include <memory>

namespace bs::peers {

/// Makes the kernel send SIGTERM to the child started by process when this process dies
/// (Linux prctl PR_SET_PDEATHSIG). Call before QProcess::start().
void terminateWithParent(QProcess& process);

class ChildProcess
{
public:
    ChildProcess(QString program, QStringList arguments);
    ~ChildProcess(); ///< Kills the child if it still runs.
    ChildProcess(const ChildProcess&) = delete;
    ChildProcess& operator=(const ChildProcess&) = delete;

    void setWorkingDirectory(const QString& directory);
    void setEnvironment(const QProcessEnvironment& environment);

    /// Starts the program; false if it could not be started (see errorString()).
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// start() and then waitForFinished(). True if it ran and exited within timeout (whatever
    /// its exit code).
    bool run(std::chrono::milliseconds timeout);
    /// True once the child has exited (at once if it was never started or already exited).
    bool waitForFinished(std::chrono::milliseconds timeout);
    /// Waits until condition(standard output so far) holds; false on timeout or if the child
    /// exits first without the condition holding.
    bool waitForOutput(const std::function<bool(const QByteArray&)>& condition,
                       std::chrono::milliseconds timeout);

    void terminate(); ///< SIGTERM to the child's PID.
    void kill();      ///< SIGKILL to the child's PID.
    /// terminate(), wait up to timeout, then kill(). True if it exited by itself.
    bool stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));

    bool isRunning() const;
    qint64 pid() const;
    /// True if the child exited normally (not by a signal) with exit code 0.
    bool succeeded() const;
    int exitCode() const;
    QProcess::ExitStatus exitStatus() const;
    QString errorString() const;

    QByteArray standardOutput() const;
    QByteArray standardError() const;
    QList<QByteArray> standardOutputLines() const;

    QString program() const { return m_program; }
    QStringList arguments() const { return m_arguments; }
    /// The command line, exit status and output, for failure messages.
    QString describe() const;

private:
    void drain() const;

    QString m_program;
    QStringList m_arguments;
    std::unique_ptr<QProcess> m_process;
    mutable QByteArray m_stdout;
    mutable QByteArray m_stderr;
    QString m_startError;
};

} // namespace bs::peers
