#pragma once
// Building received messages the way the client hands them to the models.

#include "client/MqttMessage.h"

#include <QDateTime>

namespace bs::models::test {

inline client::MqttMessagePtr message(const QString& topic, const QByteArray& payload = QByteArray("x"),
                                      quint8 qos = 0, bool retain = false, QDateTime timestamp = {})
{
    auto m = std::make_shared<client::MqttMessage>();
    m->topic = topic;
    m->payload = payload;
    m->qos = qos;
    m->retain = retain;
    m->timestamp = timestamp.isValid() ? timestamp : QDateTime::currentDateTimeUtc();
    return m;
}

inline client::MqttMessageBatch batchOf(std::initializer_list<client::MqttMessagePtr> messages)
{
    return client::MqttMessageBatch(messages);
}

/// A clock tests move by hand: a lambda over a shared counter (msecs since epoch).
struct ManualClock
{
    std::shared_ptr<qint64> now = std::make_shared<qint64>(1'700'000'000'000);
    std::function<qint64()> function() const
    {
        return [now = now] { return *now; };
    }
    void advance(qint64 msecs) { *now += msecs; }
};

} // namespace bs::models::test
