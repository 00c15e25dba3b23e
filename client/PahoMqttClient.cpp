#include "client/PahoMqttClient.h"

#include "client/NetworkProbe.h"
#include "client/TopicNames.h"
#include "client/paho/PahoConnection.h"
#include "client/paho/PahoInbox.h"
#include "client/paho/PahoRuntime.h"

#include <QRandomGenerator>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace bs::client {

using paho::PahoConnection;
using paho::PahoEvent;
using paho::PahoInbox;
using paho::PahoRuntime;

namespace {

constexpr int kNudgeIntervalMs = 10;
/// A connect still pending after this long is waiting for the network, not for paho's poll
/// (a nudge already made the new socket part of it): nudge less often.
constexpr qint64 kFastNudgingMs = 500;
constexpr int kSlowNudgeIntervalMs = 100;
/// How long a connect waits for retiring handles (so that paho's threads restart fresh)
/// when there is no connected handle to nudge. Retiring takes ~100 ms.
constexpr qint64 kMaxDeferMs = 1000;

QString generatedClientId()
{
    const quint32 random = QRandomGenerator::global()->generate();
    return u"brokerscope-"_s + QString::number(random, 16).rightJustified(8, u'0');
}

} // namespace

PahoMqttClient::PahoMqttClient(QObject* parent) : PahoMqttClient(kDefaultInboxCapacity, parent) {}

PahoMqttClient::PahoMqttClient(std::size_t inboxCapacity, QObject* parent)
    : MqttClient(parent), m_inbox(std::make_shared<PahoInbox>(inboxCapacity)),
      m_reconnectTimer(new QTimer(this)), m_nudgeTimer(new QTimer(this)),
      m_deferTimer(new QTimer(this)), m_probe(new NetworkProbe(this))
{
    qRegisterMetaType<MqttMessageBatch>();
    qRegisterMetaType<ConnectionState>();

    // Called on a paho thread, under the inbox mutex: only post the queued call.
    PahoMqttClient* receiver = this;
    m_inbox->setWakeUp([receiver] {
        QMetaObject::invokeMethod(receiver, &PahoMqttClient::drainInbox, Qt::QueuedConnection);
    });

    m_reconnectTimer->setSingleShot(true);
    connect(m_reconnectTimer, &QTimer::timeout, this, &PahoMqttClient::beginAttempt);
    m_deferTimer->setSingleShot(true);
    m_deferTimer->setInterval(kNudgeIntervalMs);
    connect(m_deferTimer, &QTimer::timeout, this, &PahoMqttClient::beginAttempt);
    m_nudgeTimer->setInterval(kNudgeIntervalMs);
    connect(m_nudgeTimer, &QTimer::timeout, this, [this] {
        PahoRuntime::instance().nudgeFor(m_connection.get());
        if (m_attemptClock.elapsed() > kFastNudgingMs)
            m_nudgeTimer->setInterval(kSlowNudgeIntervalMs);
    });
}

PahoMqttClient::~PahoMqttClient()
{
    // The inbox outlives us (paho's callbacks share it); it just stops waking us. The handle
    // is disconnected and destroyed in the background: nothing here waits for the network.
    m_inbox->detach();
    if (m_connection)
        PahoRuntime::instance().retire(std::move(m_connection));
}

void PahoMqttClient::connectToBroker(const ConnectionProfile& profile)
{
    stopAttemptTimers();
    m_reconnectTimer->stop();
    retireConnection(u"Not delivered: the client connected elsewhere"_s);
    m_profile = profile;
    if (m_profile.clientId.isEmpty())
        m_profile.clientId = generatedClientId();
    m_wantConnected = true;
    m_backoff.reset();
    m_deferClock.invalidate();
    setState(ConnectionState::Connecting, {});
    beginAttempt();
}

void PahoMqttClient::disconnectFromBroker()
{
    m_wantConnected = false;
    stopAttemptTimers();
    m_reconnectTimer->stop();
    retireConnection(u"Not delivered: disconnected before the broker answered"_s);
    setState(ConnectionState::Disconnected, {});
}

void PahoMqttClient::beginAttempt()
{
    if (!m_wantConnected)
        return;
    PahoRuntime& runtime = PahoRuntime::instance();
    if (runtime.retirementPending() && !runtime.canNudgeFor(nullptr)) {
        if (!m_deferClock.isValid())
            m_deferClock.start();
        if (m_deferClock.elapsed() < kMaxDeferMs) {
            m_deferTimer->start();
            return;
        }
    }
    m_deferClock.invalidate();

    QString error;
    m_connection = PahoConnection::create(m_inbox, ++m_generation, m_profile, &error);
    if (!m_connection) {
        attemptFailed(error, false);
        return;
    }
    m_inbox->setAcceptedGeneration(m_generation);
    m_attemptClock.start();
    if (!m_connection->startConnect(std::chrono::milliseconds(m_connectTimeoutMs), &error)) {
        retireConnection({});
        attemptFailed(u"Cannot start connecting to %1: %2"_s.arg(address(), error), false);
        return;
    }
    runtime.nudgeFor(m_connection.get());
    m_nudgeTimer->start(kNudgeIntervalMs);
}

void PahoMqttClient::stopAttemptTimers()
{
    m_nudgeTimer->stop();
    m_deferTimer->stop();
    m_probe->disconnect(this);
}

void PahoMqttClient::retireConnection(const QString& reasonForPending)
{
    if (!m_connection)
        return;
    const quint64 generation = m_connection->generation();
    m_inbox->setAcceptedGeneration(0);
    PahoRuntime::instance().retire(std::move(m_connection));
    m_connection.reset();
    // Requests that the retired handle will never answer. Subscriptions are not reported:
    // they are remembered and sent again on the next connect.
    for (auto it = m_pending.begin(); it != m_pending.end();) {
        if (it->generation != generation) {
            ++it;
            continue;
        }
        const quint64 requestId = it.key();
        const RequestKind kind = it->kind;
        it = m_pending.erase(it);
        if (reasonForPending.isEmpty() || kind == RequestKind::Subscribe)
            continue;
        reportLocally(kind, requestId, -1, reasonForPending);
    }
}

std::map<QString, quint8> PahoMqttClient::subscriptions() const
{
    std::map<QString, quint8> result;
    for (const auto& [filter, subscription] : m_subscriptions)
        result.emplace(filter, subscription.options.qos);
    return result;
}

quint32 PahoMqttClient::subscriptionIdentifier(const QString& filter) const
{
    const auto it = m_subscriptions.find(filter);
    if (it == m_subscriptions.end() || !m_subscriptionIdentifiersAvailable ||
        m_profile.version != MqttVersion::V5)
        return 0;
    return it->second.identifier;
}

quint64 PahoMqttClient::subscribe(const QString& filter, SubscribeOptions options)
{
    const quint8 qos = options.qos;
    const quint64 requestId = m_nextRequestId++;
    if (QString problem = topicFilterProblem(filter); !problem.isEmpty()) {
        reportLocally(RequestKind::Subscribe, requestId, 0x8F, problem);
        return requestId;
    }
    if (qos > 2) {
        reportLocally(RequestKind::Subscribe, requestId, 0x80, u"QoS must be 0, 1 or 2"_s);
        return requestId;
    }
    const auto existing = m_subscriptions.find(filter);
    const quint32 identifier = existing != m_subscriptions.end() ? existing->second.identifier
                                                                 : m_nextSubscriptionIdentifier++;
    const Subscription subscription{options, requestId, identifier};
    m_subscriptions[filter] = subscription;
    if (m_state == ConnectionState::Connected)
        sendSubscribe(filter, subscription);
    return requestId;
}

void PahoMqttClient::sendSubscribe(const QString& filter, const Subscription& subscription)
{
    QString error;
    const quint32 identifier = m_subscriptionIdentifiersAvailable ? subscription.identifier : 0;
    if (m_connection->subscribe(filter, subscription.options, identifier, subscription.requestId,
                                &error))
        m_pending.insert(subscription.requestId,
                         {RequestKind::Subscribe, m_connection->generation()});
    else
        reportLocally(RequestKind::Subscribe, subscription.requestId, -1, error);
}

quint64 PahoMqttClient::unsubscribe(const QString& filter)
{
    const quint64 requestId = m_nextRequestId++;
    m_subscriptions.erase(filter);
    if (m_state != ConnectionState::Connected) {
        reportLocally(RequestKind::Unsubscribe, requestId, 0, {}); // nothing to undo at a broker
        return requestId;
    }
    QString error;
    if (m_connection->unsubscribe(filter, requestId, &error))
        m_pending.insert(requestId, {RequestKind::Unsubscribe, m_connection->generation()});
    else
        reportLocally(RequestKind::Unsubscribe, requestId, -1, error);
    return requestId;
}

quint64 PahoMqttClient::publish(const MqttMessage& message)
{
    const quint64 requestId = m_nextRequestId++;
    if (QString problem = topicNameProblem(message.topic); !problem.isEmpty()) {
        reportLocally(RequestKind::Publish, requestId, -1, problem);
        return requestId;
    }
    if (message.qos > 2) {
        reportLocally(RequestKind::Publish, requestId, -1, u"QoS must be 0, 1 or 2"_s);
        return requestId;
    }
    if (m_state != ConnectionState::Connected) {
        reportLocally(RequestKind::Publish, requestId, -1,
                      u"Not published: not connected ("_s + toString(m_state) + u')');
        return requestId;
    }
    QString error;
    if (m_connection->publish(message, requestId, &error))
        m_pending.insert(requestId, {RequestKind::Publish, m_connection->generation()});
    else
        reportLocally(RequestKind::Publish, requestId, -1, u"Not published: "_s + error);
    return requestId;
}

void PahoMqttClient::reportLocally(RequestKind kind, quint64 requestId, int reasonCode,
                                   const QString& error)
{
    // Through the inbox, so the result is a signal after the call returned (the caller has
    // its request id by then) and keeps its order with everything else.
    PahoEvent event;
    switch (kind) {
    case RequestKind::Subscribe:
        event.kind = PahoEvent::Kind::SubscribeFailed;
        break;
    case RequestKind::Unsubscribe:
        event.kind =
            error.isEmpty() ? PahoEvent::Kind::UnsubscribeDone : PahoEvent::Kind::UnsubscribeFailed;
        break;
    case RequestKind::Publish:
        event.kind = PahoEvent::Kind::PublishFailed;
        break;
    }
    event.generation = 0; // local: matched by m_pending below
    event.requestId = requestId;
    event.reasonCode = reasonCode;
    event.text = error;
    m_pending.insert(requestId, {kind, 0});
    m_inbox->pushEvent(std::move(event));
}

void PahoMqttClient::setState(ConnectionState state, const QString& detail)
{
    if (state == m_state && detail == m_detail)
        return;
    m_state = state;
    m_detail = detail;
    emit stateChanged(state, detail);
}

QString PahoMqttClient::address() const
{
    const QString& host = m_profile.host;
    return (host.contains(u':') ? u'[' + host + u']' : host) + u':' +
           QString::number(m_profile.port);
}

} // namespace bs::client
