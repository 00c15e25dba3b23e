#pragma once
// A broker for the client tests that can be stopped and started again ON THE SAME PORT, so
// that reconnects can be tested: our engine in-process (bs::broker::BrokerHost) or a real
// Mosquitto child process with a generated configuration. Loopback only.

#include "client/ConnectionProfile.h"

#include <QString>
#include <QStringList>
#include <map>
#include <memory>

namespace bs::clienttest {

enum class BrokerKind
{
    Engine,
    Mosquitto,
};

QString brokerKindName(BrokerKind kind);

class ClientTestBroker
{
public:
    /// mosquittoConfig: extra lines for Mosquitto's configuration (ignored by the engine).
    static std::unique_ptr<ClientTestBroker> create(BrokerKind kind,
                                                    QStringList mosquittoConfig = {});
    virtual ~ClientTestBroker();

    /// The first start picks a free port; later starts use the same one. False with
    /// errorString() if the broker did not come up.
    virtual bool start() = 0;
    virtual void stop() = 0;
    virtual bool isRunning() const = 0;

    BrokerKind kind() const { return m_kind; }
    QString host() const;
    quint16 port() const { return m_port; }
    QString errorString() const { return m_error; }
    /// A profile for this broker with a unique client id.
    bs::client::ConnectionProfile profile(bs::client::MqttVersion version,
                                          const QString& purpose) const;

protected:
    explicit ClientTestBroker(BrokerKind kind) : m_kind(kind) {}

    BrokerKind m_kind;
    quint16 m_port = 0;
    QString m_error;
};

/// One running broker of each kind, shared by a test class's functions.
using BrokerPool = std::map<BrokerKind, std::unique_ptr<ClientTestBroker>>;

/// Starts the engine and Mosquitto; on failure returns false with *error set.
inline bool startBrokerPool(BrokerPool& pool, QString* error)
{
    for (const BrokerKind kind : {BrokerKind::Engine, BrokerKind::Mosquitto}) {
        auto broker = ClientTestBroker::create(kind);
        if (!broker->start()) {
            *error = broker->errorString();
            return false;
        }
        pool[kind] = std::move(broker);
    }
    return true;
}

} // namespace bs::clienttest
