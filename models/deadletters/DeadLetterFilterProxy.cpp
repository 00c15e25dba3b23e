#include "models/deadletters/DeadLetterFilterProxy.h"

#include "models/deadletters/DeadLetterModel.h"

#include <algorithm>

namespace bs::models {

DeadLetterFilterProxy::DeadLetterFilterProxy(QObject* parent) : QSortFilterProxyModel(parent)
{
    setSortRole(DeadLetterModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
    setDynamicSortFilter(true);
}

void DeadLetterFilterProxy::setSourceModel(QAbstractItemModel* sourceModel)
{
    m_letters = qobject_cast<const DeadLetterModel*>(sourceModel);
    QSortFilterProxyModel::setSourceModel(sourceModel);
}

void DeadLetterFilterProxy::setFilter(const DeadLetterFilter& filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    invalidateFilter();
    emit filterChanged(m_filter);
}

QStringList DeadLetterFilterProxy::visibleIds() const
{
    QStringList ids;
    ids.reserve(rowCount());
    for (int row = 0; row < rowCount(); ++row)
        ids.append(index(row, 0).data(DeadLetterModel::LetterIdRole).toString());
    return ids;
}

QStringList DeadLetterFilterProxy::idsOfRows(const QModelIndexList& proxyIndexes) const
{
    QList<int> rows;
    for (const QModelIndex& index : proxyIndexes)
        rows.append(index.row());
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    QStringList ids;
    for (int row : std::as_const(rows))
        ids.append(index(row, 0).data(DeadLetterModel::LetterIdRole).toString());
    return ids;
}

bool DeadLetterFilterProxy::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid() || !m_letters)
        return false;
    if (m_filter.isEmpty())
        return true;
    const DeadLetter* letter = m_letters->letterAt(sourceRow);
    return letter && m_filter.matches(*letter);
}

} // namespace bs::models
