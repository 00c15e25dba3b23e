#include "demo/OrderService.h"

#include "demo/OrderEvent.h"
#include "demo/ServiceBehaviour.h"

#include <algorithm>
#include <cmath>

namespace bs::demo {

OrderService::OrderService(const DemoConfig& config, ServiceBehaviour& behaviour, const QElapsedTimer& clock,
                           QObject* parent)
    : QObject(parent), m_config(config), m_behaviour(behaviour), m_clock(clock), m_connection(this), m_tick(this),
      m_reconnect(this), m_latency(config.metricsWindowMs)
{
    setRate(config.orderRatePerSecond);
    m_tick.setTimerType(Qt::PreciseTimer);
    m_tick.setInterval(10);
    connect(&m_tick, &QTimer::timeout, this, &OrderService::tick);
    m_reconnect.setSingleShot(true);
    connect(&m_reconnect, &QTimer::timeout, this, [this] { start(m_run); });
    connect(&m_connection, &net::DemoMqttConnection::connected, this, [this] {
        m_lastTickUs = nowUs();
        m_credit = 0.0;
        for (; m_poisonWaiting > 0; --m_poisonWaiting)
            createOrder(true);
    });
    connect(&m_connection, &net::DemoMqttConnection::published, this, &OrderService::onPublished);
    connect(&m_connection, &net::DemoMqttConnection::disconnected, this, &OrderService::onConnectionLost);
}

void OrderService::start(quint32 run)
{
    m_running = true;
    m_run = run;
    net::ConnectOptions options;
    options.clientId = m_config.clientIdPrefix + QStringLiteral("order-service");
    m_connection.connectToBroker(m_config.host, m_config.port, options);
    m_tick.start();
}

void OrderService::stop()
{
    m_running = false;
    m_tick.stop();
    m_reconnect.stop();
    m_connection.disconnectFromBroker();
    m_sentAtUs.clear(); // their PUBACKs will not come: neither answered nor failed
}

void OrderService::setRate(double perSecond)
{
    m_rate = std::clamp(perSecond, 0.0, kMaxOrderRate);
}

double OrderService::effectiveRate() const
{
    return std::min(m_rate * m_behaviour.speedFactor(), kMaxEffectiveOrderRate);
}

void OrderService::injectPoison()
{
    if (m_connection.isConnected())
        createOrder(true);
    else
        ++m_poisonWaiting;
}

QStringList OrderService::createdOrderIds(bool withPoison) const
{
    QStringList ids;
    ids.reserve(qsizetype(m_sequence));
    for (quint64 sequence = 1; sequence <= m_sequence; ++sequence) {
        QString id = orderIdFor(m_run, sequence);
        if (withPoison || !m_poisonIds.contains(id))
            ids.append(std::move(id));
    }
    return ids;
}

void OrderService::clear()
{
    m_sequence = 0;
    m_poisonWaiting = 0;
    m_poisonIds.clear();
    m_sentAtUs.clear();
    m_latency.clear();
    setRate(m_config.orderRatePerSecond);
}

void OrderService::tick()
{
    const qint64 now = nowUs();
    const double seconds = double(now - m_lastTickUs) / 1e6;
    m_lastTickUs = now;
    if (!m_connection.isConnected() || m_behaviour.isOn(Fault::ProducerStopped)) {
        m_credit = 0.0;
        return;
    }
    const double rate = effectiveRate();
    // A stalled event loop must not turn into a burst: at most a quarter second's worth.
    m_credit = std::min(m_credit + rate * seconds, 1.0 + rate / 4.0);
    for (; m_credit >= 1.0; m_credit -= 1.0)
        createOrder(false);
}

void OrderService::createOrder(bool poison)
{
    const QString orderId = orderIdFor(m_run, ++m_sequence);
    if (poison)
        m_poisonIds.insert(orderId);
    const OrderEvent event = makeOrderCreated(m_behaviour.random(), orderId, poison);
    const qint64 sentAt = nowUs();
    const quint16 packetId = m_connection.publish(m_config.ordersTopic, event.json, 1);
    if (packetId != 0)
        m_sentAtUs.insert(packetId, sentAt);
    else
        m_latency.record(sentAt, 0, false);
    emit orderCreated(orderId, poison);
}

void OrderService::onPublished(quint16 packetId, mqtt::ReasonCode reason)
{
    const auto sent = m_sentAtUs.find(packetId);
    if (sent == m_sentAtUs.end())
        return;
    const qint64 now = nowUs();
    m_latency.record(now, now - sent.value(), !mqtt::isError(reason));
    m_sentAtUs.erase(sent);
}

void OrderService::onConnectionLost()
{
    const qint64 now = nowUs();
    for (auto it = m_sentAtUs.cbegin(); it != m_sentAtUs.cend(); ++it)
        m_latency.record(now, now - it.value(), false); // the customer got an error
    m_sentAtUs.clear();
    if (m_running)
        m_reconnect.start(int(m_behaviour.scaledUs(m_config.restartDelayMs) / 1000));
}

} // namespace bs::demo
