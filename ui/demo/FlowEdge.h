#pragma once
// An arrow of the flow view, from one box's anchor to another's: a straight line or a
// horizontal S-curve (the topic fanning out to the groups), an arrow head, and a label on a
// plate. Dots travel along it (DotStream): the edge keeps its curve sampled at even
// lengths, so pointAt(t) for t in 0..1 is cheap and moves at an even speed.

#include <QColor>
#include <QGraphicsItem>
#include <QPainterPath>

namespace bs::ui::flow {

class FlowEdge : public QGraphicsItem
{
public:
    enum class Shape : quint8
    {
        Straight,
        Curve
    };

    FlowEdge(const QPointF& from, const QPointF& to, Shape shape, const QColor& colour);

    QRectF boundingRect() const override;
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

    void setColour(const QColor& colour, bool dashed = false);
    /// Where along the edge the label sits (0..1).
    /// offset: from that point to the label's centre (e.g. above a short edge).
    void setLabelAt(qreal t, const QPointF& offset = {}) { m_labelAt = t; m_labelOffset = offset; }
    void setLabel(const QString& text, const QColor& colour);
    QString label() const { return m_label; }

    qreal length() const { return m_length; }
    QPointF pointAt(qreal t) const;

private:
    QPainterPath m_path;
    QList<QPointF> m_samples;
    qreal m_length = 1.0;
    QColor m_colour;
    bool m_dashed = false;
    qreal m_labelAt = 0.5;
    QPointF m_labelOffset;
    QString m_label;
    QColor m_labelColour;
};

} // namespace bs::ui::flow
