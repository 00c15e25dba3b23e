#pragma once
// A QTreeView for live models: it ignores dataChanged for rows under a collapsed (or
// hidden) ancestor. QTreeView locates every changed row with a linear search over its
// visible items, so thousands of dataChanged per second for rows nobody can see cost
// O(changed rows x visible rows); skipping them costs O(depth). Rows under expanded
// parents are handled by QTreeView as usual. The topic explorer and the flood benchmark
// (bench/console_flood) use it.

#include <QTreeView>

namespace bs::ui {

class LiveTreeView : public QTreeView
{
    Q_OBJECT
public:
    using QTreeView::QTreeView;

protected:
    void dataChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight, const QList<int>& roles) override
    {
        for (QModelIndex parent = topLeft.parent(); parent.isValid(); parent = parent.parent()) {
            if (!isExpanded(parent))
                return; // nothing visible changed
        }
        QTreeView::dataChanged(topLeft, bottomRight, roles);
    }
};

} // namespace bs::ui
