#include "ui/groups/GroupLagDelegate.h"

#include "models/groups/GroupTableModel.h"

#include <QApplication>
#include <QPainter>
#include <QPolygonF>

namespace bs::ui {

GroupLagDelegate::GroupLagDelegate(int lagColumn, int trendColumn, QObject* parent)
    : QStyledItemDelegate(parent), m_lagColumn(lagColumn), m_trendColumn(trendColumn)
{
}

void GroupLagDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    if (!index.data(models::GroupTableModel::LagGrowingRole).toBool()) {
        QStyledItemDelegate::paint(painter, option, index);
        return;
    }
    QStyleOptionViewItem opt(option);
    initStyleOption(&opt, index);
    const bool lagCell = index.column() == m_lagColumn;
    QColor tint = growingColor();
    tint.setAlpha(lagCell ? 70 : 22);
    opt.backgroundBrush = tint;
    if (index.column() == m_trendColumn && !(opt.state & QStyle::State_Selected))
        opt.palette.setColor(QPalette::Text, growingColor());
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (!lagCell)
        return;
    // An up-arrow at the left of the (right-aligned) number.
    const QRectF cell = opt.rect;
    const double left = cell.left() + 5;
    const double middle = cell.center().y();
    const QPolygonF arrow{QPointF(left, middle + kArrowSize / 2.0),
                          QPointF(left + kArrowSize, middle + kArrowSize / 2.0),
                          QPointF(left + kArrowSize / 2.0, middle - kArrowSize / 2.0)};
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    painter->setPen(Qt::NoPen);
    painter->setBrush(growingColor());
    painter->drawPolygon(arrow);
    painter->restore();
}

QSize GroupLagDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == m_lagColumn)
        size.rwidth() += kArrowSize + 8; // room for the arrow
    return size;
}

} // namespace bs::ui
