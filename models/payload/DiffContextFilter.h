#pragma once
// Hides the unchanged lines of a LineDiffModel except `context` lines around each change,
// as `diff -U3` does. Which rows stay is worked out once per source reset (one pass), so
// filterAcceptsRow() is a lookup.

#include <QSortFilterProxyModel>
#include <vector>

namespace bs::models {

class DiffContextFilter : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit DiffContextFilter(QObject* parent = nullptr);

    void setSourceModel(QAbstractItemModel* model) override;

    /// Lines of unchanged context kept around each change; negative: keep every line.
    void setContextLines(int lines);
    int contextLines() const { return m_context; }

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;

private:
    void recompute();
    void recomputeFor(const QAbstractItemModel* model);

    QMetaObject::Connection m_resetConnection;
    int m_context = 3;
    std::vector<bool> m_keep;
};

} // namespace bs::models
