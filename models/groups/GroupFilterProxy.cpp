#include "models/groups/GroupFilterProxy.h"

#include "models/groups/JsonRowsModel.h"

#include <QJsonArray>
#include <QJsonObject>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::models {

GroupFilterProxy::GroupFilterProxy(QObject* parent)
    : QSortFilterProxyModel(parent)
{
    setSortRole(JsonRowsModel::SortRole);
    setDynamicSortFilter(true);
}

void GroupFilterProxy::setFilterText(const QString& text)
{
    if (text == m_text)
        return;
    m_text = text;
    m_needle = text.trimmed();
    invalidateRowsFilter();
}

bool GroupFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (m_needle.isEmpty())
        return true;
    const QJsonObject group = sourceModel()->index(sourceRow, 0, sourceParent).data(JsonRowsModel::RowObjectRole).toJsonObject();
    if (group.value(u"group"_s).toString().contains(m_needle, Qt::CaseInsensitive))
        return true;
    const QJsonArray filters = group.value(u"filters"_s).toArray();
    return std::any_of(filters.begin(), filters.end(), [this](const QJsonValue& filter) {
        return filter.toString().contains(m_needle, Qt::CaseInsensitive);
    });
}

bool GroupFilterProxy::lessThan(const QModelIndex& left, const QModelIndex& right) const
{
    const QVariant a = left.data(sortRole());
    const QVariant b = right.data(sortRole());
    if (a.typeId() == QMetaType::Double && b.typeId() == QMetaType::Double)
        return a.toDouble() < b.toDouble();
    return QString::compare(a.toString(), b.toString(), Qt::CaseInsensitive) < 0;
}

} // namespace bs::models
