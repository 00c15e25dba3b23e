#include "peers/ChildProcess.h"

#include "peers/WaitUntil.h"

#include <csignal>
#include <sys/prctl.h>

using namespace Qt::StringLiterals;

namespace bs::peers {

void terminateWithParent(QProcess& process)
{
    process.setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
}

ChildProcess::ChildProcess(QString program, QStringList arguments)
    : m_program(std::move(program)), m_arguments(std::move(arguments)),
      m_process(std::make_unique<QProcess>())
{
    m_process->setProgram(m_program);
    m_process->setArguments(m_arguments);
    terminateWithParent(*m_process);
}

ChildProcess::~ChildProcess()
{
    if (isRunning()) {
        m_process->kill();
        m_process->waitForFinished(2000);
    }
}

void ChildProcess::setWorkingDirectory(const QString& directory)
{
    m_process->setWorkingDirectory(directory);
}

void ChildProcess::setEnvironment(const QProcessEnvironment& environment)
{
    m_process->setProcessEnvironment(environment);
}

bool ChildProcess::start(std::chrono::milliseconds timeout)
{
    m_process->start();
    if (!m_process->waitForStarted(static_cast<int>(timeout.count()))) {
        m_startError = u"could not start %1: %2"_s.arg(m_program, m_process->errorString());
        return false;
    }
    return true;
}

bool ChildProcess::run(std::chrono::milliseconds timeout)
{
    return start(timeout) && waitForFinished(timeout);
}

bool ChildProcess::waitForFinished(std::chrono::milliseconds timeout)
{
    const bool finished = waitUntil([this] { return !isRunning(); }, timeout);
    drain();
    return finished;
}

bool ChildProcess::waitForOutput(const std::function<bool(const QByteArray&)>& condition,
                                 std::chrono::milliseconds timeout)
{
    waitUntil(
        [&] {
            drain();
            return condition(m_stdout) || !isRunning();
        },
        timeout);
    drain();
    return condition(m_stdout);
}

void ChildProcess::terminate()
{
    if (isRunning())
        m_process->terminate();
}

void ChildProcess::kill()
{
    if (isRunning())
        m_process->kill();
}

bool ChildProcess::stop(std::chrono::milliseconds timeout)
{
    if (!isRunning())
        return true;
    terminate();
    if (waitForFinished(timeout))
        return true;
    kill();
    waitForFinished(std::chrono::seconds(5));
    return false;
}

bool ChildProcess::isRunning() const
{
    return m_process->state() != QProcess::NotRunning;
}

qint64 ChildProcess::pid() const
{
    return m_process->processId();
}

bool ChildProcess::succeeded() const
{
    return !isRunning() && m_startError.isEmpty() &&
           m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

int ChildProcess::exitCode() const
{
    return m_process->exitCode();
}

QProcess::ExitStatus ChildProcess::exitStatus() const
{
    return m_process->exitStatus();
}

QString ChildProcess::errorString() const
{
    return m_startError.isEmpty() ? m_process->errorString() : m_startError;
}

QByteArray ChildProcess::standardOutput() const
{
    drain();
    return m_stdout;
}

QByteArray ChildProcess::standardError() const
{
    drain();
    return m_stderr;
}

QList<QByteArray> ChildProcess::standardOutputLines() const
{
    QList<QByteArray> lines = standardOutput().split('\n');
    if (!lines.isEmpty() && lines.constLast().isEmpty())
        lines.removeLast();
    return lines;
}

QString ChildProcess::describe() const
{
    drain();
    QString status;
    if (!m_startError.isEmpty())
        status = m_startError;
    else if (isRunning())
        status = u"still running (pid %1)"_s.arg(pid());
    else if (m_process->exitStatus() == QProcess::CrashExit)
        status = u"killed by a signal"_s;
    else
        status = u"exit code %1"_s.arg(m_process->exitCode());
    return u"`%1 %2`: %3\n--- stdout ---\n%4\n--- stderr ---\n%5"_s.arg(
        m_program, m_arguments.join(u' '), status, QString::fromUtf8(m_stdout),
        QString::fromUtf8(m_stderr));
}

void ChildProcess::drain() const
{
    m_stdout += m_process->readAllStandardOutput();
    m_stderr += m_process->readAllStandardError();
}

} // namespace bs::peers
