#include "client/paho/PahoConnection.h"

#include "client/paho/PahoMessages.h"
#include "client/paho/PahoRuntime.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bs::client::paho {

namespace {

/// Publishes paho may hold before they are written to the socket. Its default (100) makes a
/// burst of publishes fail with "No more messages can be buffered"; the console injects
/// bursts (replays, load tests), so allow a large one. Memory: the messages themselves.
constexpr int kMaxBufferedMessages = 100'000;

/// A filter no console ever subscribes to: unsubscribing it changes nothing at the broker,
/// which still answers with an UNSUBACK (MQTT 5: "No subscription existed").
constexpr const char* kNudgeFilter = "brokerscope/nudge/-";

QString describe(const mqtt::exception& error)
{
    return QString::fromStdString(error.what());
}

void* contextFor(quint64 requestId)
{
    return reinterpret_cast<void*>(static_cast<std::uintptr_t>(requestId));
}

quint64 requestIdOf(const mqtt::token& token)
{
    return quint64(reinterpret_cast<std::uintptr_t>(token.get_user_context()));
}

} // namespace

std::shared_ptr<PahoConnection> PahoConnection::create(std::shared_ptr<PahoInbox> inbox,
                                                       quint64 generation,
                                                       const ConnectionProfile& profile,
                                                       QString* error)
{
    std::shared_ptr<PahoConnection> connection(
        new PahoConnection(std::move(inbox), generation, profile));
    try {
        connection->m_client = std::make_unique<mqtt::async_client>(
            profile.serverUri().toStdString(), profile.clientId.toStdString(),
            mqtt::create_options(MQTTVERSION_5, kMaxBufferedMessages));
        connection->installCallbacks();
    } catch (const mqtt::exception& e) {
        *error = u"Invalid server address %1: %2"_s.arg(profile.serverUri(), describe(e));
        return nullptr;
    }
    return connection;
}

PahoConnection::PahoConnection(std::shared_ptr<PahoInbox> inbox, quint64 generation,
                               const ConnectionProfile& profile)
    : m_inbox(std::move(inbox)), m_generation(generation), m_profile(profile),
      m_v5(profile.version == MqttVersion::V5)
{
    PahoRuntime::instance().handleCreated();
}

PahoConnection::~PahoConnection()
{
    m_client.reset(); // MQTTAsync_destroy: no callback runs after this
    PahoRuntime::instance().handleDestroyed();
}

void PahoConnection::report(PahoEvent event) const
{
    event.generation = m_generation;
    m_inbox->pushEvent(std::move(event));
}

void PahoConnection::installCallbacks()
{
    // These run on paho's threads: they capture the inbox and plain values only.
    const std::shared_ptr<PahoInbox> inbox = m_inbox;
    const quint64 generation = m_generation;
    m_client->set_message_callback([inbox, generation](mqtt::const_message_ptr message) {
        if (message && inbox->accepts(generation))
            inbox->pushMessage(generation,
                               messageFromPaho(*message, QDateTime::currentDateTimeUtc()));
    });
    m_client->set_connection_lost_handler([inbox, generation](const std::string& cause) {
        PahoEvent event;
        event.kind = PahoEvent::Kind::ConnectionLost;
        event.generation = generation;
        event.text = QString::fromStdString(cause);
        inbox->pushEvent(std::move(event));
    });
    m_client->set_disconnected_handler(
        [inbox, generation](const mqtt::properties& properties, mqtt::ReasonCode reason) {
            PahoEvent event;
            event.kind = PahoEvent::Kind::ServerDisconnect;
            event.generation = generation;
            event.reasonCode = int(reason);
            if (properties.contains(mqtt::property::REASON_STRING))
                event.text = QString::fromStdString(
                    mqtt::get<std::string>(properties, mqtt::property::REASON_STRING));
            inbox->pushEvent(std::move(event));
        });
}

mqtt::connect_options PahoConnection::connectOptions(std::chrono::milliseconds timeout) const
{
    mqtt::connect_options options;
    options.set_mqtt_version(m_v5 ? MQTTVERSION_5 : MQTTVERSION_3_1_1);
    if (m_v5)
        options.set_clean_start(m_profile.cleanStart);
    else
        options.set_clean_session(m_profile.cleanStart);
    options.set_keep_alive_interval(std::max(0, m_profile.keepAliveSeconds));
    const auto seconds = std::chrono::ceil<std::chrono::seconds>(timeout).count();
    options.set_connect_timeout(int(std::max<std::int64_t>(1, seconds)));
    options.set_automatic_reconnect(false); // PahoMqttClient reconnects with its own backoff
    if (!m_profile.username.isEmpty())
        options.set_user_name(m_profile.username.toStdString());
    if (!m_profile.password.isEmpty())
        options.set_password(m_profile.password.toStdString());

    if (m_profile.tls.enabled) {
        const TlsSettings& tls = m_profile.tls;
        mqtt::ssl_options ssl;
        if (!tls.caFile.isEmpty())
            ssl.set_trust_store(tls.caFile.toStdString());
        if (!tls.certificateFile.isEmpty())
            ssl.set_key_store(tls.certificateFile.toStdString());
        if (!tls.privateKeyFile.isEmpty())
            ssl.set_private_key(tls.privateKeyFile.toStdString());
        ssl.set_enable_server_cert_auth(tls.verifyPeer);
        ssl.set_verify(tls.verifyPeer); // host name check
        // No set_error_handler(): in paho-mqtt-cpp 1.2 its context dangles once the options
        // are copied into the client (calling it crashes). NetworkProbe explains failures.
        options.set_ssl(std::move(ssl));
    }

    // CONNECT properties: set on the finished options object (paho-mqtt-cpp 1.2's
    // connect_options_builder::properties() drops them or leaves them dangling).
    if (m_v5 && m_profile.sessionExpirySeconds > 0) {
        mqtt::properties properties;
        properties.add(
            {mqtt::property::SESSION_EXPIRY_INTERVAL, int32_t(m_profile.sessionExpirySeconds)});
        options.set_properties(std::move(properties));
    }
    return options;
}

bool PahoConnection::startConnect(std::chrono::milliseconds timeout, QString* error)
{
    try {
        m_client->connect(connectOptions(timeout), nullptr, m_listener);
        return true;
    } catch (const mqtt::exception& e) {
        *error = describe(e);
        return false;
    }
}

bool PahoConnection::subscribe(const QString& filter, const SubscribeOptions& options,
                               quint32 subscriptionIdentifier,
                               quint64 requestId, QString* error)
{
    try {
        mqtt::properties properties;
        if (m_v5 && subscriptionIdentifier != 0)
            properties.add(
                {mqtt::property::SUBSCRIPTION_IDENTIFIER, int32_t(subscriptionIdentifier)});
        const mqtt::subscribe_options subscribeOptions(options.noLocal, options.retainAsPublished);
        m_client->subscribe(filter.toStdString(), options.qos, contextFor(requestId), m_listener,
                            m_v5 ? subscribeOptions : mqtt::subscribe_options(), properties);
        return true;
    } catch (const mqtt::exception& e) {
        *error = describe(e);
        return false;
    }
}

bool PahoConnection::unsubscribe(const QString& filter, quint64 requestId, QString* error)
{
    try {
        m_client->unsubscribe(filter.toStdString(), contextFor(requestId), m_listener);
        return true;
    } catch (const mqtt::exception& e) {
        *error = describe(e);
        return false;
    }
}

bool PahoConnection::publish(const MqttMessage& message, quint64 requestId, QString* error)
{
    try {
        m_client->publish(messageToPaho(message, m_v5), contextFor(requestId), m_listener);
        return true;
    } catch (const mqtt::exception& e) {
        *error = describe(e);
        return false;
    }
}

void PahoConnection::nudge()
{
    try {
        m_client->unsubscribe(kNudgeFilter);
    } catch (const mqtt::exception&) {
        // Not connected any more: another handle may nudge instead.
    }
}

void PahoConnection::shutdown(std::chrono::milliseconds timeout)
{
    try {
        if (m_client->is_connected()) {
            const mqtt::token_ptr token = m_client->disconnect(int(timeout.count()) / 2);
            token->wait_for(timeout);
        }
    } catch (const mqtt::exception&) {
        // Already gone; destroying the handle closes the socket either way.
    }
}

void PahoConnection::Listener::on_success(const mqtt::token& token)
{
    PahoEvent event;
    event.requestId = requestIdOf(token);
    event.reasonCode = int(token.get_reason_code());
    switch (token.get_type()) {
    case mqtt::token::Type::CONNECT:
        event.kind = PahoEvent::Kind::Connected;
        try {
            const mqtt::connect_response response = token.get_connect_response();
            const mqtt::properties& properties = response.get_properties();
            if (properties.contains(mqtt::property::SUBSCRIPTION_IDENTIFIERS_AVAILABLE))
                event.subscriptionIdentifiersAvailable =
                    mqtt::get<uint8_t>(properties,
                                       mqtt::property::SUBSCRIPTION_IDENTIFIERS_AVAILABLE) != 0;
        } catch (const mqtt::exception&) {
            // No CONNACK properties (MQTT 3.1.1): nothing to learn.
        }
        break;
    case mqtt::token::Type::SUBSCRIBE:
        event.kind = PahoEvent::Kind::SubscribeDone;
        try {
            const mqtt::subscribe_response response = token.get_subscribe_response();
            for (const mqtt::ReasonCode code : response.get_reason_codes())
                event.reasonCodes.append(int(code));
        } catch (const mqtt::exception&) {
            event.reasonCodes = {event.reasonCode};
        }
        break;
    case mqtt::token::Type::UNSUBSCRIBE:
        if (event.requestId == 0)
            return; // a nudge's UNSUBACK
        event.kind = PahoEvent::Kind::UnsubscribeDone;
        break;
    case mqtt::token::Type::PUBLISH:
        event.kind = PahoEvent::Kind::PublishDone;
        break;
    case mqtt::token::Type::DISCONNECT:
        return;
    }
    m_owner.report(std::move(event));
}

void PahoConnection::Listener::on_failure(const mqtt::token& token)
{
    PahoEvent event;
    event.requestId = requestIdOf(token);
    event.returnCode = token.get_return_code();
    event.reasonCode = int(token.get_reason_code());
    switch (token.get_type()) {
    case mqtt::token::Type::CONNECT:
        event.kind = PahoEvent::Kind::ConnectFailed;
        break;
    case mqtt::token::Type::SUBSCRIBE:
        event.kind = PahoEvent::Kind::SubscribeFailed;
        break;
    case mqtt::token::Type::UNSUBSCRIBE:
        if (event.requestId == 0)
            return;
        event.kind = PahoEvent::Kind::UnsubscribeFailed;
        break;
    case mqtt::token::Type::PUBLISH:
        event.kind = PahoEvent::Kind::PublishFailed;
        break;
    case mqtt::token::Type::DISCONNECT:
        return;
    }
    m_owner.report(std::move(event));
}

} // namespace bs::client::paho
