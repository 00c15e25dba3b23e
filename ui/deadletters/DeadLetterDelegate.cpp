#include "ui/deadletters/DeadLetterDelegate.h"

#include "models/deadletters/DeadLetterModel.h"

#include <QApplication>
#include <QPainter>
#include <QPainterPath>

using namespace Qt::StringLiterals;

namespace bs::ui {

using models::DeadLetterModel;

namespace {
constexpr int kPillPadding = 6;
constexpr int kPillMargin = 3;
const QColor kReplayedColour(0x15, 0x65, 0xc0);
} // namespace

DeadLetterDelegate::DeadLetterDelegate(QObject* parent) : QStyledItemDelegate(parent) {}

QColor DeadLetterDelegate::reasonColour(const QString& reason)
{
    if (reason == u"rejected")
        return QColor(0xc6, 0x28, 0x28);
    if (reason == u"delivery_limit")
        return QColor(0xe0, 0x6c, 0x00);
    if (reason == u"expired")
        return QColor(0x45, 0x6b, 0x8a);
    if (reason == u"maxlen")
        return QColor(0x7b, 0x3f, 0xa0);
    if (reason == u"explicit")
        return QColor(0x00, 0x79, 0x6b);
    return QColor(0x75, 0x75, 0x75);
}

QString DeadLetterDelegate::replayedBadge(int replays)
{
    return u"↻ replayed ×"_s + QString::number(replays);
}

void DeadLetterDelegate::paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QStyleOptionViewItem opt = option;
    initStyleOption(&opt, index);
    const bool replayed = index.data(DeadLetterModel::ReplayedRole).toBool();
    if (replayed) {
        const QColor grey = opt.palette.color(QPalette::Disabled, QPalette::Text);
        opt.palette.setColor(QPalette::Text, grey);
        opt.font.setItalic(true);
    }
    const int column = index.column();
    const bool pill = column == DeadLetterModel::ReasonColumn || (replayed && column == DeadLetterModel::ReplaysColumn);
    if (!pill) {
        QStyledItemDelegate::paint(painter, opt, index);
        return;
    }
    const QString text = opt.text;
    opt.text.clear();
    const QWidget* widget = opt.widget;
    QStyle* style = widget ? widget->style() : QApplication::style();
    style->drawControl(QStyle::CE_ItemViewItem, &opt, painter, widget);
    if (column == DeadLetterModel::ReasonColumn) {
        QColor colour = reasonColour(index.data(DeadLetterModel::ReasonRole).toString());
        if (replayed)
            colour.setAlphaF(0.55f);
        paintPill(painter, opt, text, colour, false);
    } else {
        paintPill(painter, opt, replayedBadge(index.data(DeadLetterModel::ReplaysRole).toInt()), kReplayedColour, true);
    }
}

void DeadLetterDelegate::paintPill(QPainter* painter, const QStyleOptionViewItem& option, const QString& text,
                                   const QColor& colour, bool alignRight) const
{
    painter->save();
    painter->setRenderHint(QPainter::Antialiasing);
    QFont font = option.font;
    font.setItalic(false);
    painter->setFont(font);
    const QFontMetrics metrics(font);
    const QRect cell = option.rect.adjusted(kPillMargin, kPillMargin, -kPillMargin, -kPillMargin);
    const int needed = metrics.horizontalAdvance(text) + 2 * kPillPadding + 2; // 2: rounding slack
    QRect pill(cell.left(), cell.top(), std::min(cell.width(), needed), cell.height());
    if (alignRight)
        pill.moveRight(cell.right());
    const bool selected = option.state & QStyle::State_Selected;
    QColor fill = selected ? option.palette.color(QPalette::HighlightedText) : colour;
    fill.setAlphaF(selected ? 0.85f : 0.14f);
    QPainterPath path;
    path.addRoundedRect(QRectF(pill), pill.height() / 2.0, pill.height() / 2.0);
    painter->fillPath(path, fill);
    painter->setPen(colour);
    const QString shown = needed <= cell.width() ? text : metrics.elidedText(text, Qt::ElideRight, cell.width() - 2 * kPillPadding);
    painter->drawText(pill.adjusted(kPillPadding, 0, -kPillPadding, 0), Qt::AlignVCenter | Qt::AlignLeft | Qt::TextDontClip, shown);
    painter->restore();
}

QSize DeadLetterDelegate::sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const
{
    QSize size = QStyledItemDelegate::sizeHint(option, index);
    if (index.column() == DeadLetterModel::ReplaysColumn && index.data(DeadLetterModel::ReplayedRole).toBool()) {
        const int badge = option.fontMetrics.horizontalAdvance(replayedBadge(index.data(DeadLetterModel::ReplaysRole).toInt()));
        size.setWidth(std::max(size.width(), badge + 2 * (kPillPadding + kPillMargin)));
    }
    return size;
}

} // namespace bs::ui
