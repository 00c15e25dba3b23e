// BrokerCore: $SYS/broker/... status topics, with Mosquitto's names so that a console
// reading them works the same on both brokers. Published retained, every
// sysIntervalSeconds, and once when the broker starts listening.
// $SYS/brokerscope/groups/<group>/... (README: consumer groups) every groupStatsIntervalMs.

#include "broker/core/BrokerCore.h"
#include "broker/groups/ConsumerGroup.h"

#include <QDateTime>

#include <QCoreApplication>

namespace bs::broker {

void BrokerCore::publishSysTopics()
{
    const BrokerStats s = stats();
    auto put = [this](const QString& topic, const QString& value) {
        auto message = std::make_shared<Message>();
        message->topic = QStringLiteral("$SYS/broker/") + topic;
        message->payload = value.toUtf8();
        message->retain = true;
        publish(message);
    };
    auto number = [&put](const QString& topic, quint64 value) { put(topic, QString::number(value)); };
    put(QStringLiteral("version"), QStringLiteral("brokerscope ") + QStringLiteral(BROKERSCOPE_VERSION));
    put(QStringLiteral("uptime"), QStringLiteral("%1 seconds").arg(s.uptimeSeconds));
    number(QStringLiteral("clients/connected"), s.clientsConnected);
    number(QStringLiteral("clients/active"), s.clientsConnected);
    number(QStringLiteral("clients/disconnected"), s.sessions - std::min(s.sessions, s.clientsConnected));
    number(QStringLiteral("clients/total"), s.sessions);
    number(QStringLiteral("clients/maximum"), s.clientsMaximum);
    number(QStringLiteral("subscriptions/count"), s.subscriptions);
    number(QStringLiteral("retained messages/count"), s.retainedMessages);
    number(QStringLiteral("store/messages/count"), s.queuedMessages);
    number(QStringLiteral("messages/received"), s.packetsReceived);
    number(QStringLiteral("messages/sent"), s.packetsSent);
    number(QStringLiteral("publish/messages/received"), s.messagesReceived);
    number(QStringLiteral("publish/messages/sent"), s.messagesSent);
    number(QStringLiteral("publish/messages/dropped"), s.messagesDropped);
    number(QStringLiteral("bytes/received"), s.bytesReceived);
    number(QStringLiteral("bytes/sent"), s.bytesSent);
}

double BrokerCore::oldestUnacknowledgedAgeSeconds(const ConsumerGroup& group, const QString& onlyTopic) const
{
    // The age of the oldest message the group still owes (the one at a committed offset;
    // one read per topic behind, not a scan).
    qint64 oldestArrival = 0;
    for (const QString& topic : onlyTopic.isEmpty() ? group.topics() : QStringList{onlyTopic}) {
        const TopicCursor* cursor = group.cursor(topic);
        if (!m_store || !cursor || cursor->lag() == 0)
            continue;
        const storage::LogPage page = m_store->read(topic, cursor->committed(), 1);
        if (!page.records.isEmpty() && (oldestArrival == 0 || page.records.first().arrivalMs < oldestArrival))
            oldestArrival = page.records.first().arrivalMs;
    }
    if (oldestArrival == 0)
        return 0.0;
    return double(std::max<qint64>(0, QDateTime::currentMSecsSinceEpoch() - oldestArrival)) / 1000.0;
}

void BrokerCore::publishGroupStats()
{
    const qint64 now = nowMs();
    for (const auto& [name, group] : m_groups) {
        const GroupTotals totals = group->totals();
        GroupRateSample& sample = m_groupRates[name];
        const double seconds = sample.atMs > 0 ? double(now - sample.atMs) / 1000.0 : 0.0;
        sample.total.update(totals.delivered, totals.acknowledged, seconds);
        for (const QString& topic : group->topics()) {
            const MemberCounters counters = group->topicCounters(topic);
            sample.topics[topic].update(counters.delivered, counters.acknowledged, seconds);
        }
        sample.atMs = now;
        const QString prefix = QStringLiteral("$SYS/brokerscope/groups/") + name + u'/';
        auto put = [&](const char* key, const QString& value) {
            auto message = std::make_shared<Message>();
            message->topic = prefix + QLatin1String(key);
            message->payload = value.toUtf8();
            message->retain = true;
            publish(message);
        };
        put("members", QString::number(group->members().size()));
        put("lag", QString::number(totals.lag));
        put("lag-seconds", QString::number(oldestUnacknowledgedAgeSeconds(*group), 'f', 1));
        put("inflight", QString::number(totals.inFlight));
        put("waiting", QString::number(totals.waiting));
        put("delivered", QString::number(totals.delivered));
        put("acknowledged", QString::number(totals.acknowledged));
        put("dead-letters", QString::number(totals.deadLettered));
        put("delivered-per-second", QString::number(sample.total.deliveredPerSecond, 'f', 1));
        put("acknowledged-per-second", QString::number(sample.total.acknowledgedPerSecond, 'f', 1));
        put("topics", QString::number(group->topics().size()));
    }
}

} // namespace bs::broker
