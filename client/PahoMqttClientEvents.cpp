// PahoMqttClient, second half: draining the inbox on the client's thread and turning
// paho's results into state changes and signals.

#include "client/PahoMqttClient.h"

#include "client/NetworkProbe.h"
#include "client/ReasonCodes.h"
#include "client/paho/PahoConnection.h"
#include "client/paho/PahoInbox.h"
#include "client/paho/PahoRuntime.h"

#include <QTimer>

using namespace Qt::StringLiterals;

namespace bs::client {

using paho::PahoEvent;
using paho::PahoInbox;
using paho::PahoRuntime;

namespace {

/// MQTT 5 CONNACK reasons worth retrying: the broker may accept a later attempt.
bool isTransientConnack(int code, bool v5)
{
    if (!v5)
        return code == 3; // Server unavailable
    return code == 0x88 || code == 0x89 || code == 0x97 || code == 0x9F;
}

/// DISCONNECT reasons after which reconnecting would be wrong or useless.
bool forbidsReconnect(int code)
{
    return code == 0x8E     // Session taken over: another client uses our id
           || code == 0x87  // Not authorized
           || code == 0x8A  // Banned
           || code == 0x9C  // Use another server
           || code == 0x9D; // Server moved
}

QString pahoErrorText(int returnCode)
{
    switch (returnCode) {
    case -3:
        return u"the connection was lost"_s;
    case -4:
        return u"too many messages in flight"_s;
    case -9:
        return u"operation incomplete"_s;
    default:
        return u"paho error "_s + QString::number(returnCode);
    }
}

} // namespace

void PahoMqttClient::drainInbox()
{
    PahoInbox::Drained drained = m_inbox->drain();
    m_droppedMessages += drained.droppedSinceLastDrain;
    // A slot may delete this client or call into it: check after every signal.
    const QPointer<PahoMqttClient> alive(this);
    for (PahoInbox::Segment& segment : drained.segments) {
        if (!segment.messages.isEmpty()) {
            emit messagesReceived(segment.messages);
            if (!alive)
                return;
        }
        for (const PahoEvent& event : segment.events) {
            handleEvent(event);
            if (!alive)
                return;
        }
    }
}

void PahoMqttClient::handleEvent(const PahoEvent& event)
{
    const bool current = m_connection && event.generation == m_connection->generation();
    switch (event.kind) {
    case PahoEvent::Kind::Connected:
        if (current)
            handleConnected(event);
        return;
    case PahoEvent::Kind::ConnectFailed:
        if (current)
            handleConnectFailed(event);
        return;
    case PahoEvent::Kind::ConnectionLost:
        if (current && m_state == ConnectionState::Connected)
            handleLost(lostDetail(event.text), true);
        return;
    case PahoEvent::Kind::ServerDisconnect:
        if (current) {
            QString detail = u"Disconnected by the broker: "_s + reasonCodeText(event.reasonCode);
            if (!event.text.isEmpty())
                detail += u" — "_s + event.text;
            handleLost(detail, !forbidsReconnect(event.reasonCode));
        }
        return;
    default:
        handleRequestResult(event);
        return;
    }
}

QString PahoMqttClient::lostDetail(const QString& cause) const
{
    QString detail = u"Connection to %1 lost"_s.arg(address());
    if (!cause.isEmpty())
        detail += u": "_s + cause;
    // Mosquitto closes a taken-over session's socket without DISCONNECT 0x8E; a loss right
    // after connecting is the usual sign of two clients with one id.
    if (m_connectedClock.elapsed() < kShortLivedConnectionMs)
        detail += u" %1 s after connecting (another client using the id \"%2\"?)"_s.arg(
            QString::number(double(m_connectedClock.elapsed()) / 1000.0, 'f', 1),
            m_profile.clientId);
    return detail;
}

void PahoMqttClient::handleConnected(const PahoEvent& event)
{
    m_nudgeTimer->stop();
    m_subscriptionIdentifiersAvailable = event.subscriptionIdentifiersAvailable;
    m_lastConnectLatencyMs = m_attemptClock.elapsed();
    m_lastConnackCode = -1;
    m_connectedClock.start(); // the backoff is reset only once the connection proved stable
    PahoRuntime::instance().addConnected(m_connection.get());
    setState(ConnectionState::Connected, {});
    if (m_state != ConnectionState::Connected || !m_connection)
        return; // a slot disconnected meanwhile
    for (const auto& [filter, subscription] : m_subscriptions)
        sendSubscribe(filter, subscription);
}

void PahoMqttClient::handleConnectFailed(const PahoEvent& event)
{
    m_nudgeTimer->stop();
    const bool v5 = m_connection->isV5();
    retireConnection({});
    if (event.returnCode > 0) { // the broker answered with a refusing CONNACK
        m_lastConnackCode = event.returnCode;
        const QString reason =
            v5 ? reasonCodeText(event.returnCode) : connackReturnCodeText(event.returnCode);
        attemptFailed(u"Refused by %1: %2"_s.arg(address(), reason),
                      isTransientConnack(event.returnCode, v5));
        return;
    }
    m_lastConnackCode = -1;
    // paho only says "TCP/TLS connect failure": ask the network what went wrong.
    m_probe->disconnect(this);
    connect(m_probe, &NetworkProbe::finished, this,
            [this](NetworkProbe::Outcome outcome, const QString& problem) {
                m_probe->disconnect(this);
                switch (outcome) {
                case NetworkProbe::Outcome::NetworkFailure:
                    attemptFailed(problem, true);
                    return;
                case NetworkProbe::Outcome::TlsFailure:
                    attemptFailed(problem, false);
                    return;
                case NetworkProbe::Outcome::Reachable:
                    attemptFailed(handshakeFailure(), true);
                    return;
                }
            });
    m_probe->probe(m_profile.host, m_profile.port, m_profile.tls,
                   std::min(m_connectTimeoutMs, 3000));
}

QString PahoMqttClient::handshakeFailure() const
{
    if (!m_profile.tls.enabled)
        return u"%1 accepts connections, but no MQTT broker answered"_s.arg(address());
    if (m_profile.tls.certificateFile.isEmpty())
        return u"%1 accepts TLS connections, but the connection failed before MQTT started "
               "(does the broker require a client certificate?)"_s.arg(address());
    return u"%1 accepts TLS connections, but the connection failed before MQTT started "
           "(is the client certificate accepted?)"_s.arg(address());
}

void PahoMqttClient::attemptFailed(const QString& detail, bool retryable)
{
    if (!m_wantConnected)
        return;
    if (m_automaticReconnect && retryable) {
        setState(ConnectionState::Reconnecting, detail);
        if (m_wantConnected && !m_connection)
            m_reconnectTimer->start(m_backoff.nextDelayMs());
        return;
    }
    m_wantConnected = false;
    setState(ConnectionState::Disconnected, detail);
}

void PahoMqttClient::handleLost(const QString& detail, bool mayReconnect)
{
    stopAttemptTimers();
    // A connection that lasted resets the backoff; one lost at once (a broker that keeps
    // kicking us, two consoles fighting over a client id) keeps growing it.
    if (m_connectedClock.isValid() && m_connectedClock.elapsed() >= kStableConnectionMs)
        m_backoff.reset();
    retireConnection(u"Not confirmed: "_s + detail);
    attemptFailed(detail, mayReconnect);
}

void PahoMqttClient::handleRequestResult(const PahoEvent& event)
{
    const auto pending = m_pending.constFind(event.requestId);
    if (pending == m_pending.constEnd() || pending->generation != event.generation)
        return; // answered already, or from a retired handle
    m_pending.erase(pending);

    const int code = event.reasonCode;
    const QString failure = !event.text.isEmpty() ? event.text
                            : isFailureReasonCode(code)
                                ? u"Refused: "_s + reasonCodeText(code)
                                : u"Failed: "_s + pahoErrorText(event.returnCode);
    switch (event.kind) {
    case PahoEvent::Kind::PublishDone:
        emit published(event.requestId, code, {});
        return;
    case PahoEvent::Kind::PublishFailed:
        emit published(event.requestId, isFailureReasonCode(code) ? code : -1, failure);
        return;
    case PahoEvent::Kind::SubscribeDone: {
        QString error;
        for (const int granted : event.reasonCodes) {
            if (isFailureReasonCode(granted)) {
                error = u"Refused: "_s + reasonCodeText(granted);
                break;
            }
        }
        emit subscribed(event.requestId, event.reasonCodes, error);
        return;
    }
    case PahoEvent::Kind::SubscribeFailed:
        emit subscribed(event.requestId, {isFailureReasonCode(code) ? code : 0x80}, failure);
        return;
    case PahoEvent::Kind::UnsubscribeDone:
        emit unsubscribed(event.requestId, {});
        return;
    case PahoEvent::Kind::UnsubscribeFailed:
        emit unsubscribed(event.requestId, failure);
        return;
    default:
        return;
    }
}

} // namespace bs::client
