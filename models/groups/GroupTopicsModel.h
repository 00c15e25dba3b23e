#pragma once
// Where one consumer group stands in each topic it reads (the "topics" array of its
// listGroups entry): committed offset, log end, lag, lag in seconds and in flight.
// One row per topic, kept stable across refreshes (JsonRowsModel). A persistent session
// listed as a group has no topics.

#include "models/groups/JsonRowsModel.h"

namespace bs::models {

class GroupTopicsModel : public JsonRowsModel
{
    Q_OBJECT
public:
    enum Column
    {
        TopicColumn,
        CommittedColumn,
        EndColumn,
        LagColumn,
        LagSecondsColumn,
        InFlightColumn,
        ColumnCount,
    };

    explicit GroupTopicsModel(QObject* parent = nullptr);

    /// Shows the topics of this group (a GroupTableModel row or a listGroups entry).
    void setGroup(const QJsonObject& group) { setRows(group.value(QLatin1String("topics")).toArray()); }
    /// The topics shown, in row order.
    QStringList topics() const;
};

} // namespace bs::models
