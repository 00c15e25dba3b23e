#pragma once
// Paints a brief highlight behind a topic row whose value just changed, fading out over
// kHighlightMs. The model supplies when each row last changed (LastChangedRole); the
// delegate only paints. Views ask highlightActiveUntil() to know how long to keep
// repainting while a fade runs.

#include <QStyledItemDelegate>

namespace bs::ui {

class TopicActivityDelegate : public QStyledItemDelegate
{
    Q_OBJECT
public:
    static constexpr qint64 kHighlightMs = 1200;

    TopicActivityDelegate(int lastChangedRole, QObject* parent = nullptr);

    void paint(QPainter* painter, const QStyleOptionViewItem& option,
               const QModelIndex& index) const override;
    /// Latest end of a fade painted so far (msecs since epoch).
    qint64 highlightActiveUntil() const { return m_activeUntil; }

private:
    int m_lastChangedRole;
    mutable qint64 m_activeUntil = 0;
};

} // namespace bs::ui
