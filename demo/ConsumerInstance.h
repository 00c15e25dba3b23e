#pragma once
// One instance of a downstream service: a real MQTT client ("<prefix><group>-<n>") in the
// shared subscription $share/<group>/<orders topic> at QoS 1, with Receive Maximum 1 — it
// holds one order at a time, so a group's throughput is instances / processing time and
// lag shows when the rate passes it.
//
// An order is acknowledged (PUBACK) only when its processing timer has run out; nothing
// blocks the thread. The outcome:
//   processed   PUBACK 0x00 (payment charges the order first, through the ledger)
//   duplicate   payment only: the order was charged already; PUBACK 0x00 at once
//   failed      the failure roll, or payment down: PUBACK 0x80 at once (payment) or after
//               processing (the roll) — the broker dead-letters it as "rejected"
//   poison      the instance crashes: the connection drops without an acknowledgement, the
//               broker hands the order to another instance (DUP), and after its delivery
//               limit dead-letters it as "delivery_limit"; the instance reconnects after
//               the restart delay
// crash(true) is the worst moment to die: the work on the order in hand is done (a charge
// is made) but not yet acknowledged, so the broker redelivers it and the idempotent payment
// skips it as a duplicate.

#include "demo/net/DemoMqttConnection.h"

#include <QQueue>
#include <QTimer>
#include <optional>

namespace bs::demo {

class ServiceGroup;

class ConsumerInstance : public QObject
{
    Q_OBJECT
public:
    ConsumerInstance(ServiceGroup& group, int number, QObject* parent = nullptr);

    int number() const { return m_number; }
    QString name() const;
    void start();
    /// Finishes the order in hand, then leaves the group; retired() follows.
    void retire();
    /// Leaves at once, with or without an order in hand (stop, reset). Silent.
    void leaveNow();
    /// Drops the connection now; reconnects after the restart delay.
    void crash(bool afterWork);

    bool isReady() const { return m_connection.isConnected() && m_subscribed; }
    bool isBusy() const { return m_current.has_value(); }
    bool isRetiring() const { return m_retiring; }

signals:
    void retired(bs::demo::ConsumerInstance* instance);

private:
    struct Order
    {
        quint16 packetId = 0;
        QString orderId;
    };

    void onMessage(const mqtt::PublishPacket& message);
    void begin(const mqtt::PublishPacket& message);
    void finishProcessing();
    void doWork(const QString& orderId);
    void answer(quint16 packetId, bool succeeded);
    void takeNext();
    void dropConnection();
    /// Whatever the connection held is the broker's again (it redelivers unacknowledged orders).
    void forgetOrders();
    void restartLater();

    ServiceGroup& m_group;
    int m_number;
    net::DemoMqttConnection m_connection;
    QTimer m_work;
    QTimer m_restart;
    quint16 m_subscribeId = 0;
    bool m_subscribed = false;
    bool m_retiring = false;
    std::optional<Order> m_current;
    QQueue<mqtt::PublishPacket> m_backlog; ///< Only if the broker sent more than the window.
};

} // namespace bs::demo
