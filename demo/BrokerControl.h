#pragma once
// The scenario's own line to the broker ("<prefix>control"): the admin API, and the
// engine's live group statistics.
//
//   prepareGroups  createGroup for each service: durable consumer groups on the orders
//                  topic, so orders wait in the log even while every instance of a service
//                  is down (an existing group is fine)
//   dropGroups     deleteGroup (force) and purgeDeadLetters for each service: a clean start
//   stats          $SYS/brokerscope/groups/<group>/{lag,lag-seconds,dead-letters}, live values
//                  only (Retain Handling 2: a retained value may be of a deleted group);
//                  lagReported() on each lag
//
// Operations call back when every answer is in, with the errors met (empty: all went well).

#include "demo/DemoTypes.h"
#include "demo/net/AdminChannel.h"

#include <functional>

namespace bs::demo {

struct DemoConfig;

struct BrokerGroupStats
{
    quint64 lag = 0;
    double lagSeconds = 0.0;
    quint64 deadLetters = 0;
    bool seen = false;
};

class BrokerControl : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(const QStringList& errors)>;

    explicit BrokerControl(const DemoConfig& config, QObject* parent = nullptr);

    /// Connects (if not connected) and subscribes; done once the admin API can be used.
    void open(Done done);
    void close();
    bool isOpen() const { return m_connection.isConnected(); }

    void prepareGroups(Done done);
    void dropGroups(Done done);

    const BrokerGroupStats& stats(Service service) const { return m_stats[size_t(indexOf(service))]; }
    void clearStats() { m_stats = {}; }

signals:
    void lagReported(bs::demo::Service service, quint64 lag);
    void lost(const QString& why);

private:
    void onMessage(const mqtt::PublishPacket& message);
    void finishOpening(const QStringList& errors);
    /// Sends every request; done gets the errors of those not answered with a result
    /// (an answer whose error code is in tolerated counts as success).
    void requestAll(const QList<QJsonObject>& requests, const QStringList& tolerated, Done done);

    const DemoConfig& m_config;
    net::DemoMqttConnection m_connection;
    net::AdminChannel m_admin;
    std::array<BrokerGroupStats, kServiceCount> m_stats;
    QList<Done> m_opened; ///< Waiting for open() to finish.
};

} // namespace bs::demo
