#include "models/groups/GroupTopicsModel.h"

using namespace Qt::StringLiterals;

namespace bs::models {

GroupTopicsModel::GroupTopicsModel(QObject* parent)
    : JsonRowsModel({{u"Topic"_s, u"topic"_s, Format::Text},
                     {u"Committed offset"_s, u"committed"_s, Format::Count},
                     {u"Log end"_s, u"end"_s, Format::Count},
                     {u"Lag"_s, u"lag"_s, Format::Count},
                     {u"Lag (s)"_s, u"lagSeconds"_s, Format::Decimal},
                     {u"In flight"_s, u"inflight"_s, Format::Count}},
                    u"topic"_s, parent)
{
}

QStringList GroupTopicsModel::topics() const
{
    QStringList result;
    for (int row = 0; row < rowCount(); ++row)
        result.append(keyAt(row));
    return result;
}

} // namespace bs::models
