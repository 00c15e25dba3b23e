#include "models/groups/GroupTableModel.h"

#include "models/lag/LagHistory.h"

#include <utility>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

const QString kGroup = u"group"_s;
const QString kKind = u"kind"_s;
const QString kTrend = u"trend"_s;
const QString kLagGrowing = u"lagGrowing"_s;
const QString kSessionKind = u"session"_s;

QList<JsonRowsModel::Column> groupColumns()
{
    using F = JsonRowsModel::Format;
    // In GroupTableModel::Column order.
    return {
        {u"Group"_s, kGroup, F::Text},
        {u"Kind"_s, kKind, F::Text},
        {u"Filter"_s, u"filters"_s, F::TextList},
        {u"Members"_s, u"memberCount"_s, F::Count},
        {u"Lag"_s, u"lag"_s, F::Count},
        {u"Lag (s)"_s, u"lagSeconds"_s, F::Decimal},
        {u"In flight"_s, u"inflight"_s, F::Count},
        {u"Delivered/s"_s, u"deliveredPerSecond"_s, F::Decimal},
        {u"Acknowledged/s"_s, u"acknowledgedPerSecond"_s, F::Decimal},
        {u"Dead letters"_s, u"deadLetters"_s, F::Count},
        {u"Trend"_s, kTrend, F::Text},
    };
}

} // namespace

GroupTableModel::GroupTableModel(LagHistory* history, QObject* parent)
    : JsonRowsModel(groupColumns(), kGroup, parent), m_history(history)
{
    Q_ASSERT(columns().size() == ColumnCount);
    m_flushTimer.setSingleShot(true);
    m_flushTimer.setInterval(kCoalesceIntervalMs);
    connect(&m_flushTimer, &QTimer::timeout, this, &GroupTableModel::flush);
    if (m_history)
        connect(m_history, &LagHistory::changed, this, &GroupTableModel::scheduleFlush);
}

QVariant GroupTableModel::data(const QModelIndex& index, int role) const
{
    switch (role) {
    case GroupNameRole:
        return rowObject(index.row()).value(kGroup).toString();
    case KindRole:
        return rowObject(index.row()).value(kKind).toString();
    case LagGrowingRole:
        return rowObject(index.row()).value(kLagGrowing).toBool();
    case TrendTextRole:
        return rowObject(index.row()).value(kTrend).toString();
    default:
        return JsonRowsModel::data(index, role);
    }
}

void GroupTableModel::setGroups(const QJsonArray& groups)
{
    setRows(groups);
    emit groupsListed();
}

void GroupTableModel::applyStat(const QString& group, const QString& key, double value, bool createIfUnknown)
{
    const QString field = fieldForStat(key);
    if (group.isEmpty() || field.isEmpty())
        return;
    PendingStats& pending = m_pending[group];
    pending.fields.insert(field, value);
    pending.createIfUnknown = pending.createIfUnknown || createIfUnknown;
    scheduleFlush();
}

QString GroupTableModel::fieldForStat(const QString& key)
{
    static const QHash<QString, QString> fields{
        {u"members"_s, u"memberCount"_s},
        {u"lag"_s, u"lag"_s},
        {u"lag-seconds"_s, u"lagSeconds"_s},
        {u"inflight"_s, u"inflight"_s},
        {u"waiting"_s, u"waiting"_s},
        {u"delivered"_s, u"delivered"_s},
        {u"acknowledged"_s, u"acknowledged"_s},
        {u"dead-letters"_s, u"deadLetters"_s},
        {u"delivered-per-second"_s, u"deliveredPerSecond"_s},
        {u"acknowledged-per-second"_s, u"acknowledgedPerSecond"_s},
        {u"topics"_s, u"topicCount"_s},
    };
    return fields.value(key);
}

QString GroupTableModel::keyFor(const QJsonObject& group)
{
    const QString name = group.value(kGroup).toString();
    if (name.isEmpty())
        return {};
    return group.value(kKind).toString() == kSessionKind ? u"session/"_s + name : name;
}

QJsonObject GroupTableModel::prepared(const QJsonObject& row) const
{
    QJsonObject result = row;
    if (row.value(u"members"_s).isArray())
        result.insert(u"memberCount"_s, row.value(u"members"_s).toArray().size());
    if (row.value(u"topics"_s).isArray() && row.value(kKind).toString() != kSessionKind)
        result.insert(u"topicCount"_s, row.value(u"topics"_s).toArray().size());
    const QJsonObject trend = trendFields(result);
    for (auto it = trend.begin(); it != trend.end(); ++it)
        result.insert(it.key(), it.value());
    return result;
}

void GroupTableModel::scheduleFlush()
{
    if (!m_flushTimer.isActive())
        m_flushTimer.start();
}

void GroupTableModel::flush()
{
    QList<int> changed;
    const QHash<QString, PendingStats> pending = std::exchange(m_pending, {});
    for (auto it = pending.begin(); it != pending.end(); ++it) {
        const int row = rowOf(it.key());
        if (row >= 0) {
            if (mergeFields(row, it->fields))
                changed.append(row);
        } else if (it->createIfUnknown) {
            QJsonObject created = it->fields;
            created.insert(kGroup, it.key());
            appendRow(prepared(created));
        }
    }
    for (int row = 0; row < rowCount(); ++row) {
        if (mergeFields(row, trendFields(rowObject(row))))
            changed.append(row);
    }
    emitRowsChanged(changed);
}

QJsonObject GroupTableModel::trendFields(const QJsonObject& row) const
{
    const QString name = row.value(kGroup).toString();
    if (!m_history || row.value(kKind).toString() == kSessionKind || !m_history->contains(name))
        return {{kTrend, QString()}, {kLagGrowing, false}};
    const LagTrend trend = m_history->trend(name);
    return {{kTrend, trend.text()}, {kLagGrowing, trend.state() == LagTrend::State::Growing}};
}

} // namespace bs::models
