#include "ui/demo/FlowEdge.h"

#include "ui/demo/FlowPainting.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

namespace bs::ui::flow {

namespace {

constexpr int kSamples = 64;
constexpr qreal kArrow = 10;
constexpr qreal kLabelMargin = 40; ///< Room for the label plate around the curve.

} // namespace

FlowEdge::FlowEdge(const QPointF& from, const QPointF& to, Shape shape, const QColor& colour) : m_colour(colour)
{
    m_path.moveTo(from);
    if (shape == Shape::Curve) {
        const qreal bend = (to.x() - from.x()) * 0.55;
        m_path.cubicTo(from + QPointF(bend, 0), to - QPointF(bend, 0), to);
    } else {
        m_path.lineTo(to);
    }
    m_length = std::max<qreal>(1.0, m_path.length());
    for (int sample = 0; sample <= kSamples; ++sample)
        m_samples.append(m_path.pointAtPercent(qreal(sample) / kSamples));
    setZValue(-1); // under the boxes and the dots
}

QRectF FlowEdge::boundingRect() const
{
    return m_path.boundingRect().adjusted(-kLabelMargin * 3, -kLabelMargin, kLabelMargin * 3, kLabelMargin);
}

void FlowEdge::setColour(const QColor& colour, bool dashed)
{
    if (colour == m_colour && dashed == m_dashed)
        return;
    m_colour = colour;
    m_dashed = dashed;
    update();
}

void FlowEdge::setLabel(const QString& text, const QColor& colour)
{
    if (text == m_label && colour == m_labelColour)
        return;
    m_label = text;
    m_labelColour = colour;
    update();
}

QPointF FlowEdge::pointAt(qreal t) const
{
    const qreal position = std::clamp<qreal>(t, 0.0, 1.0) * kSamples;
    const int index = std::min(int(position), kSamples - 1);
    const qreal within = position - index;
    return m_samples.at(index) * (1.0 - within) + m_samples.at(index + 1) * within;
}

void FlowEdge::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    QPen pen(m_colour, 2.5, m_dashed ? Qt::DashLine : Qt::SolidLine, Qt::RoundCap);
    painter->setPen(pen);
    painter->setBrush(Qt::NoBrush);
    painter->drawPath(m_path);

    // The arrow head points along the last stretch of the curve.
    const QPointF tip = m_samples.last();
    const QPointF before = m_samples.at(kSamples - 2);
    const qreal angle = std::atan2(tip.y() - before.y(), tip.x() - before.x());
    const QPointF back(std::cos(angle) * kArrow, std::sin(angle) * kArrow);
    const QPointF side(-back.y() * 0.5, back.x() * 0.5);
    painter->setPen(Qt::NoPen);
    painter->setBrush(m_colour);
    painter->drawPolygon(QPolygonF({tip, tip - back + side, tip - back - side}));

    if (!m_label.isEmpty())
        paintPlate(painter, pointAt(m_labelAt) + m_labelOffset, m_label, pixelFont(13, true), m_labelColour);
}

} // namespace bs::ui::flow
