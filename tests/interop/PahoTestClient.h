#pragma once
// A paho-mqtt-cpp MQTT 5 client for the interop tests. Paho calls back on its own threads;
// received messages go into a mutex-protected list that the test thread polls.
//
// paho.mqtt.c 1.3.12 has one receive thread per process that poll()s the open sockets with
// a 1 s timeout, and a newly opened socket joins the poll set only when that poll returns.
// So a connect made while another connection is open and idle takes 1-2 s. Two ways
// around it: connectAll() connects several clients at once while none is connected (about
// 0.1 s in all), and connectNudging() has an open connection publish at QoS 1 meanwhile:
// each PUBACK ends that poll, and the new socket is seen at once.

#include "peers/BrokerProcess.h"
#include "peers/WaitUntil.h"

#include <mqtt/async_client.h>

#include <QString>
#include <chrono>
#include <initializer_list>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

namespace bs::interop {

inline constexpr auto kPahoTimeout = std::chrono::seconds(10);

class PahoTestClient
{
public:
    PahoTestClient(const bs::peers::BrokerProcess& broker, const QString& clientId)
        : m_client(broker.serverUri().toStdString(), clientId.toStdString(),
                   mqtt::create_options(MQTTVERSION_5))
    {
        m_client.set_message_callback([this](mqtt::const_message_ptr message) {
            const std::lock_guard lock(m_mutex);
            m_messages.push_back(std::move(message));
        });
    }
    ~PahoTestClient()
    {
        try {
            if (m_client.is_connected())
                m_client.disconnect()->wait_for(kPahoTimeout);
        } catch (const mqtt::exception&) {
        }
    }
    PahoTestClient(const PahoTestClient&) = delete;
    PahoTestClient& operator=(const PahoTestClient&) = delete;

    /// MQTT 5 connect options. (Built without connect_options_builder::properties(), which
    /// in paho-mqtt-cpp 1.2 leaves the properties out of CONNECT or dangling.)
    static mqtt::connect_options options(bool cleanStart = true,
                                         std::optional<int> sessionExpiry = {})
    {
        mqtt::connect_options connectOptions;
        connectOptions.set_mqtt_version(MQTTVERSION_5);
        connectOptions.set_clean_start(cleanStart);
        connectOptions.set_connect_timeout(kPahoTimeout);
        if (sessionExpiry) {
            mqtt::properties properties;
            properties.add(mqtt::property(mqtt::property::SESSION_EXPIRY_INTERVAL, *sessionExpiry));
            connectOptions.set_properties(properties);
        }
        return connectOptions;
    }

    /// Connects and waits for CONNACK. Empty on success, else the reason.
    QString connect(const mqtt::connect_options& connectOptions = options())
    {
        return waitFor(startConnect(connectOptions), "connect");
    }
    /// Connects every client at once (see the note at the top). Empty on success.
    static QString connectAll(std::initializer_list<PahoTestClient*> clients)
    {
        std::vector<std::pair<PahoTestClient*, mqtt::token_ptr>> pending;
        for (PahoTestClient* client : clients)
            pending.emplace_back(client, client->startConnect(options()));
        QString problems;
        for (auto& [client, token] : pending)
            problems += client->waitFor(token, "connect");
        return problems;
    }
    /// Connects while awake (connected) publishes QoS 1 messages to nudgeTopic, which nobody
    /// subscribes to (see the note at the top). Empty on success.
    QString connectNudging(const mqtt::connect_options& connectOptions, PahoTestClient& awake,
                           const std::string& nudgeTopic)
    {
        const mqtt::token_ptr token = startConnect(connectOptions);
        const auto deadline = std::chrono::steady_clock::now() + kPahoTimeout;
        try {
            while (token && !token->wait_for(std::chrono::milliseconds(20)) &&
                   std::chrono::steady_clock::now() < deadline)
                awake.m_client.publish(nudgeTopic, "", 0, 1, false);
        } catch (const mqtt::exception&) {
            // The connect's own outcome is reported below.
        }
        return waitFor(token, "connect");
    }
    /// Session Present from the last CONNACK.
    bool sessionPresent() const { return m_sessionPresent; }

    QString subscribe(const std::string& filter, int qos,
                      const mqtt::subscribe_options& subscribeOptions = mqtt::subscribe_options())
    {
        try {
            auto token = m_client.subscribe(filter, qos, subscribeOptions);
            if (!token->wait_for(kPahoTimeout))
                return QStringLiteral("subscribe %1: no SUBACK")
                    .arg(QString::fromStdString(filter));
            const auto codes = token->get_subscribe_response().get_reason_codes();
            if (codes.size() != 1 || codes.front() != qos)
                return QStringLiteral(
                           "subscribe %1: SUBACK reason code %2, expected granted QoS %3")
                    .arg(QString::fromStdString(filter))
                    .arg(codes.empty() ? -1 : int(codes.front()))
                    .arg(qos);
        } catch (const mqtt::exception& error) {
            return QStringLiteral("subscribe: %1").arg(QString::fromStdString(error.to_string()));
        }
        return {};
    }

    /// Publishes and waits until the flow for its QoS completes. Empty on success.
    QString publish(const mqtt::message_ptr& message)
    {
        try {
            return waitFor(m_client.publish(message), "publish");
        } catch (const mqtt::exception& error) {
            return QStringLiteral("publish: %1").arg(QString::fromStdString(error.to_string()));
        }
    }

    QString disconnect() { return waitFor(m_client.disconnect(), "disconnect"); }
    /// DISCONNECT that sets the Session Expiry Interval to 0, ending the session.
    QString disconnectEndingSession()
    {
        mqtt::disconnect_options disconnectOptions;
        mqtt::properties properties;
        properties.add(mqtt::property(mqtt::property::SESSION_EXPIRY_INTERVAL, 0));
        disconnectOptions.set_properties(properties);
        return waitFor(m_client.disconnect(disconnectOptions), "disconnect");
    }

    std::vector<mqtt::const_message_ptr> messages() const
    {
        const std::lock_guard lock(m_mutex);
        return m_messages;
    }
    std::size_t messageCount() const
    {
        const std::lock_guard lock(m_mutex);
        return m_messages.size();
    }
    bool waitForMessages(std::size_t count, std::chrono::milliseconds timeout = kPahoTimeout) const
    {
        return bs::peers::waitUntil([&] { return messageCount() >= count; }, timeout);
    }

    mqtt::async_client& client() { return m_client; }

private:
    mqtt::token_ptr startConnect(const mqtt::connect_options& connectOptions)
    {
        try {
            return m_client.connect(connectOptions);
        } catch (const mqtt::exception&) {
            return nullptr;
        }
    }
    QString waitFor(const mqtt::token_ptr& token, const char* what)
    {
        const QString name = QString::fromStdString(m_client.get_client_id());
        if (!token)
            return QStringLiteral("%1: %2 could not be started. ")
                .arg(name, QLatin1StringView(what));
        try {
            if (!token->wait_for(kPahoTimeout))
                return QStringLiteral("%1: %2 timed out. ").arg(name, QLatin1StringView(what));
            if (token->get_type() == mqtt::token::Type::CONNECT)
                m_sessionPresent = token->get_connect_response().is_session_present();
        } catch (const mqtt::exception& error) {
            return QStringLiteral("%1: %2 failed: %3. ")
                .arg(name, QLatin1StringView(what), QString::fromStdString(error.to_string()));
        }
        return {};
    }

    mqtt::async_client m_client;
    mutable std::mutex m_mutex;
    std::vector<mqtt::const_message_ptr> m_messages;
    bool m_sessionPresent = false;
};

/// The user properties of a message, in order.
inline std::vector<std::pair<std::string, std::string>>
userProperties(const mqtt::properties& properties)
{
    std::vector<std::pair<std::string, std::string>> result;
    const std::size_t count = properties.count(mqtt::property::USER_PROPERTY);
    for (std::size_t i = 0; i < count; ++i) {
        const auto [name, value] =
            mqtt::get<mqtt::string_pair>(properties, mqtt::property::USER_PROPERTY, i);
        result.emplace_back(name, value);
    }
    return result;
}

/// A string or binary property, if present.
inline std::optional<std::string> stringProperty(const mqtt::properties& properties,
                                                 mqtt::property::code code)
{
    if (!properties.contains(code))
        return std::nullopt;
    return mqtt::get<std::string>(properties, code);
}

} // namespace bs::interop
