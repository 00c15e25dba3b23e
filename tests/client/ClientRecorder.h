#pragma once
// Records everything an MqttClient emits, for the client tests: states with details,
// received messages and how many batches brought them, and each request's result.
// The waits spin the event loop (QTest::qWaitFor), never sleep.

#include "client/MqttClient.h"

#include <QHash>
#include <QList>
#include <QTest>
#include <utility>

namespace bs::clienttest {

using bs::client::ConnectionState;

inline constexpr int kWaitMs = 15'000;

struct PublishResult
{
    int reasonCode = 0;
    QString error;
};

struct SubscribeResult
{
    QList<int> reasonCodes;
    QString error;
    int times = 0; ///< How often this request id was answered (again after each reconnect).
};

class ClientRecorder
{
public:
    explicit ClientRecorder(bs::client::MqttClient& client) : m_client(client)
    {
        QObject::connect(&client, &bs::client::MqttClient::stateChanged, &client,
                         [this](ConnectionState state, const QString& detail) {
                             states.append({state, detail});
                         });
        QObject::connect(&client, &bs::client::MqttClient::messagesReceived, &client,
                         [this](const bs::client::MqttMessageBatch& batch) {
                             messages += batch;
                             ++batches;
                         });
        QObject::connect(&client, &bs::client::MqttClient::published, &client,
                         [this](quint64 id, int reasonCode, const QString& error) {
                             published.insert(id, {reasonCode, error});
                         });
        QObject::connect(&client, &bs::client::MqttClient::subscribed, &client,
                         [this](quint64 id, const QList<int>& codes, const QString& error) {
                             SubscribeResult& result = subscribed[id];
                             result.reasonCodes = codes;
                             result.error = error;
                             ++result.times;
                         });
        QObject::connect(
            &client, &bs::client::MqttClient::unsubscribed, &client,
            [this](quint64 id, const QString& error) { unsubscribed.insert(id, error); });
    }

    bool waitForState(ConnectionState state, int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([&] { return m_client.state() == state; }, timeoutMs);
    }
    bool waitForMessages(qsizetype count, int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([&] { return messages.size() >= count; }, timeoutMs);
    }
    bool waitForPublished(quint64 id, int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([&] { return published.contains(id); }, timeoutMs);
    }
    bool waitForSubscribed(quint64 id, int times = 1, int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([&] { return subscribed.value(id).times >= times; }, timeoutMs);
    }
    bool waitForUnsubscribed(quint64 id, int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([&] { return unsubscribed.contains(id); }, timeoutMs);
    }
    /// The detail of the last state change.
    QString lastDetail() const { return states.isEmpty() ? QString() : states.last().second; }
    QString describeStates() const
    {
        QStringList lines;
        for (const auto& [state, detail] : states)
            lines << bs::client::toString(state) + QStringLiteral(": ") + detail;
        return lines.join(QStringLiteral("; "));
    }

    QList<std::pair<ConnectionState, QString>> states;
    bs::client::MqttMessageBatch messages;
    int batches = 0;
    QHash<quint64, PublishResult> published;
    QHash<quint64, SubscribeResult> subscribed;
    QHash<quint64, QString> unsubscribed;

private:
    bs::client::MqttClient& m_client;
};

} // namespace bs::clienttest
