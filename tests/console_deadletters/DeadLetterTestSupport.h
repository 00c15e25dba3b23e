#pragma once
// Shared by the dead-letter console tests: letters as the engine lists them (JSON), a
// listing answer with its counts, dead-letter messages as a generic broker delivers them,
// and AdminHarness — a FakeMqttClient under an AdminClient, where the test plays the
// engine: it reads the requests the client published and answers them by request id.

#include "FakeMqttClient.h"
#include "client/AdminClient.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

namespace bs::test {

using namespace Qt::StringLiterals;

/// A letter of listDeadLetters ("payload": "preview"): id $DLQ/<group>/<topic>#<offset>.
inline QJsonObject letterJson(const QString& group, const QString& topic, qint64 offset,
                              const QString& reason = u"rejected"_s, const QString& preview = u"order"_s,
                              qint64 timeMs = 1'700'000'000'000)
{
    const QString dlqTopic = u"$DLQ/"_s + group + u'/' + topic;
    return {{u"id"_s, QString(dlqTopic + u'#' + QString::number(offset))},
            {u"topic"_s, dlqTopic},
            {u"offset"_s, offset},
            {u"time"_s, timeMs + offset},
            {u"group"_s, group},
            {u"originalTopic"_s, topic},
            {u"originalOffset"_s, 40 + offset},
            {u"reason"_s, reason},
            {u"member"_s, u"payment-1"_s},
            {u"deliveryCount"_s, 1},
            {u"replayCount"_s, 0},
            {u"firstDeath"_s, u"2023-11-14T22:13:20Z"_s},
            {u"lastDeath"_s, u"2023-11-14T22:13:20Z"_s},
            {u"size"_s, qint64(preview.size())},
            {u"replayed"_s, false},
            {u"qos"_s, 1},
            {u"binary"_s, false},
            {u"preview"_s, preview}};
}

inline QJsonObject replayedJson(QJsonObject letter, int replays, const QString& target = u"group"_s)
{
    letter[u"replayed"_s] = true;
    letter[u"replays"_s] = replays;
    letter[u"replayCount"_s] = replays;
    letter[u"lastReplay"_s] = qint64(1'700'000'100'000);
    letter[u"lastReplayTarget"_s] = target;
    return letter;
}

/// A listDeadLetters result with total, replayed, byReason, byGroup, byTopic counted.
inline QJsonObject listingJson(const QList<QJsonObject>& letters, const QString& next = {})
{
    QJsonArray array;
    QJsonObject byReason, byGroup, byTopic;
    int replayed = 0;
    auto bump = [](QJsonObject& counts, const QString& key) { counts[key] = counts.value(key).toInt() + 1; };
    for (const QJsonObject& letter : letters) {
        array.append(letter);
        bump(byReason, letter[u"reason"_s].toString());
        bump(byGroup, letter[u"group"_s].toString());
        bump(byTopic, letter[u"originalTopic"_s].toString());
        replayed += letter[u"replayed"_s].toBool() ? 1 : 0;
    }
    QJsonObject result{{u"letters"_s, array}, {u"total"_s, qint64(letters.size())}, {u"replayed"_s, replayed},
                       {u"byReason"_s, byReason}, {u"byGroup"_s, byGroup}, {u"byTopic"_s, byTopic}};
    if (!next.isEmpty())
        result[u"next"_s] = next;
    return result;
}

/// A message as a generic broker delivers it, with user properties.
inline client::MqttMessagePtr deadLetterMessage(const QString& topic, const QByteArray& payload,
                                                const QList<client::UserProperty>& properties = {})
{
    auto message = std::make_shared<client::MqttMessage>();
    message->topic = topic;
    message->payload = payload;
    message->qos = 1;
    message->properties.userProperties = properties;
    message->timestamp = QDateTime::currentDateTimeUtc();
    return message;
}

struct AdminRequest
{
    quint64 id = 0;
    QString command;
    QJsonObject body;
};

/// The engine's side of the admin API, played by the test over a FakeMqttClient.
class AdminHarness
{
public:
    FakeMqttClient client;
    client::AdminClient admin{client};

    /// The probe is answered: Available (our engine), or with engine = false refused:
    /// Unavailable (convention mode).
    void answerProbe(bool engine = true)
    {
        // The fake grants the reply subscription (queued); the probe follows its SUBACK.
        QTRY_VERIFY(last(u"stats"_s).id != 0);
        const AdminRequest probe = last(u"stats"_s);
        if (engine)
            answer(probe, QJsonObject{{u"clientsConnected"_s, 1}});
        else
            fail(probe, u"forbidden"_s, u"no admin API here"_s);
    }

    QList<AdminRequest> requests(const QString& command = {}) const
    {
        QList<AdminRequest> found;
        for (const client::MqttMessage& message : client.publishedMessages()) {
            if (message.topic != client::AdminClient::kRequestTopic)
                continue;
            const QJsonObject body = QJsonDocument::fromJson(message.payload).object();
            if (command.isEmpty() || body[u"command"_s].toString() == command)
                found.append({message.properties.correlationData.toULongLong(), body[u"command"_s].toString(), body});
        }
        return found;
    }
    AdminRequest last(const QString& command) const
    {
        const QList<AdminRequest> found = requests(command);
        return found.isEmpty() ? AdminRequest{} : found.last();
    }
    qsizetype count(const QString& command) const { return requests(command).size(); }

    void answer(const AdminRequest& request, const QJsonObject& result)
    {
        reply(request, {{u"command"_s, request.command}, {u"result"_s, result}});
    }
    void fail(const AdminRequest& request, const QString& code, const QString& message)
    {
        reply(request, {{u"command"_s, request.command},
                        {u"error"_s, QJsonObject{{u"code"_s, code}, {u"message"_s, message}}}});
    }
    /// Answers a replayDeadLetters request as if every id was replayed.
    void answerReplay(const AdminRequest& request)
    {
        const QJsonArray ids = request.body[u"ids"_s].toArray();
        const bool dryRun = request.body[u"dryRun"_s].toBool();
        answer(request, {{u"requestId"_s, request.body[u"requestId"_s]}, {u"dryRun"_s, dryRun},
                         {u"matched"_s, ids.size()}, {u"replayed"_s, ids.size()}, {u"skippedLoopGuard"_s, 0},
                         {u"skippedAlreadyReplayed"_s, 0}, {u"failed"_s, 0}, {u"failures"_s, QJsonArray()},
                         {u"ids"_s, dryRun ? QJsonArray() : ids}});
    }

private:
    void reply(const AdminRequest& request, const QJsonObject& body)
    {
        auto message = std::make_shared<client::MqttMessage>();
        message->topic = admin.replyTopic();
        message->payload = QJsonDocument(body).toJson(QJsonDocument::Compact);
        message->properties.correlationData = QByteArray::number(request.id);
        admin.handleMessages({message});
    }
};

} // namespace bs::test
