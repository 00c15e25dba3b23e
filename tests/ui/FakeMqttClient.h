#pragma once
// A test double for bs::client::MqttClient: records every publish() and answers it with
// published() carrying a chosen reason code and error text. Answers are queued (as the
// real client's are), given synchronously from inside publish(), or held until the test
// calls answer() (progress that counts answers, not calls). Subscriptions are granted at
// once (a queued subscribed() with the asked QoS).

#include "client/MqttClient.h"

#include <QList>

namespace bs::test {

class FakeMqttClient : public client::MqttClient
{
    Q_OBJECT
public:
    enum class AnswerMode { Queued, Synchronous, Manual };

    explicit FakeMqttClient(QObject* parent = nullptr);

    void setAnswerMode(AnswerMode mode) { m_mode = mode; }
    /// What every later publish is answered with (default: 0, no error).
    void setAnswer(int reasonCode, const QString& error = {});
    /// Manual mode: answers the oldest unanswered publish; returns false if there is none.
    bool answerNext(int reasonCode = 0, const QString& error = {});
    int unanswered() const { return int(m_unanswered.size()); }

    const QList<client::MqttMessage>& publishedMessages() const { return m_published; }
    const QStringList& subscriptions() const { return m_subscriptions; }
    void setVersion(client::MqttVersion version) { m_profile.version = version; }

    void connectToBroker(const client::ConnectionProfile& profile) override;
    void disconnectFromBroker() override;
    client::ConnectionState state() const override { return m_state; }
    client::ConnectionProfile profile() const override { return m_profile; }
    quint64 subscribe(const QString& filter, client::SubscribeOptions options) override;
    quint64 unsubscribe(const QString& filter) override;
    quint64 publish(const client::MqttMessage& message) override;

signals:
    /// Emitted from publish(), before any answer.
    void publishCalled(quint64 requestId);

private:
    AnswerMode m_mode = AnswerMode::Queued;
    int m_reasonCode = 0;
    QString m_error;
    quint64 m_nextId = 1;
    QList<quint64> m_unanswered;
    QList<client::MqttMessage> m_published;
    QStringList m_subscriptions;
    client::ConnectionProfile m_profile;
    client::ConnectionState m_state = client::ConnectionState::Connected;
};

} // namespace bs::test
