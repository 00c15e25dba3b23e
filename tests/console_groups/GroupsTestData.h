#pragma once
// listGroups entries and $SYS/brokerscope/groups/... messages as the engine sends them,
// for the Consumer groups page's model and widget tests.

#include "client/MqttMessage.h"

#include <QJsonArray>
#include <QJsonObject>

namespace bs::test {

/// A shared group as listGroups lists it: one topic "jobs", members m1 (connected) and m2.
inline QJsonObject sharedGroup(const QString& name, qint64 lag, const QString& filter = QStringLiteral("jobs"))
{
    using namespace Qt::StringLiterals;
    return {
        {u"group"_s, name},
        {u"kind"_s, u"shared"_s},
        {u"filters"_s, QJsonArray{filter}},
        {u"members"_s, QJsonArray{
             QJsonObject{{u"clientId"_s, u"m1"_s}, {u"connected"_s, true}, {u"address"_s, u"127.0.0.1:5000"_s},
                         {u"inflight"_s, 1}, {u"delivered"_s, 10}, {u"acknowledged"_s, 9}},
             QJsonObject{{u"clientId"_s, u"m2"_s}, {u"connected"_s, false}, {u"address"_s, QString()},
                         {u"inflight"_s, 0}, {u"delivered"_s, 4}, {u"acknowledged"_s, 4}}}},
        {u"lag"_s, lag},
        {u"lagSeconds"_s, 2.5},
        {u"inflight"_s, 1},
        {u"waiting"_s, lag > 0 ? lag - 1 : 0},
        {u"delivered"_s, 14},
        {u"acknowledged"_s, 13},
        {u"deliveredPerSecond"_s, 1.5},
        {u"acknowledgedPerSecond"_s, 1.0},
        {u"deadLetters"_s, 0},
        {u"maxDeliveries"_s, 5},
        {u"maxLag"_s, 0},
        {u"topics"_s, QJsonArray{QJsonObject{{u"topic"_s, u"jobs"_s}, {u"committed"_s, 100}, {u"end"_s, 100 + lag},
                                             {u"lag"_s, lag}, {u"lagSeconds"_s, 2.5}, {u"inflight"_s, 1},
                                             {u"delivered"_s, 14}, {u"acknowledged"_s, 13},
                                             {u"deliveredPerSecond"_s, 1.5}, {u"acknowledgedPerSecond"_s, 1.0}}}},
    };
}

/// A persistent session listed as a group of one.
inline QJsonObject sessionGroup(const QString& clientId, qint64 lag)
{
    using namespace Qt::StringLiterals;
    return {{u"group"_s, clientId},
            {u"kind"_s, u"session"_s},
            {u"filters"_s, QJsonArray{u"sensors/#"_s}},
            {u"members"_s, QJsonArray{QJsonObject{{u"clientId"_s, clientId}, {u"connected"_s, false},
                                                  {u"address"_s, QString()}, {u"inflight"_s, 0}}}},
            {u"lag"_s, lag},
            {u"lagSeconds"_s, 0.0},
            {u"inflight"_s, 0},
            {u"waiting"_s, lag},
            {u"topics"_s, QJsonArray()}};
}

/// $SYS/brokerscope/groups/<group>/<key> with a decimal payload; live unless retained.
inline client::MqttMessagePtr groupStat(const QString& group, const QString& key, double value, qint64 timeMs,
                                        bool retained = false)
{
    auto message = std::make_shared<client::MqttMessage>();
    message->topic = QStringLiteral("$SYS/brokerscope/groups/") + group + u'/' + key;
    message->payload = QByteArray::number(value, 'f', 1);
    message->retain = retained;
    message->timestamp = QDateTime::fromMSecsSinceEpoch(timeMs, Qt::UTC);
    return message;
}

/// One tick of a group's stats as the engine publishes them (lag before the ack rate).
inline client::MqttMessageBatch groupTick(const QString& group, double lag, double ackRate, qint64 timeMs)
{
    using namespace Qt::StringLiterals;
    return {groupStat(group, u"members"_s, 2, timeMs), groupStat(group, u"lag"_s, lag, timeMs),
            groupStat(group, u"lag-seconds"_s, 1.5, timeMs), groupStat(group, u"inflight"_s, 1, timeMs),
            groupStat(group, u"acknowledged-per-second"_s, ackRate, timeMs)};
}

} // namespace bs::test
