#pragma once
// Filtering and sorting of the dead-letter table: a DeadLetterFilter (group, reason, an
// MQTT filter on the original topic, text — the engine's selection, so the rows shown are
// the letters "… all matching" acts on) and sorting by each column's raw value
// (DeadLetterModel::SortRole: time in ms, counts as numbers). Newest first is the view's
// default (sort by TimeColumn, descending).

#include "models/deadletters/DeadLetterFilter.h"

#include <QSortFilterProxyModel>

namespace bs::models {

class DeadLetterModel;

class DeadLetterFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DeadLetterFilterProxy(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* sourceModel) override;

    const DeadLetterFilter& filter() const { return m_filter; }
    void setFilter(const DeadLetterFilter& filter);

    /// The letter ids of the rows shown, in view order.
    QStringList visibleIds() const;
    /// The letter ids of the given proxy rows (any column), each once, in view order.
    QStringList idsOfRows(const QModelIndexList& proxyIndexes) const;

signals:
    void filterChanged(const bs::models::DeadLetterFilter& filter);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    const DeadLetterModel* m_letters = nullptr;
    DeadLetterFilter m_filter;
};

} // namespace bs::models
