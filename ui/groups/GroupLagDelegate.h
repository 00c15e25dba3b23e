#pragma once
// Marks the consumer groups whose lag grows (GroupTableModel::LagGrowingRole): the whole
// row gets a faint red tint, the lag cell a stronger one with a red up-arrow at its left,
// and the trend words are drawn in red. Other rows are painted as usual. The model says
// which rows grow; the delegate only paints.

#include <QStyledItemDelegate>

namespace bs::ui {

class GroupLagDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr int kArrowSize = 8;

    /// lagColumn / trendColumn: the columns of the source model (GroupTableModel).
    GroupLagDelegate(int lagColumn, int trendColumn, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

    static QColor growingColor() { return QColor(200, 30, 30); }

private:
    int m_lagColumn;
    int m_trendColumn;
};

} // namespace bs::ui
