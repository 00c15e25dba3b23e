#include "peers/BrokerscopeDaemonProcess.h"

#include "peers/Network.h"

#include <QFileInfo>
#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bs::peers {

BrokerscopeDaemonProcess::BrokerscopeDaemonProcess(BrokerOptions options)
    : BrokerProcess(std::move(options))
{}

QString BrokerscopeDaemonProcess::defaultProgram()
{
    const QString fromEnvironment = qEnvironmentVariable("BS_DAEMON_PATH");
    if (!fromEnvironment.isEmpty())
        return fromEnvironment;
#ifdef BROKERSCOPE_DAEMON_PATH
    return QStringLiteral(BROKERSCOPE_DAEMON_PATH);
#else
    return {};
#endif
}

bool BrokerscopeDaemonProcess::launch()
{
    const QString program = m_options.program.isEmpty() ? defaultProgram() : m_options.program;
    if (program.isEmpty())
        return fail(u"no daemon to run: this build has no brokerscope-broker target"_s);
    if (!QFileInfo(program).isExecutable())
        return fail(u"%1 is not an executable file (is brokerscope-broker built?)"_s.arg(program));

    QStringList arguments{u"--address"_s, loopbackHost(), u"--port"_s, QString::number(m_options.port)};
    if (!m_options.dataDirectory.isEmpty())
        arguments << u"--data-dir"_s << m_options.dataDirectory;
    if (!m_options.configFile.isEmpty())
        arguments << u"--config"_s << m_options.configFile;
    if (m_options.sysIntervalSeconds)
        arguments << u"--sys-interval"_s << QString::number(*m_options.sysIntervalSeconds);
    if (!startProcess(program, arguments))
        return false;

    static const QRegularExpression listening(
        u"^brokerscope-broker: listening on 127\\.0\\.0\\.1:(\\d+)\\s*$"_s,
        QRegularExpression::MultilineOption);
    if (!waitForLog([](const QString& log) { return listening.match(log).hasMatch(); }))
        return fail(u"no \"listening on\" line within %1 ms"_s.arg(m_options.startTimeout.count()));
    bool ok = false;
    const uint port = listening.match(log()).captured(1).toUInt(&ok);
    if (!ok || port == 0 || port > 65535)
        return fail(u"bad port in the \"listening on\" line"_s);
    m_port = static_cast<quint16>(port);
    if (!waitUntilAcceptingConnections(m_port, m_options.startTimeout))
        return fail(u"announced port %1 but does not accept connections"_s.arg(m_port));
    return true;
}

} // namespace bs::peers
