// BrokerCore: session lifecycle — attach on CONNECT (with takeover and clean start),
// detach when the connection goes, will messages with their delay, and session expiry.

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/state/SessionRecords.h"

#include <limits>

namespace bs::broker {

using mqtt::ReasonCode;

namespace {

/// Arms a single-shot timer for `seconds`, re-arming in steps QTimer can hold.
void armSeconds(std::unique_ptr<QTimer>& timer, QObject* context, quint64 seconds,
                std::function<void()> onExpired)
{
    timer = std::make_unique<QTimer>();
    timer->setSingleShot(true);
    const qint64 deadline = QDateTime::currentMSecsSinceEpoch() + qint64(seconds) * 1000;
    auto* raw = timer.get();
    QObject::connect(raw, &QTimer::timeout, context, [raw, deadline, onExpired] {
        const qint64 left = deadline - QDateTime::currentMSecsSinceEpoch();
        if (left > 0) {
            raw->start(int(std::min<qint64>(left, std::numeric_limits<int>::max())));
            return;
        }
        onExpired();
    });
    raw->start(int(std::min<qint64>(qint64(seconds) * 1000, std::numeric_limits<int>::max())));
}

} // namespace

Session* BrokerCore::findSession(const QString& clientId) const
{
    const auto it = m_sessions.constFind(clientId);
    return it == m_sessions.cend() ? nullptr : it->get();
}

BrokerCore::Attached BrokerCore::attachSession(ClientConnection& connection,
                                               const QString& clientId, bool cleanStart)
{
    if (Session* existing = findSession(clientId)) {
        if (ClientConnection* previous = existing->connection) {
            // §3.1.4-3: the new connection takes the session over.
            previous->disconnect(ReasonCode::SessionTakenOver);
            detachSession(*previous);
        }
    }
    if (cleanStart && findSession(clientId))
        endSession(clientId); // §3.1.2.4: discard the existing session
    Attached attached;
    Session* session = findSession(clientId);
    attached.sessionPresent = session != nullptr;
    if (!session) {
        session = m_sessions.insert(clientId, std::make_shared<Session>(clientId))->get();
    }
    // §3.1.2.5: a reconnect within the will delay cancels the pending will.
    session->willTimer.reset();
    session->expiryTimer.reset();
    session->will.reset();
    session->connection = &connection;
    m_counters.add(m_counters.clientsConnected);
    const quint64 connected = m_counters.clientsConnected.load();
    if (connected > m_counters.clientsMaximum.load())
        m_counters.set(m_counters.clientsMaximum, connected);
    updateGauges();
    attached.session = session;
    return attached;
}

void BrokerCore::detachSession(ClientConnection& connection)
{
    Session* session = connection.session();
    if (!session)
        return;
    connection.detachSession();
    session->connection = nullptr;
    returnGroupDeliveries(*session);
    m_counters.clientsConnected.fetch_sub(1, std::memory_order_relaxed);
    const QString clientId = session->clientId();

    if (m_shuttingDown || !connection.publishesWillOnClose()) {
        session->will.reset(); // §3.1.2.5: a normal DISCONNECT discards the will
        forgetJournaledWill(clientId);
    } else if (session->will) {
        const quint32 delay = session->will->properties.willDelayInterval.value_or(0);
        if (delay == 0 || session->expiryInterval == 0) {
            publishWill(*session);
        } else {
            armWill(*session, delay);
        }
    }
    if (session->expiryInterval == 0)
        endSession(clientId);
    else
        scheduleExpiry(*session);
}

void BrokerCore::armWill(Session& session, quint32 delaySeconds)
{
    const QString clientId = session.clientId();
    armSeconds(session.willTimer, this, delaySeconds, [this, clientId] {
        if (Session* s = findSession(clientId))
            publishWill(*s);
    });
}

void BrokerCore::scheduleExpiry(Session& session)
{
    if (session.expiryInterval == Session::kNeverExpires)
        return;
    const QString clientId = session.clientId();
    armSeconds(session.expiryTimer, this, session.expiryInterval, [this, clientId] {
        endSession(clientId);
    });
}

void BrokerCore::publishWill(Session& session)
{
    if (!session.will)
        return;
    const mqtt::WillMessage will = std::move(*session.will);
    session.will.reset();
    session.willTimer.reset();
    publishWillMessage(will, session.clientId());
}

void BrokerCore::publishWillMessage(const mqtt::WillMessage& will, const QString& clientId)
{
    auto message = std::make_shared<Message>();
    message->topic = will.topic;
    message->payload = will.payload;
    message->qos = will.qos;
    message->retain = will.retain;
    message->properties = messageProperties(will.properties);
    if (will.properties.messageExpiryInterval)
        message->expiresAtMs = std::max<qint64>(1, nowMs() + qint64(*will.properties.messageExpiryInterval) * 1000);
    message->originClientId = clientId;
    // Journaled as gone before anyone can see it: the journal is written before this pass's
    // packets leave, so a crash after a subscriber got the will never sends it twice.
    forgetJournaledWill(clientId);
    if (!storeMessage(*message))
        qCWarning(lcStorage).noquote() << QStringLiteral("the will of '%1' could not be stored; it is routed anyway").arg(clientId);
    publish(message);
}

void BrokerCore::endSession(const QString& clientId)
{
    const std::shared_ptr<Session> session = m_sessions.take(clientId);
    if (!session)
        return;
    if (isJournaled(*session))
        journal(journal::sessionEnd(session->journalKey));
    publishWill(*session); // §3.1.2.5: sent at the latest when the session ends
    QSet<QString> groups;
    for (auto it = session->subscriptions.cbegin(); it != session->subscriptions.cend(); ++it) {
        if (const auto parsed = mqtt::parseSubscriptionFilter(it.key())) {
            m_subscriptions.unsubscribe(clientId, *parsed);
            if (parsed->isShared())
                groups.insert(parsed->group);
        }
    }
    for (const QString& name : std::as_const(groups)) {
        if (ConsumerGroup* group = findGroup(name))
            memberLeft(*group, clientId); // what it had in flight goes to the others
    }
    m_queuedTotal -= qint64(session->queue.size());
    if (session->connection)
        session->connection->detachSession();
    updateGauges();
}

} // namespace bs::broker
