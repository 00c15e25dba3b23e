#pragma once
// The embedded MQTT 3.1.1/5.0 broker engine. One Broker object is one broker: it owns its
// listener, sessions, subscriptions and retained messages; there is no global state, so
// several brokers can live in one process. A Broker lives on one thread and does all its
// work in that thread's event loop; only stats(), address() and port() may be called
// from other threads.

#include "broker/BrokerConfig.h"
#include "broker/BrokerStats.h"

#include <QObject>
#include <memory>

namespace bs::broker {

class BrokerCore;

class Broker : public QObject
{
    Q_OBJECT
public:
    explicit Broker(BrokerConfig config, QObject* parent = nullptr);
    ~Broker() override;

    /// Starts listening. Returns false with a readable *error (e.g. the port is in use).
    bool start(QString* error = nullptr);
    /// Closes the listener and every connection (wills of connected clients are not sent).
    void stop();

    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;
    const BrokerConfig& config() const;
    BrokerStats stats() const;

    /// In-process access for the owner (admin views, tests). Broker thread only.
    BrokerCore& core();

signals:
    void listening(const QHostAddress& address, quint16 port);
    void stopped();

private:
    std::unique_ptr<BrokerCore> m_core;
};

} // namespace bs::broker
