#include "models/groups/GroupMembersModel.h"

using namespace Qt::StringLiterals;

namespace bs::models {

GroupMembersModel::GroupMembersModel(QObject* parent)
    : JsonRowsModel({{u"Client id"_s, u"clientId"_s, Format::Text},
                     {u"Address"_s, u"address"_s, Format::Text},
                     {u"In flight"_s, u"inflight"_s, Format::Count},
                     {u"Delivered"_s, u"delivered"_s, Format::Count},
                     {u"Acknowledged"_s, u"acknowledged"_s, Format::Count}},
                    u"clientId"_s, parent)
{
}

QVariant GroupMembersModel::data(const QModelIndex& index, int role) const
{
    const bool connected = rowObject(index.row()).value(u"connected"_s).toBool(true);
    if (role == ConnectedRole)
        return connected;
    if (index.column() == AddressColumn && !connected && (role == Qt::DisplayRole || role == SortRole))
        return u"not connected"_s;
    return JsonRowsModel::data(index, role);
}

} // namespace bs::models
