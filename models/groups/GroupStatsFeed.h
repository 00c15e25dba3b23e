#pragma once
// Turns the broker's live consumer-group statistics — retained, about once a second per
// group, on $SYS/brokerscope/groups/<group>/<key> with a decimal payload (README:
// consumer groups) — into updates of the GroupTableModel and samples of the LagHistory.
//
// - Every value goes to the table (GroupTableModel::applyStat, which coalesces).
// - When a group's "lag" arrives, the history gets one sample (once per group per tick),
//   timed by the message's arrival, with the newest acknowledged-per-second seen for it
//   (the engine publishes the rate after the lag, so it is the previous tick's).
// - A retained message replayed on subscribe (retain flag set) is a value of unknown age,
//   perhaps of a group deleted since: it updates a group the table knows, but makes no row
//   and no history sample. The subscription must therefore not ask for Retain As
//   Published (live messages then arrive with the flag clear).

#include "client/MqttMessage.h"

#include <QHash>
#include <QObject>

#include <optional>

namespace bs::models {

class GroupTableModel;
class LagHistory;

class GroupStatsFeed : public QObject
{
    Q_OBJECT
public:
    static constexpr QStringView kTopicPrefix = u"$SYS/brokerscope/groups/";
    /// What the console subscribes to (QoS 0, without Retain As Published).
    static constexpr QStringView kSubscriptionFilter = u"$SYS/brokerscope/groups/#";

    GroupStatsFeed(GroupTableModel& groups, LagHistory& history, QObject* parent = nullptr);

    static bool isGroupStatsTopic(const QString& topic);

    struct StatTopic
    {
        QString group;
        QString key;
    };
    /// The group and key of a $SYS/brokerscope/groups/<group>/<key> topic.
    static std::optional<StatTopic> parseTopic(const QString& topic);

public slots:
    /// Takes the group statistics of a batch and ignores the rest.
    void handleMessages(const bs::client::MqttMessageBatch& messages);
    /// Forgets the remembered rates (e.g. on a change of broker).
    void clear() { m_ackRates.clear(); }

private:
    void apply(const client::MqttMessage& message);

    GroupTableModel& m_groups;
    LagHistory& m_history;
    QHash<QString, double> m_ackRates; ///< Newest acknowledged-per-second by group.
};

} // namespace bs::models
