#pragma once
// The broker under test. By default our engine in-process (bs::broker::BrokerHost on a
// thread of its own); with BS_CONFORMANCE_TARGET=mosquitto, /usr/sbin/mosquitto on a free
// loopback port with settings mirroring the BrokerConfig limits it supports.

#include "broker/BrokerConfig.h"

#include <QByteArray>
#include <QString>
#include <memory>

class QProcess;
class QTemporaryDir;

namespace bs::broker {
class BrokerHost;
}

namespace bs::raw {

class TargetBroker
{
public:
    explicit TargetBroker(broker::BrokerConfig config = {});
    ~TargetBroker();
    TargetBroker(const TargetBroker&) = delete;
    TargetBroker& operator=(const TargetBroker&) = delete;

    /// Starts the broker and waits until it accepts connections.
    bool start(QString* error = nullptr);
    void stop();

    quint16 port() const { return m_port; }
    bool isMosquitto() const { return m_mosquitto; }
    const broker::BrokerConfig& config() const { return m_config; }
    /// Mosquitto's log (mosquitto mode only), for diagnosing failures.
    QByteArray mosquittoLog() const;

    static bool mosquittoRequested();

private:
    bool startEngine(QString* error);
    bool startMosquitto(QString* error);
    QByteArray mosquittoConfig(quint16 port) const;

    broker::BrokerConfig m_config;
    bool m_mosquitto = false;
    quint16 m_port = 0;
    std::unique_ptr<broker::BrokerHost> m_host;
    std::unique_ptr<QProcess> m_process;
    std::unique_ptr<QTemporaryDir> m_directory;
};

} // namespace bs::raw
