#pragma once
// The consumer groups of a broker, one row per group, as the Consumer groups page lists
// them. Two sources feed it:
// - listGroups answers (setGroups): every field of every group, rows kept stable (insert /
//   remove / dataChanged, never a reset for an update); groups missing from an answer go.
// - the live $SYS/brokerscope/groups/<group>/<key> statistics (applyStat, through
//   GroupStatsFeed), about once a second per key and group: they are merged into the
//   group's row (lag -> "lag", lag-seconds -> "lagSeconds", ...) at most once every
//   kCoalesceIntervalMs, in one pass of dataChanged signals (one per run of changed rows).
//
// Each row is the group's JSON object as listGroups gives it, plus fields this model
// derives: "memberCount", "topicCount", and from the group's LagHistory trend "trend"
// (the words) and "lagGrowing" (state Growing). Trends are re-read in each pass, which
// also runs when the history says it changed.
//
// Row keys: a group's name; a persistent session listed as a group of one ("kind":
// "session") is keyed "session/<client id>", since a client id may equal a group name
// (a group name has no '/'). Live statistics exist for shared and durable groups only.

#include "models/groups/JsonRowsModel.h"

#include <QPointer>
#include <QTimer>

namespace bs::models {

class LagHistory;

class GroupTableModel : public JsonRowsModel
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        KindColumn,
        FilterColumn,
        MembersColumn,
        LagColumn,
        LagSecondsColumn,
        InFlightColumn,
        DeliveredRateColumn,
        AcknowledgedRateColumn,
        DeadLettersColumn,
        TrendColumn,
        ColumnCount,
    };
    enum Role
    {
        GroupNameRole = FirstSubclassRole, ///< QString
        KindRole,                          ///< QString: shared, durable, session
        LagGrowingRole,                    ///< bool: the lag trend is Growing
        TrendTextRole,                     ///< QString: the trend in words (empty: no data)
    };

    static constexpr int kCoalesceIntervalMs = 250;

    /// history: where trends are read (may be null: no trends).
    explicit GroupTableModel(LagHistory* history = nullptr, QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    /// A listGroups answer's "groups" array.
    void setGroups(const QJsonArray& groups);
    /// One live statistic of a shared or durable group (key as in the $SYS topic: lag,
    /// lag-seconds, members, ...), applied at the next coalesced pass. An unknown group
    /// gets a row only when createIfUnknown (a live value, not a retained replay of a
    /// group that may be gone). Unknown keys are ignored.
    void applyStat(const QString& group, const QString& key, double value, bool createIfUnknown);

    /// The row of a shared or durable group by name; -1 when there is none.
    int rowOfGroup(const QString& name) const { return rowOf(name); }
    /// The group's object (listGroups fields, live values, derived fields); empty if unknown.
    QJsonObject group(const QString& key) const { return rowObject(rowOf(key)); }
    /// The JSON field a $SYS statistic key updates; empty for an unknown key.
    static QString fieldForStat(const QString& key);
    static QString keyFor(const QJsonObject& group);

signals:
    /// After setGroups() applied an answer (details views refresh from it).
    void groupsListed();

protected:
    QString rowKey(const QJsonObject& row) const override { return keyFor(row); }
    QJsonObject prepared(const QJsonObject& row) const override;

private:
    struct PendingStats
    {
        QJsonObject fields;
        bool createIfUnknown = false;
    };
    void scheduleFlush();
    void flush();
    QJsonObject trendFields(const QJsonObject& row) const;

    QPointer<LagHistory> m_history;
    QHash<QString, PendingStats> m_pending; ///< By group name.
    QTimer m_flushTimer;
};

} // namespace bs::models
