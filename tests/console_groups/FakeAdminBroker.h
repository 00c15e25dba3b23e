#pragma once
// The broker's side of the admin API for widget tests: reads the requests an AdminClient
// published through a FakeMqttClient and answers them by handing the AdminClient a reply
// message (correlation data = the request id, payload {"command", "result"|"error"}).

#include "FakeMqttClient.h"
#include "client/AdminClient.h"

#include <QJsonDocument>
#include <QJsonObject>

#include <optional>

namespace bs::test {

class FakeAdminBroker
{
public:
    struct Request
    {
        quint64 id = 0;
        QJsonObject body;
    };

    FakeAdminBroker(FakeMqttClient& client, client::AdminClient& admin) : m_client(client), m_admin(admin) {}

    /// Every request with this command, oldest first.
    QList<Request> requests(const QString& command) const
    {
        QList<Request> found;
        for (const client::MqttMessage& message : m_client.publishedMessages()) {
            if (message.topic != client::AdminClient::kRequestTopic)
                continue;
            const QJsonObject body = QJsonDocument::fromJson(message.payload).object();
            if (body.value(QLatin1String("command")).toString() == command)
                found.append({message.properties.correlationData.toULongLong(), body});
        }
        return found;
    }
    int count(const QString& command) const { return int(requests(command).size()); }
    std::optional<Request> last(const QString& command) const
    {
        const QList<Request> found = requests(command);
        return found.isEmpty() ? std::nullopt : std::optional<Request>(found.last());
    }

    void answer(const Request& request, const QJsonObject& result)
    {
        reply(request, {{QStringLiteral("result"), result}});
    }
    void fail(const Request& request, const QString& code, const QString& message)
    {
        reply(request, {{QStringLiteral("error"),
                         QJsonObject{{QStringLiteral("code"), code}, {QStringLiteral("message"), message}}}});
    }

private:
    void reply(const Request& request, QJsonObject body)
    {
        body.insert(QStringLiteral("command"), request.body.value(QLatin1String("command")));
        auto message = std::make_shared<client::MqttMessage>();
        message->topic = m_admin.replyTopic();
        message->properties.correlationData = QByteArray::number(request.id);
        message->payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        m_admin.handleMessages({message});
    }

    FakeMqttClient& m_client;
    client::AdminClient& m_admin;
};

} // namespace bs::test
