#include "raw/TargetBroker.h"

#include "broker/BrokerHost.h"

#include <QDeadlineTimer>
#include <QEventLoop>
#include <QFile>
#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTimer>

#ifdef Q_OS_LINUX
#include <csignal>
#include <sys/prctl.h>
#endif

using namespace Qt::StringLiterals;

namespace bs::raw {

namespace {

constexpr int kStartTimeoutMs = 10000;

quint16 pickFreeLoopbackPort()
{
    QTcpServer probe;
    if (!probe.listen(QHostAddress::LocalHost, 0))
        return 0;
    return probe.serverPort();
}

/// Spins the event loop for up to timeoutMs while waiting for something external.
void spin(int timeoutMs)
{
    QEventLoop loop;
    QTimer::singleShot(timeoutMs, &loop, &QEventLoop::quit);
    loop.exec();
}

bool acceptsConnections(quint16 port, int timeoutMs)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QEventLoop loop;
    QTimer timer;
    timer.setSingleShot(true);
    QObject::connect(&timer, &QTimer::timeout, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::connected, &loop, &QEventLoop::quit);
    QObject::connect(&socket, &QTcpSocket::errorOccurred, &loop, &QEventLoop::quit);
    timer.start(timeoutMs);
    if (socket.state() != QAbstractSocket::ConnectedState)
        loop.exec();
    const bool ok = socket.state() == QAbstractSocket::ConnectedState;
    socket.abort();
    return ok;
}

} // namespace

TargetBroker::TargetBroker(broker::BrokerConfig config)
    : m_config(std::move(config)), m_mosquitto(mosquittoRequested())
{
}

TargetBroker::~TargetBroker()
{
    stop();
}

bool TargetBroker::mosquittoRequested()
{
    return qEnvironmentVariable("BS_CONFORMANCE_TARGET").compare(u"mosquitto"_s, Qt::CaseInsensitive) == 0;
}

bool TargetBroker::start(QString* error)
{
    return m_mosquitto ? startMosquitto(error) : startEngine(error);
}

bool TargetBroker::startEngine(QString* error)
{
    broker::BrokerConfig config = m_config;
    config.address = QHostAddress::LocalHost;
    config.port = 0;
    if (config.dataDirectory.isEmpty()) {
        // The engine as shipped: every message goes through its durable logs.
        m_directory = std::make_unique<QTemporaryDir>();
        config.dataDirectory = m_directory->path();
    }
    m_host = std::make_unique<broker::BrokerHost>(config);
    QSignalSpy started(m_host.get(), &broker::BrokerHost::started);
    QSignalSpy failed(m_host.get(), &broker::BrokerHost::failed);
    m_host->start();
    const QDeadlineTimer deadline(kStartTimeoutMs);
    while (started.isEmpty() && failed.isEmpty() && !deadline.hasExpired())
        started.wait(static_cast<int>(std::max<qint64>(1, deadline.remainingTime())));
    if (!failed.isEmpty() || started.isEmpty() || m_host->port() == 0) {
        if (error)
            *error = failed.isEmpty() ? u"the broker did not start in time"_s : failed.first().first().toString();
        m_host.reset();
        return false;
    }
    m_port = m_host->port();
    return true;
}

QByteArray TargetBroker::mosquittoConfig(quint16 port) const
{
    QByteArray conf;
    conf += "per_listener_settings false\n";
    conf += "allow_anonymous true\n";
    conf += "persistence false\n";
    conf += "log_dest stdout\n";
    conf += "log_type all\n";
    conf += "max_inflight_messages " + QByteArray::number(m_config.receiveMaximum) + '\n';
    conf += "max_queued_messages " + QByteArray::number(m_config.maxQueuedMessages) + '\n';
    if (m_config.maximumPacketSize > 0)
        conf += "max_packet_size " + QByteArray::number(m_config.maximumPacketSize) + '\n';
    conf += "max_keepalive " + QByteArray::number(m_config.maxKeepAlive) + '\n';
    conf += "sys_interval " + QByteArray::number(m_config.sysIntervalSeconds) + '\n';
    conf += "listener " + QByteArray::number(port) + " 127.0.0.1\n";
    conf += "max_topic_alias " + QByteArray::number(m_config.topicAliasMaximum) + '\n';
    return conf;
}

bool TargetBroker::startMosquitto(QString* error)
{
    m_directory = std::make_unique<QTemporaryDir>();
    if (!m_directory->isValid()) {
        if (error)
            *error = u"cannot create a temporary directory"_s;
        return false;
    }
    // A free port may be taken by someone else before mosquitto binds it: try a few.
    for (int attempt = 0; attempt < 5; ++attempt) {
        const quint16 port = pickFreeLoopbackPort();
        QFile file(m_directory->filePath(u"mosquitto.conf"_s));
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            if (error)
                *error = u"cannot write %1"_s.arg(file.fileName());
            return false;
        }
        file.write(mosquittoConfig(port));
        file.close();

        m_process = std::make_unique<QProcess>();
        m_process->setProcessChannelMode(QProcess::MergedChannels);
#ifdef Q_OS_LINUX
        // If the test process dies without running stop(), mosquitto goes with it.
        m_process->setChildProcessModifier([] { ::prctl(PR_SET_PDEATHSIG, SIGTERM); });
#endif
        m_process->start(u"/usr/sbin/mosquitto"_s, {u"-c"_s, file.fileName()});
        if (!m_process->waitForStarted(kStartTimeoutMs)) {
            if (error)
                *error = u"cannot run /usr/sbin/mosquitto: %1"_s.arg(m_process->errorString());
            m_process.reset();
            return false;
        }
        const QDeadlineTimer deadline(kStartTimeoutMs);
        while (!deadline.hasExpired() && m_process->state() == QProcess::Running) {
            if (acceptsConnections(port, 200)) {
                m_port = port;
                return true;
            }
            spin(20); // polling for an external process to come up
        }
        if (error)
            *error = u"mosquitto did not start: %1"_s.arg(QString::fromUtf8(m_process->readAll()));
        stop();
    }
    return false;
}

void TargetBroker::stop()
{
    if (m_process) {
        if (m_process->state() != QProcess::NotRunning) {
            m_process->terminate(); // SIGTERM to the PID we started
            if (!m_process->waitForFinished(5000)) {
                m_process->kill();
                m_process->waitForFinished(2000);
            }
        }
        m_process.reset();
    }
    m_host.reset();
    m_port = 0;
}

QByteArray TargetBroker::mosquittoLog() const
{
    return m_process ? m_process->readAll() : QByteArray{};
}

} // namespace bs::raw
