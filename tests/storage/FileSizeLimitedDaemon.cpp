#include "FileSizeLimitedDaemon.h"

#include "peers/BrokerscopeDaemonProcess.h"
#include "peers/WaitUntil.h"

#include <QRegularExpression>
#include <csignal>
#include <sys/prctl.h>
#include <sys/resource.h>

using namespace Qt::StringLiterals;

FileSizeLimitedDaemon::~FileSizeLimitedDaemon()
{
    if (isRunning()) {
        m_process.kill();
        m_process.waitForFinished(5000);
    }
}

bool FileSizeLimitedDaemon::start(const QString& dataDirectory, qint64 limitBytes)
{
    const QString program = bs::peers::BrokerscopeDaemonProcess::defaultProgram();
    if (program.isEmpty()) {
        m_error = u"no brokerscope-broker in this build"_s;
        return false;
    }
    m_process.setProgram(program);
    m_process.setArguments({u"--address"_s, u"127.0.0.1"_s, u"--port"_s, u"0"_s, u"--data-dir"_s,
                            dataDirectory});
    m_process.setStandardInputFile(QProcess::nullDevice());
    // Runs in the child between fork and exec: only async-signal-safe calls.
    m_process.setChildProcessModifier([limitBytes] {
        ::prctl(PR_SET_PDEATHSIG, SIGTERM);
        ::signal(SIGXFSZ, SIG_IGN);
        rlimit limit{};
        ::getrlimit(RLIMIT_FSIZE, &limit);
        limit.rlim_cur = rlim_t(limitBytes);
        ::setrlimit(RLIMIT_FSIZE, &limit);
    });
    m_process.start();
    if (!m_process.waitForStarted(10'000)) {
        m_error = u"cannot start %1: %2"_s.arg(program, m_process.errorString());
        return false;
    }
    static const QRegularExpression listening(u"^brokerscope-broker: listening on 127\\.0\\.0\\.1:(\\d+)$"_s,
                                              QRegularExpression::MultilineOption);
    QRegularExpressionMatch match;
    bs::peers::waitUntil([&] {
        match = listening.match(standardOutput());
        return match.hasMatch() || !isRunning();
    }, std::chrono::seconds(10));
    if (!match.hasMatch()) {
        m_error = u"no \"listening on\" line; stdout:\n%1\nstderr:\n%2"_s.arg(standardOutput(), standardError());
        return false;
    }
    m_port = quint16(match.captured(1).toUInt());
    return true;
}

bool FileSizeLimitedDaemon::raiseFileSizeLimit()
{
    rlimit limit{};
    const auto pid = pid_t(m_process.processId());
    if (::prlimit(pid, RLIMIT_FSIZE, nullptr, &limit) != 0)
        return false;
    limit.rlim_cur = limit.rlim_max;
    return ::prlimit(pid, RLIMIT_FSIZE, &limit, nullptr) == 0;
}

bool FileSizeLimitedDaemon::stop()
{
    if (!isRunning())
        return false;
    m_process.terminate();
    if (!bs::peers::waitUntil([this] { return !isRunning(); }, std::chrono::seconds(5))) {
        m_process.kill();
        m_process.waitForFinished(5000);
        return false;
    }
    drain();
    return m_process.exitStatus() == QProcess::NormalExit && m_process.exitCode() == 0;
}

QString FileSizeLimitedDaemon::standardError()
{
    drain();
    return QString::fromUtf8(m_stderr);
}

QString FileSizeLimitedDaemon::standardOutput()
{
    drain();
    return QString::fromUtf8(m_stdout);
}

void FileSizeLimitedDaemon::drain()
{
    m_stdout += m_process.readAllStandardOutput();
    m_stderr += m_process.readAllStandardError();
}
