#pragma once
// The order service, asynchronous side: a real MQTT client ("<prefix>order-service") that
// creates OrderCreated events at the set rate and publishes them at QoS 1 to the orders
// topic. For the customer the order is created when the broker's PUBACK arrives (the
// broker has written it to its log): that wait is the asynchronous latency. Nothing
// downstream is waited for.
//
// Rate: a credit of orders grows with wall time at rate x speed (capped at
// kMaxEffectiveOrderRate), spent on a 10 ms tick. orderCreated() tells the scenario of
// every order, so that the synchronous chain can handle the same stream.

#include "demo/LatencyWindow.h"
#include "demo/net/DemoMqttConnection.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSet>
#include <QTimer>

namespace bs::demo {

class ServiceBehaviour;

class OrderService : public QObject
{
    Q_OBJECT
public:
    OrderService(const DemoConfig& config, ServiceBehaviour& behaviour, const QElapsedTimer& clock,
                 QObject* parent = nullptr);

    /// Connects and creates orders while connected; run numbers the order ids.
    void start(quint32 run);
    void stop();
    bool isConnected() const { return m_connection.isConnected(); }

    /// Orders per second in lesson time, 0..kMaxOrderRate.
    void setRate(double perSecond);
    double rate() const { return m_rate; }
    /// Orders per second actually aimed at (wall clock).
    double effectiveRate() const;

    /// Publishes one poison order now (or as soon as the connection is up).
    void injectPoison();

    quint64 ordersCreated() const { return m_sequence; }
    quint64 poisonOrders() const { return quint64(m_poisonIds.size()); }
    /// Every order id created since the start (poison orders left out unless asked).
    QStringList createdOrderIds(bool withPoison = false) const;

    OrderPathMetrics metrics(qint64 nowUs) const { return m_latency.metrics(nowUs, m_sentAtUs.size()); }
    /// Forgets orders and metrics (a reset).
    void clear();

signals:
    void orderCreated(const QString& orderId, bool poison);

private:
    void tick();
    void createOrder(bool poison);
    void onPublished(quint16 packetId, mqtt::ReasonCode reason);
    void onConnectionLost();
    qint64 nowUs() const { return m_clock.nsecsElapsed() / 1000; }

    const DemoConfig& m_config;
    ServiceBehaviour& m_behaviour;
    const QElapsedTimer& m_clock;
    net::DemoMqttConnection m_connection;
    QTimer m_tick;
    QTimer m_reconnect;
    bool m_running = false;
    quint32 m_run = 0;
    double m_rate = 0.0;
    double m_credit = 0.0;
    qint64 m_lastTickUs = 0;
    quint64 m_sequence = 0;
    int m_poisonWaiting = 0;
    QSet<QString> m_poisonIds;
    QHash<quint16, qint64> m_sentAtUs; ///< QoS 1 publishes waiting for their PUBACK.
    LatencyWindow m_latency;
};

} // namespace bs::demo
