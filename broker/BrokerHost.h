#pragma once
// Runs a Broker on a thread of its own, as the console and the tests do. start() returns
// at once; started() or failed() follows. Destroying the host stops the broker and joins
// its thread.

#include "broker/BrokerConfig.h"
#include "broker/BrokerStats.h"

#include <QHostAddress>
#include <QObject>
#include <QThread>
#include <atomic>

namespace bs::broker {

class Broker;

class BrokerHost : public QObject
{
    Q_OBJECT
public:
    explicit BrokerHost(BrokerConfig config, QObject* parent = nullptr);
    ~BrokerHost() override;

    void start();
    bool isRunning() const { return m_port.load() != 0; }
    QHostAddress address() const;
    quint16 port() const { return m_port.load(); }
    BrokerStats stats() const;

signals:
    void started(const QHostAddress& address, quint16 port);
    void failed(const QString& error);

private:
    BrokerConfig m_config;
    QThread m_thread;
    Broker* m_broker = nullptr; // lives on m_thread
    std::atomic<quint16> m_port{0};
};

} // namespace bs::broker
