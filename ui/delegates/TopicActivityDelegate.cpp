#include "ui/delegates/TopicActivityDelegate.h"

#include <QDateTime>
#include <QPainter>

namespace bs::ui {

TopicActivityDelegate::TopicActivityDelegate(int lastChangedRole, QObject* parent)
    : QStyledItemDelegate(parent), m_lastChangedRole(lastChangedRole)
{
}

void TopicActivityDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option,
                                  const QModelIndex& index) const
{
    const qint64 changed = index.data(m_lastChangedRole).toLongLong();
    const qint64 age = QDateTime::currentMSecsSinceEpoch() - changed;
    if (changed > 0 && age >= 0 && age < kHighlightMs) {
        m_activeUntil = std::max(m_activeUntil, changed + kHighlightMs);
        QColor colour = option.palette.color(QPalette::Highlight);
        colour.setAlphaF(0.35f * float(kHighlightMs - age) / float(kHighlightMs));
        painter->fillRect(option.rect, colour);
    }
    QStyledItemDelegate::paint(painter, option, index);
}

} // namespace bs::ui
