#pragma once
// Filter and sort for the consumer groups table. The filter text is a case-insensitive
// substring of a group's name or of any of its topic filters ("orders" finds the group
// "billing" reading "orders/#"). Sorting reads JsonRowsModel::SortRole: numbers for the
// numeric columns (so a lag of 10 sorts after 9), text otherwise. The sort stays dynamic:
// groups are few (tens to hundreds), and the model changes them at most 4 times a second.

#include <QSortFilterProxyModel>

namespace bs::models {

class GroupFilterProxy : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit GroupFilterProxy(QObject* parent = nullptr);

    QString filterText() const { return m_text; }

public slots:
    void setFilterText(const QString& text);

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex& sourceParent) const override;
    bool lessThan(const QModelIndex& left, const QModelIndex& right) const override;

private:
    QString m_text;
    QString m_needle; ///< m_text without surrounding spaces.
};

} // namespace bs::models
