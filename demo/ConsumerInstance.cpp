#include "demo/ConsumerInstance.h"

#include "demo/EventLog.h"
#include "demo/OrderEvent.h"
#include "demo/PaymentLedger.h"
#include "demo/ServiceBehaviour.h"
#include "demo/ServiceGroup.h"

namespace bs::demo {

namespace {

int toTimerMs(qint64 us)
{
    return int((us + 999) / 1000);
}

} // namespace

ConsumerInstance::ConsumerInstance(ServiceGroup& group, int number, QObject* parent)
    : QObject(parent), m_group(group), m_number(number), m_connection(this), m_work(this), m_restart(this)
{
    m_work.setSingleShot(true);
    m_work.setTimerType(Qt::PreciseTimer);
    connect(&m_work, &QTimer::timeout, this, &ConsumerInstance::finishProcessing);
    m_restart.setSingleShot(true);
    connect(&m_restart, &QTimer::timeout, this, &ConsumerInstance::start);
    connect(&m_connection, &net::DemoMqttConnection::connected, this, [this] {
        m_subscribeId = m_connection.subscribe(m_group.shareFilter(), 1);
    });
    connect(&m_connection, &net::DemoMqttConnection::subscribed, this,
            [this](quint16 packetId, const QList<mqtt::ReasonCode>& reasons) {
                if (packetId == m_subscribeId)
                    m_subscribed = !reasons.isEmpty() && !mqtt::isError(reasons.first());
            });
    connect(&m_connection, &net::DemoMqttConnection::messageReceived, this, &ConsumerInstance::onMessage);
    connect(&m_connection, &net::DemoMqttConnection::disconnected, this, [this] {
        forgetOrders();
        if (m_retiring)
            emit retired(this);
        else
            restartLater();
    });
}

QString ConsumerInstance::name() const
{
    return m_group.name() + u'-' + QString::number(m_number);
}

void ConsumerInstance::start()
{
    const DemoConfig& config = m_group.environment().config;
    net::ConnectOptions options;
    options.clientId = config.clientIdPrefix + name();
    options.receiveMaximum = 1; // one order at a time
    m_subscribed = false;
    m_connection.connectToBroker(config.host, config.port, options);
}

void ConsumerInstance::retire()
{
    m_retiring = true;
    if (!m_current) {
        leaveNow();
        emit retired(this);
    }
}

void ConsumerInstance::leaveNow()
{
    m_restart.stop();
    forgetOrders();
    m_connection.disconnectFromBroker();
}

void ConsumerInstance::crash(bool afterWork)
{
    if (m_current && afterWork) {
        doWork(m_current->orderId);
        m_group.environment().log.append(
            QStringLiteral("%1 crashed after finishing order %2 but before acknowledging it: the broker will "
                           "deliver it again").arg(name(), m_current->orderId));
    } else {
        m_group.environment().log.append(QStringLiteral("%1 crashed").arg(name()));
    }
    dropConnection();
}

void ConsumerInstance::dropConnection()
{
    forgetOrders();
    m_connection.abort(); // no DISCONNECT, no acknowledgement: the broker takes the order back
    ++m_group.counters().crashes;
    if (m_retiring)
        emit retired(this);
    else
        restartLater();
}

void ConsumerInstance::forgetOrders()
{
    m_work.stop();
    m_current.reset();
    m_backlog.clear();
    m_subscribed = false;
}

void ConsumerInstance::restartLater()
{
    m_restart.start(toTimerMs(m_group.environment().behaviour.scaledUs(m_group.environment().config.restartDelayMs)));
}

void ConsumerInstance::onMessage(const mqtt::PublishPacket& message)
{
    if (message.qos == 0)
        return;
    if (m_current)
        m_backlog.enqueue(message);
    else
        begin(message);
}

void ConsumerInstance::begin(const mqtt::PublishPacket& message)
{
    DemoEnvironment& environment = m_group.environment();
    const std::optional<OrderView> order = readOrderCreated(message.payload);
    if (!order) {
        answer(message.packetId, false); // not an order: a dead letter for someone to look at
        return takeNext();
    }
    if (order->poison) {
        environment.log.append(QStringLiteral("%1 crashed on poison order %2%3").arg(
            name(), order->orderId, message.dup ? QStringLiteral(" (a redelivery)") : QString()));
        return dropConnection();
    }
    if (m_group.service() == Service::Payment && environment.ledger.isCharged(order->orderId)) {
        environment.ledger.noteDuplicate(); // idempotent: acknowledged, not charged again
        m_connection.acknowledge(message.packetId);
        return takeNext();
    }
    if (environment.behaviour.isDown(m_group.service())) {
        answer(message.packetId, false); // fails fast: the payment provider is unreachable
        return takeNext();
    }
    m_current = Order{message.packetId, order->orderId};
    m_work.start(toTimerMs(environment.behaviour.processingUs(m_group.service())));
}

void ConsumerInstance::finishProcessing()
{
    if (!m_current)
        return;
    const Order order = *std::exchange(m_current, std::nullopt);
    const bool failed = m_group.environment().behaviour.failsNow(m_group.service());
    if (!failed)
        doWork(order.orderId);
    answer(order.packetId, !failed);
    if (m_retiring) {
        leaveNow();
        emit retired(this);
        return;
    }
    takeNext();
}

void ConsumerInstance::doWork(const QString& orderId)
{
    if (m_group.service() == Service::Payment)
        m_group.environment().ledger.charge(orderId); // counts a duplicate if charged already
}

void ConsumerInstance::answer(quint16 packetId, bool succeeded)
{
    m_connection.acknowledge(packetId, succeeded ? mqtt::ReasonCode::Success : mqtt::ReasonCode::UnspecifiedError);
    ++(succeeded ? m_group.counters().processed : m_group.counters().failed);
}

void ConsumerInstance::takeNext()
{
    if (!m_current && !m_backlog.isEmpty())
        begin(m_backlog.dequeue());
}

} // namespace bs::demo
