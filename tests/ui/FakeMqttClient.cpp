#include "FakeMqttClient.h"

#include <QTimer>

namespace bs::test {

FakeMqttClient::FakeMqttClient(QObject* parent)
    : client::MqttClient(parent)
{
}

void FakeMqttClient::setAnswer(int reasonCode, const QString& error)
{
    m_reasonCode = reasonCode;
    m_error = error;
}

bool FakeMqttClient::answerNext(int reasonCode, const QString& error)
{
    if (m_unanswered.isEmpty())
        return false;
    emit published(m_unanswered.takeFirst(), reasonCode, error);
    return true;
}

void FakeMqttClient::connectToBroker(const client::ConnectionProfile& profile)
{
    m_profile = profile;
    m_state = client::ConnectionState::Connected;
    emit stateChanged(m_state, {});
}

void FakeMqttClient::disconnectFromBroker()
{
    m_state = client::ConnectionState::Disconnected;
    emit stateChanged(m_state, {});
}

quint64 FakeMqttClient::subscribe(const QString& filter, client::SubscribeOptions options)
{
    // Granted at once (queued, as the real client answers): the SUBACK carries the QoS.
    const quint64 id = m_nextId++;
    m_subscriptions.append(filter);
    QMetaObject::invokeMethod(this, [this, id, options] {
        emit subscribed(id, {int(options.qos)}, QString());
    }, Qt::QueuedConnection);
    return id;
}

quint64 FakeMqttClient::unsubscribe(const QString&)
{
    return m_nextId++;
}

quint64 FakeMqttClient::publish(const client::MqttMessage& message)
{
    const quint64 id = m_nextId++;
    m_published.append(message);
    emit publishCalled(id);
    switch (m_mode) {
    case AnswerMode::Synchronous:
        emit published(id, m_reasonCode, m_error);
        break;
    case AnswerMode::Queued:
        QTimer::singleShot(0, this, [this, id, code = m_reasonCode, error = m_error] {
            emit published(id, code, error);
        });
        break;
    case AnswerMode::Manual:
        m_unanswered.append(id);
        break;
    }
    return id;
}

} // namespace bs::test
