#pragma once
// One paho handle (mqtt::async_client) for one connection to a broker, from the connect
// attempt until the connection ends. A reconnect makes a new PahoConnection: a handle is
// never reused, which lets paho stop its threads when the last handle goes (see
// PahoRuntime for why that matters for connect latency).
//
// Every call here returns at once; results arrive as PahoEvents in the shared inbox,
// tagged with this handle's generation so the client can ignore a retired handle's
// late results. The action listener and the callbacks live as long as the async_client
// (members declared before it), so paho never calls into freed memory; the inbox is
// shared, so a callback after the client is gone is harmless.

#include "client/ConnectionProfile.h"
#include "client/MqttMessage.h"
#include "client/MqttClient.h"
#include "client/paho/PahoInbox.h"

#include <mqtt/async_client.h>

#include <QString>
#include <chrono>
#include <memory>

namespace bs::client::paho {

class PahoConnection
{
public:
    /// profile.clientId must already be resolved (not empty). Fails with *error when paho
    /// rejects the server address.
    static std::shared_ptr<PahoConnection> create(std::shared_ptr<PahoInbox> inbox,
                                                  quint64 generation,
                                                  const ConnectionProfile& profile, QString* error);
    ~PahoConnection();
    PahoConnection(const PahoConnection&) = delete;
    PahoConnection& operator=(const PahoConnection&) = delete;

    quint64 generation() const { return m_generation; }
    bool isV5() const { return m_v5; }

    /// Starts the connect; Connected or ConnectFailed follows.
    bool startConnect(std::chrono::milliseconds timeout, QString* error);
    /// subscriptionIdentifier: 0 for none (MQTT 5 only).
    bool subscribe(const QString& filter, const SubscribeOptions& options, quint32 subscriptionIdentifier,
                   quint64 requestId, QString* error);
    bool unsubscribe(const QString& filter, quint64 requestId, QString* error);
    bool publish(const MqttMessage& message, quint64 requestId, QString* error);

    /// Makes the broker answer something harmless (UNSUBSCRIBE of a filter nobody uses),
    /// which wakes paho's receive thread. See PahoRuntime.
    void nudge();

    /// On the retirement thread: DISCONNECT if connected, waiting at most about timeout.
    void shutdown(std::chrono::milliseconds timeout);

private:
    class Listener : public mqtt::iaction_listener
    {
    public:
        explicit Listener(PahoConnection& owner) : m_owner(owner) {}
        void on_success(const mqtt::token& token) override;
        void on_failure(const mqtt::token& token) override;

    private:
        PahoConnection& m_owner;
    };

    PahoConnection(std::shared_ptr<PahoInbox> inbox, quint64 generation,
                   const ConnectionProfile& profile);
    void installCallbacks();
    mqtt::connect_options connectOptions(std::chrono::milliseconds timeout) const;
    void report(PahoEvent event) const;

    std::shared_ptr<PahoInbox> m_inbox;
    const quint64 m_generation;
    const ConnectionProfile m_profile;
    const bool m_v5;
    Listener m_listener{*this};
    std::unique_ptr<mqtt::async_client> m_client; // last: destroyed first
};

} // namespace bs::client::paho
