#include "models/payload/DiffContextFilter.h"

#include "models/payload/LineDiff.h"
#include "models/payload/LineDiffModel.h"

namespace bs::models {

DiffContextFilter::DiffContextFilter(QObject* parent)
    : QSortFilterProxyModel(parent)
{
}

void DiffContextFilter::setSourceModel(QAbstractItemModel* model)
{
    disconnect(m_resetConnection);
    // Connected before the base class connects its own handlers, so the keep-list is
    // ready when the proxy rebuilds its mapping after a reset.
    if (model)
        m_resetConnection = connect(model, &QAbstractItemModel::modelReset, this, &DiffContextFilter::recompute);
    recomputeFor(model);
    QSortFilterProxyModel::setSourceModel(model);
}

void DiffContextFilter::setContextLines(int lines)
{
    if (lines == m_context)
        return;
    m_context = lines;
    recomputeFor(sourceModel());
    invalidateFilter();
}

void DiffContextFilter::recompute()
{
    recomputeFor(sourceModel());
}

void DiffContextFilter::recomputeFor(const QAbstractItemModel* model)
{
    m_keep.clear();
    if (!model || m_context < 0)
        return;
    const int rows = model->rowCount();
    m_keep.assign(size_t(rows), false);
    int lastChange = -1; // rows after a change, within context, are kept on the way down
    for (int row = 0; row < rows; ++row) {
        const auto kind = DiffLine::Kind(model->index(row, 0).data(LineDiffModel::KindRole).toInt());
        if (kind != DiffLine::Kind::Same) {
            // Keep the context before this change, and the change itself.
            for (int back = std::max(0, row - m_context); back <= row; ++back)
                m_keep[size_t(back)] = true;
            lastChange = row;
        } else if (lastChange >= 0 && row - lastChange <= m_context) {
            m_keep[size_t(row)] = true;
        }
    }
}

bool DiffContextFilter::filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const
{
    if (sourceParent.isValid())
        return false;
    if (m_context < 0)
        return true;
    return sourceRow < int(m_keep.size()) && m_keep[size_t(sourceRow)];
}

} // namespace bs::models
