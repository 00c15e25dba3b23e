#include "broker/BrokerHost.h"

#include "broker/Broker.h"

namespace bs::broker {

BrokerHost::BrokerHost(BrokerConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config))
{
    m_thread.setObjectName(QStringLiteral("brokerscope-broker"));
}

BrokerHost::~BrokerHost()
{
    if (m_broker && m_thread.isRunning()) {
        // Stop, delete and quit from inside the broker's thread, in that order: a quit()
        // from here could end its event loop before the deletion ran.
        Broker* broker = m_broker;
        QMetaObject::invokeMethod(broker, [broker] {
            broker->stop();
            delete broker;
            QThread::currentThread()->quit();
        });
        m_broker = nullptr;
    } else {
        delete m_broker;
        m_thread.quit();
    }
    m_thread.wait();
}

void BrokerHost::start()
{
    if (m_broker)
        return;
    m_broker = new Broker(m_config);
    m_broker->moveToThread(&m_thread);
    m_thread.start();
    Broker* broker = m_broker;
    QMetaObject::invokeMethod(broker, [this, broker] {
        QString error;
        if (broker->start(&error)) {
            m_port = broker->port();
            QMetaObject::invokeMethod(this, [this, address = broker->address(), port = broker->port()] {
                emit started(address, port);
            });
        } else {
            QMetaObject::invokeMethod(this, [this, error] { emit failed(error); });
        }
    });
}

QHostAddress BrokerHost::address() const
{
    return m_config.address;
}

BrokerStats BrokerHost::stats() const
{
    return m_broker ? m_broker->stats() : BrokerStats{};
}

} // namespace bs::broker
