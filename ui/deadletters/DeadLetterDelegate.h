#pragma once
// Paints the dead-letter table: a replayed letter's row is greyed and its Replays cell
// carries a blue "↻ replayed ×N" badge; the Reason cell is a pill coloured by reason
// (rejected red, delivery_limit orange, expired blue-grey, maxlen purple, explicit teal,
// anything else grey). The model supplies ReplayedRole / ReplaysRole / ReasonRole.

#include <QStyledItemDelegate>

namespace bs::ui {

class DeadLetterDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    explicit DeadLetterDelegate(QObject* parent = nullptr);

    static QColor reasonColour(const QString& reason);
    /// "↻ replayed ×2"
    static QString replayedBadge(int replays);

    void paint(QPainter* painter, const QStyleOptionViewItem& option, const QModelIndex& index) const override;
    QSize sizeHint(const QStyleOptionViewItem& option, const QModelIndex& index) const override;

private:
    void paintPill(QPainter* painter, const QStyleOptionViewItem& option, const QString& text,
                   const QColor& colour, bool alignRight) const;
};

} // namespace bs::ui
