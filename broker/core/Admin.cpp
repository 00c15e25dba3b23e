// BrokerCore: the admin API (issue 5) — MQTT 5 request/response with JSON bodies, in the
// spirit of Mosquitto's $CONTROL/dynamic-security/v1. A client publishes
//   {"command": "<name>", ...}
// to $CONTROL/brokerscope/v1 with a Response Topic (and usually Correlation Data); the
// broker answers on the response topic with the same correlation data:
//   {"command": "<name>", "result": {...}}   or   {"command": ..., "error": {"code", "message"}}
// Requests are neither stored nor routed. Only clients allowed by admin_access (default:
// loopback addresses) may use it. A malformed request gets an error, never harms the broker.
// Commands (README: admin API): stats, listTopics, browseTopic; listGroups, createGroup,
// configureGroup, deleteGroup, seekGroup (GroupAdmin.cpp); listDeadLetters,
// replayDeadLetters, purgeDeadLetters (DeadLetters.cpp).

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/core/AdminJson.h"
#include "broker/core/JsonWriter.h"
#include "broker/groups/ConsumerGroup.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {

using AdminError = BrokerCore::AdminErrorText;

} // namespace

QByteArray BrokerCore::listTopicsJson(const QJsonObject& request) const
{
    // Optional: only topics under a prefix, and pages of 'limit' after the topic 'after'.
    const QString prefix = request.value(u"prefix"_s).toString();
    const QString after = request.value(u"after"_s).toString();
    const qsizetype limit = request.value(u"limit"_s).toInteger(0) > 0 ? request.value(u"limit"_s).toInteger() : -1;
    QList<storage::TopicSummary> topics = m_store->topics();
    std::sort(topics.begin(), topics.end(), [](const auto& a, const auto& b) { return a.topic < b.topic; });
    JsonWriter json;
    json.beginObject().key("topics"_L1).beginArray();
    qsizetype listed = 0;
    QString last;
    bool more = false;
    for (const storage::TopicSummary& t : std::as_const(topics)) {
        if ((!prefix.isEmpty() && !t.topic.startsWith(prefix)) || (!after.isEmpty() && t.topic <= after))
            continue;
        if (limit >= 0 && listed == limit) {
            more = true;
            break;
        }
        json.beginObject()
            .key("topic"_L1).value(t.topic)
            .key("startOffset"_L1).value(qint64(t.startOffset))
            .key("endOffset"_L1).value(qint64(t.endOffset))
            .key("messages"_L1).value(qint64(t.messageCount()))
            .key("bytes"_L1).value(t.bytes)
            .key("lastArrival"_L1).value(t.lastArrivalMs)
            .key("retained"_L1).value(m_retained.contains(t.topic))
            .endObject();
        ++listed;
        last = t.topic;
    }
    json.endArray().key("count"_L1).value(qint64(listed));
    if (more)
        json.key("next"_L1).value(last); // the 'after' of the next page
    json.endObject();
    return json.take();
}

bool BrokerCore::adminAllowed(const ClientConnection& client) const
{
    switch (m_config.adminAccess) {
    case AdminAccess::None:
        return false;
    case AdminAccess::All:
        return true;
    case AdminAccess::Loopback:
        break;
    }
    const QString peer = client.peerAddress();
    return QHostAddress(peer.left(peer.lastIndexOf(u':'))).isLoopback();
}

void BrokerCore::handleAdminRequest(ClientConnection& client, const mqtt::PublishPacket& packet)
{
    QJsonObject response;
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(packet.payload, &parseError);
    const QJsonObject request = document.object();
    const QString command = request.value(u"command"_s).toString();
    response.insert(u"command"_s, command);
    AdminError error;
    QJsonObject result;
    QByteArray rawResult; // big answers are written directly (JsonWriter)
    if (!adminAllowed(client)) {
        error = {u"forbidden"_s, u"this client may not use the admin API (admin_access)"_s};
    } else if (parseError.error != QJsonParseError::NoError || !document.isObject()) {
        error = {u"bad-request"_s, u"the request is not a JSON object"_s};
    } else if (command == u"stats") {
        const BrokerStats s = stats();
        result = {{u"clientsConnected"_s, qint64(s.clientsConnected)},
                  {u"sessions"_s, qint64(s.sessions)},
                  {u"subscriptions"_s, qint64(s.subscriptions)},
                  {u"retainedMessages"_s, qint64(s.retainedMessages)},
                  {u"messagesReceived"_s, qint64(s.messagesReceived)},
                  {u"messagesSent"_s, qint64(s.messagesSent)},
                  {u"uptimeSeconds"_s, s.uptimeSeconds},
                  {u"storedBytes"_s, m_store ? m_store->totalBytes() : 0},
                  {u"groups"_s, qint64(m_groups.size())}};
    } else if (!m_store) {
        error = {u"unavailable"_s, u"the broker runs without a data directory: no logs, no groups"_s};
    } else if (command == u"listTopics") {
        rawResult = listTopicsJson(request);
    } else if (command == u"browseTopic") {
        const QString topic = request.value(u"topic"_s).toString();
        const auto summary = m_store->topic(topic);
        QString fieldError;
        const auto fromOffset = integerField(request, u"fromOffset"_s, &fieldError);
        const auto fromTime = integerField(request, u"fromTime"_s, &fieldError);
        const auto limit = integerField(request, u"limit"_s, &fieldError);
        if (!fieldError.isEmpty()) {
            error = {u"bad-request"_s, fieldError};
        } else if (!summary) {
            error = {u"not-found"_s, u"no topic '%1' in the logs"_s.arg(topic)};
        } else {
            quint64 from = fromOffset ? quint64(*fromOffset) : summary->startOffset;
            if (fromTime)
                from = m_store->findOffsetForTime(topic, *fromTime).value_or(summary->endOffset);
            const int max = int(std::clamp<qint64>(limit.value_or(100), 1, 1000));
            const storage::LogPage page = m_store->read(topic, from, max);
            QJsonArray messages;
            for (const storage::LogRecord& record : page.records)
                messages.append(recordJson(record));
            result = {{u"topic"_s, topic},
                      {u"messages"_s, messages},
                      {u"nextOffset"_s, qint64(page.nextOffset)},
                      {u"endOffset"_s, qint64(summary->endOffset)}};
            if (!page.error.isEmpty())
                result.insert(u"warning"_s, page.error);
        }
    } else if (command == u"listGroups") {
        QJsonArray list;
        for (const auto& [name, group] : m_groups)
            list.append(groupJson(*group));
        if (request.value(u"sessions"_s).toBool(true)) {
            for (const QJsonValue& session : sessionGroupsJson())
                list.append(session);
        }
        result.insert(u"groups"_s, list);
    } else if (command == u"createGroup") {
        error = createGroup(request, &result);
    } else if (command == u"configureGroup") {
        error = configureGroup(request, &result);
    } else if (command == u"deleteGroup") {
        error = deleteGroup(request, &result);
    } else if (command == u"seekGroup") {
        error = seekGroup(request, &result);
    } else if (command == u"listDeadLetters") {
        error = listDeadLetters(request, &result);
    } else if (command == u"replayDeadLetters") {
        error = replayDeadLetters(request, &result);
    } else if (command == u"purgeDeadLetters") {
        error = purgeDeadLetters(request, &result);
    } else {
        error = {u"unknown-command"_s, u"unknown command '%1'"_s.arg(command)};
    }
    if (error.code.isEmpty() && rawResult.isEmpty())
        response.insert(u"result"_s, result);
    else if (!error.code.isEmpty())
        response.insert(u"error"_s, QJsonObject{{u"code"_s, error.code}, {u"message"_s, error.message}});

    if (!packet.properties.responseTopic)
        return; // nowhere to answer (§4.10): the request was still carried out
    auto answer = std::make_shared<Message>();
    answer->topic = *packet.properties.responseTopic;
    if (rawResult.isEmpty() || !error.code.isEmpty())
        answer->payload = QJsonDocument(response).toJson(QJsonDocument::Compact);
    else
        answer->payload = JsonWriter().beginObject().key("command"_L1).value(command).key("result"_L1).raw(rawResult).endObject().take();
    answer->qos = 1;
    answer->properties.correlationData = packet.properties.correlationData;
    answer->properties.contentType = u"application/json"_s;
    answer->arrivalMs = QDateTime::currentMSecsSinceEpoch();
    // Not stored: answers are not part of any topic's history. Sent after the pending
    // acknowledgements (the request's PUBACK first).
    QMetaObject::invokeMethod(this, [this, answer] { publish(answer); }, Qt::QueuedConnection);
}

} // namespace bs::broker
