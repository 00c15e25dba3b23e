#include "ClientTestBroker.h"

#include "broker/BrokerHost.h"
#include "peers/ChildProcess.h"
#include "peers/Network.h"
#include "peers/ServerMatrix.h"

#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>

#include <unistd.h>

using namespace Qt::StringLiterals;

namespace bs::clienttest {

namespace {

class EngineBroker : public ClientTestBroker
{
public:
    EngineBroker() : ClientTestBroker(BrokerKind::Engine) {}

    bool start() override
    {
        bs::broker::BrokerConfig config;
        config.port = m_port;
        config.sysIntervalSeconds = 0;
        m_host = std::make_unique<bs::broker::BrokerHost>(config);
        QSignalSpy started(m_host.get(), &bs::broker::BrokerHost::started);
        QSignalSpy failed(m_host.get(), &bs::broker::BrokerHost::failed);
        m_host->start();
        if (!QTest::qWaitFor([&] { return !started.isEmpty() || !failed.isEmpty(); }, 10'000) ||
            started.isEmpty()) {
            m_error = failed.isEmpty() ? u"the engine did not start"_s
                                       : failed.first().first().toString();
            m_host.reset();
            return false;
        }
        m_port = m_host->port();
        return true;
    }
    void stop() override { m_host.reset(); }
    bool isRunning() const override { return m_host != nullptr; }

private:
    std::unique_ptr<bs::broker::BrokerHost> m_host;
};

class MosquittoBroker : public ClientTestBroker
{
public:
    explicit MosquittoBroker(QStringList extraConfig)
        : ClientTestBroker(BrokerKind::Mosquitto), m_extraConfig(std::move(extraConfig))
    {}
    ~MosquittoBroker() override { stop(); }

    bool start() override
    {
        const bool firstStart = m_port == 0;
        for (int attempt = 0; attempt < (firstStart ? 5 : 1); ++attempt) {
            if (firstStart)
                m_port = bs::peers::pickFreeLoopbackPort();
            if (launch())
                return true;
        }
        return false;
    }
    void stop() override
    {
        if (m_process)
            m_process->stop();
        m_process.reset();
    }
    bool isRunning() const override { return m_process && m_process->isRunning(); }

private:
    bool launch()
    {
        const QString configPath = m_dir.filePath(u"mosquitto.conf"_s);
        QStringList lines{u"listener %1 127.0.0.1"_s.arg(m_port),
                          u"persistence false"_s,
                          u"log_dest file %1"_s.arg(m_dir.filePath(u"mosquitto.log"_s)),
                          u"log_type error"_s,
                          u"log_type warning"_s,
                          u"log_type notice"_s,
                          u"log_type information"_s};
        if (!m_extraConfig.join(u'\n').contains(u"allow_anonymous"_s))
            lines << u"allow_anonymous true"_s;
        if (::geteuid() == 0)
            lines << u"user root"_s; // keep the parent-death signal (see MosquittoBrokerProcess)
        lines += m_extraConfig;
        QFile config(configPath);
        if (!config.open(QIODevice::WriteOnly | QIODevice::Truncate)) {
            m_error = u"cannot write "_s + configPath;
            return false;
        }
        config.write((lines.join(u'\n') + u'\n').toUtf8());
        config.close();

        m_process = std::make_unique<bs::peers::ChildProcess>(u"/usr/sbin/mosquitto"_s,
                                                              QStringList{u"-c"_s, configPath});
        if (!m_process->start()) {
            m_error = m_process->describe();
            return false;
        }
        if (!bs::peers::waitUntilAcceptingConnections(m_port, std::chrono::seconds(10)) ||
            !m_process->isRunning()) {
            m_error = m_process->describe();
            stop();
            return false;
        }
        return true;
    }

    QStringList m_extraConfig;
    QTemporaryDir m_dir;
    std::unique_ptr<bs::peers::ChildProcess> m_process;
};

} // namespace

QString brokerKindName(BrokerKind kind)
{
    return kind == BrokerKind::Engine ? u"engine"_s : u"mosquitto"_s;
}

std::unique_ptr<ClientTestBroker> ClientTestBroker::create(BrokerKind kind,
                                                           QStringList mosquittoConfig)
{
    if (kind == BrokerKind::Engine)
        return std::make_unique<EngineBroker>();
    return std::make_unique<MosquittoBroker>(std::move(mosquittoConfig));
}

ClientTestBroker::~ClientTestBroker() = default;

QString ClientTestBroker::host() const
{
    return bs::peers::loopbackHost();
}

bs::client::ConnectionProfile ClientTestBroker::profile(bs::client::MqttVersion version,
                                                        const QString& purpose) const
{
    bs::client::ConnectionProfile profile;
    profile.name = brokerKindName(m_kind) + u' ' + purpose;
    profile.host = host();
    profile.port = m_port;
    profile.version = version;
    profile.clientId = bs::peers::uniqueClientId(purpose);
    return profile;
}

} // namespace bs::clienttest
