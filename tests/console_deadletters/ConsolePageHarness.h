#pragma once
// The console's side of the end-to-end dead-letter tests, wired the way the console
// session wires it: one PahoMqttClient, an AdminClient on it, the DeadLetterModel and the
// DeadLettersPage; every received batch goes to the AdminClient (answers) and to the model
// (dead letters). Plus connecting a PahoMqttClient and waiting for a subscription.

#include "client/AdminClient.h"
#include "client/PahoMqttClient.h"
#include "models/deadletters/DeadLetterModel.h"
#include "ui/deadletters/DeadLettersPage.h"

#include <QSignalSpy>
#include <QTest>

namespace bs::test {

inline bool connectClient(client::PahoMqttClient& client, quint16 port, const QString& clientId)
{
    client::ConnectionProfile profile;
    profile.host = QStringLiteral("127.0.0.1");
    profile.port = port;
    profile.clientId = clientId;
    profile.version = client::MqttVersion::V5;
    client.connectToBroker(profile);
    return QTest::qWaitFor([&] { return client.state() == client::ConnectionState::Connected; }, 15000);
}

inline bool subscribeAndWait(client::PahoMqttClient& client, const QString& filter, quint8 qos = 1)
{
    QSignalSpy subscribed(&client, &client::MqttClient::subscribed);
    const quint64 id = client.subscribe(filter, client::SubscribeOptions(qos));
    return QTest::qWaitFor([&] {
        for (const QList<QVariant>& answer : std::as_const(subscribed)) {
            if (answer.at(0).toULongLong() == id)
                return answer.at(2).toString().isEmpty();
        }
        return false;
    }, 10000);
}

struct ConsolePageHarness
{
    client::PahoMqttClient client;
    client::AdminClient admin{client};
    models::DeadLetterModel letters;
    ui::DeadLettersPage page{admin, client, letters};

    ConsolePageHarness()
    {
        QObject::connect(&client, &client::MqttClient::messagesReceived, &page,
                         [this](const client::MqttMessageBatch& batch) {
                             admin.handleMessages(batch);
                             letters.ingest(batch);
                         });
        page.resize(1200, 800);
        page.show();
    }
    bool showActive()
    {
        if (!QTest::qWaitForWindowExposed(&page))
            return false;
        page.activateWindow();
        return QTest::qWaitForWindowActive(&page);
    }
};

} // namespace bs::test
