#include "peers/BrokerProcess.h"

#include "peers/BrokerscopeDaemonProcess.h"
#include "peers/ChildProcess.h"
#include "peers/MosquittoBrokerProcess.h"
#include "peers/Network.h"
#include "peers/WaitUntil.h"

#include <QDir>
#include <QFile>

#include <csignal>
#include <sys/types.h>

using namespace Qt::StringLiterals;

namespace bs::peers {

QString serverKindName(ServerKind kind)
{
    switch (kind) {
    case ServerKind::Brokerscope:
        return u"brokerscope"_s;
    case ServerKind::Mosquitto:
        return u"mosquitto"_s;
    }
    return {};
}

std::optional<ServerKind> serverKindFromName(QStringView name)
{
    for (ServerKind kind : {ServerKind::Brokerscope, ServerKind::Mosquitto}) {
        if (name.trimmed().compare(serverKindName(kind), Qt::CaseInsensitive) == 0)
            return kind;
    }
    return std::nullopt;
}

std::unique_ptr<BrokerProcess> BrokerProcess::create(ServerKind kind, BrokerOptions options)
{
    switch (kind) {
    case ServerKind::Brokerscope:
        return std::make_unique<BrokerscopeDaemonProcess>(std::move(options));
    case ServerKind::Mosquitto:
        return std::make_unique<MosquittoBrokerProcess>(std::move(options));
    }
    return nullptr;
}

BrokerProcess::BrokerProcess(BrokerOptions options)
    : m_options(std::move(options)), m_workDir(QDir::tempPath() + u"/bs-peers-broker-XXXXXX"_s),
      m_logPath(m_workDir.filePath(u"server.log"_s))
{}

BrokerProcess::~BrokerProcess()
{
    stop(std::chrono::seconds(2));
}

bool BrokerProcess::start()
{
    if (isRunning())
        return fail(u"%1 is already running"_s.arg(name()));
    if (!m_workDir.isValid())
        return fail(u"cannot create a temporary directory: %1"_s.arg(m_workDir.errorString()));
    m_error.clear();
    m_killed = false;
    if (!launch()) {
        stop(std::chrono::seconds(2));
        return false;
    }
    return true;
}

bool BrokerProcess::stop(std::chrono::milliseconds timeout)
{
    return stopWithSignal(SIGTERM, timeout);
}

bool BrokerProcess::stopWithSignal(int signal, std::chrono::milliseconds timeout)
{
    if (!isRunning())
        return !m_process ||
               (m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0);
    if (signal == SIGTERM)
        m_process->terminate();
    else
        ::kill(static_cast<pid_t>(m_process->processId()), signal);
    if (!waitUntil([this] { return !isRunning(); }, timeout)) {
        m_killed = true;
        m_process->kill();
        m_process->waitForFinished(5000);
        return false;
    }
    return m_process->exitStatus() == QProcess::NormalExit && m_process->exitCode() == 0;
}

bool BrokerProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

qint64 BrokerProcess::pid() const
{
    return m_process ? m_process->processId() : 0;
}

QString BrokerProcess::host() const
{
    return loopbackHost();
}

QString BrokerProcess::serverUri() const
{
    return u"tcp://%1:%2"_s.arg(host()).arg(m_port);
}

QString BrokerProcess::mqttUrl() const
{
    return u"mqtt://%1:%2"_s.arg(host()).arg(m_port);
}

int BrokerProcess::exitCode() const
{
    return m_process ? m_process->exitCode() : -1;
}

QString BrokerProcess::log() const
{
    QFile file(m_logPath);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    return QString::fromUtf8(file.readAll());
}

bool BrokerProcess::startProcess(const QString& program, QStringList arguments)
{
    arguments += m_options.extraArguments;
    m_process = std::make_unique<QProcess>();
    m_process->setProgram(program);
    m_process->setArguments(arguments);
    m_process->setWorkingDirectory(m_workDir.path());
    m_process->setProcessChannelMode(QProcess::MergedChannels);
    m_process->setStandardOutputFile(m_logPath, QIODevice::Truncate);
    m_process->setStandardInputFile(QProcess::nullDevice());
    terminateWithParent(*m_process);
    m_process->start();
    if (!m_process->waitForStarted(static_cast<int>(m_options.startTimeout.count())))
        return fail(u"could not start `%1 %2`: %3"_s.arg(program, arguments.join(u' '),
                                                         m_process->errorString()));
    return true;
}

bool BrokerProcess::waitForLog(const std::function<bool(const QString&)>& condition)
{
    return waitUntil([&] { return condition(log()) || !isRunning(); }, m_options.startTimeout) &&
           condition(log());
}

bool BrokerProcess::fail(const QString& message)
{
    m_error = u"%1: %2"_s.arg(name(), message);
    if (m_process && !isRunning())
        m_error += u" (exited with code %1)"_s.arg(m_process->exitCode());
    const QString output = log();
    if (!output.isEmpty())
        m_error += u"\n--- %1 log ---\n%2"_s.arg(name(), output.right(4000));
    return false;
}

} // namespace bs::peers
