#pragma once
// The members of one consumer group (the "members" array of its listGroups entry): client
// id, address (or "not connected"), in flight, delivered and acknowledged. One row per
// client id, kept stable across refreshes (JsonRowsModel).

#include "models/groups/JsonRowsModel.h"

namespace bs::models {

class GroupMembersModel : public JsonRowsModel
{
    Q_OBJECT
public:
    enum Column
    {
        ClientIdColumn,
        AddressColumn,
        InFlightColumn,
        DeliveredColumn,
        AcknowledgedColumn,
        ColumnCount,
    };
    enum Role
    {
        ConnectedRole = FirstSubclassRole, ///< bool
    };

    explicit GroupMembersModel(QObject* parent = nullptr);

    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;

    /// Shows the members of this group (a GroupTableModel row or a listGroups entry);
    /// an empty object shows none.
    void setGroup(const QJsonObject& group) { setRows(group.value(QLatin1String("members")).toArray()); }
};

} // namespace bs::models
