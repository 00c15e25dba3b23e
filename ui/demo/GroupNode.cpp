#include "ui/demo/GroupNode.h"

#include "ui/demo/DemoFormat.h"
#include "ui/demo/FlowPainting.h"

#include <QFontMetricsF>
#include <QPainter>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::ui::flow {

namespace {

constexpr qreal kSquare = 12;
constexpr qreal kSquareGap = 4;
constexpr int kMaxSquares = 20;
constexpr quint64 kSmallLag = 10; ///< Up to this the bar stays green: a few orders in hand.

QString lagAge(double seconds)
{
    if (seconds <= 0.0)
        return {};
    return seconds < 10.0 ? u" · %1 s"_s.arg(seconds, 0, 'f', 1) : u" · %1 s"_s.arg(std::lround(seconds));
}

} // namespace

GroupNode::GroupNode() : FlowBox(QSizeF(300, 90)) {}

void GroupNode::show(const demo::GroupSnapshot& group, const Faults& faults, quint64 lagThreshold, bool running)
{
    m_group = group;
    m_faults = faults;
    m_lagThreshold = std::max<quint64>(lagThreshold, kSmallLag + 1);
    m_running = running;
    update();
}

QColor GroupNode::borderColour() const
{
    if (m_faults.down || m_faults.slow)
        return kFault;
    if (!m_running)
        return kIdle;
    if (m_group.lag >= m_lagThreshold)
        return kWarning;
    return kGroup;
}

void GroupNode::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    paintBox(painter, box(), borderColour(), m_faults.down ? kFaultFill : kBoxFill);
    if (m_faults.down)
        paintDownCross(painter); // under the numbers, which stay readable
    const QRectF inner = box().adjusted(12, 8, -12, -8);
    paintTitle(painter, QRectF(inner.left(), inner.top(), inner.width(), 22));
    paintInstances(painter, QRectF(inner.left(), inner.top() + 28, inner.width(), 16));
    paintLag(painter, QRectF(inner.left(), inner.top() + 52, inner.width(), 22));
}

void GroupNode::paintTitle(QPainter* painter, const QRectF& row)
{
    const QFont nameFont = pixelFont(17, true);
    paintText(painter, row, m_group.group, nameFont, kInk);
    qreal x = row.left() + QFontMetricsF(nameFont).horizontalAdvance(m_group.group) + 8;
    const qreal centreY = row.center().y();
    if (m_faults.slow)
        x += paintBadge(painter, x, centreY, flowTr("slow ×%1").arg(m_faults.slowFactor), kWarning) + 4;
    if (m_faults.down)
        x += paintBadge(painter, x, centreY, flowTr("DOWN"), kFault) + 4;
    if (m_group.settings.failureRate > 0.0)
        paintBadge(painter, x, centreY, flowTr("fails %1").arg(percentText(m_group.settings.failureRate)), kWarning);
    paintText(painter, row, flowTr("%1 done").arg(countText(m_group.processed)), pixelFont(15, true), kHealthy,
              Qt::AlignRight | Qt::AlignVCenter);
}

void GroupNode::paintInstances(QPainter* painter, const QRectF& row)
{
    const int target = std::max({m_group.targetInstances, m_group.connectedInstances,
                                 m_running ? 0 : m_group.settings.instances});
    const int squares = std::min(target, kMaxSquares);
    qreal x = row.left();
    const qreal top = row.center().y() - kSquare / 2;
    for (int square = 0; square < squares; ++square) {
        const bool connected = square < m_group.connectedInstances;
        const bool added = square >= m_group.settings.instances;
        const QColor colour = added ? kAutoscaled : kHealthy;
        painter->setPen(QPen(connected ? colour.darker(115) : kIdle, 1.5));
        painter->setBrush(connected ? colour : Qt::transparent);
        painter->drawRoundedRect(QRectF(x, top, kSquare, kSquare), 2, 2);
        x += kSquare + kSquareGap;
    }
    QString text = m_group.targetInstances > m_group.settings.instances && m_running
        ? flowTr("%1 of %2 up (+%3 autoscaled)")
              .arg(m_group.connectedInstances).arg(m_group.targetInstances)
              .arg(m_group.targetInstances - m_group.settings.instances)
        : flowTr("%1 of %2 up").arg(m_group.connectedInstances).arg(target);
    const QRectF textRow(x + 4, row.top() - 2, row.right() - x - 4, row.height() + 4);
    paintText(painter, textRow, text, pixelFont(13), kMuted);
    QStringList troubles;
    if (m_group.failed > 0)
        troubles << flowTr("%1 failed").arg(countText(m_group.failed));
    if (m_group.crashes > 0)
        troubles << flowTr("%1 crashes").arg(countText(m_group.crashes));
    if (!troubles.isEmpty())
        paintText(painter, textRow, troubles.join(u" · "_s), pixelFont(13, true), kFault,
                  Qt::AlignRight | Qt::AlignVCenter);
}

void GroupNode::paintLag(QPainter* painter, const QRectF& row)
{
    const QFont labelFont = pixelFont(13, true);
    const QString label = flowTr("lag");
    const qreal labelWidth = QFontMetricsF(labelFont).horizontalAdvance(label) + 8;
    paintText(painter, QRectF(row.left(), row.top(), labelWidth, row.height()), label, labelFont, kMuted);
    const QRectF track(row.left() + labelWidth, row.top() + 2, row.width() - labelWidth, row.height() - 4);
    painter->setPen(Qt::NoPen);
    painter->setBrush(QColor(0xee, 0xf0, 0xf3));
    painter->drawRoundedRect(track, 4, 4);
    const double lag = double(m_group.lag);
    const double share = std::clamp(std::log10(1.0 + lag) / std::log10(1.0 + kFullLag), 0.0, 1.0);
    const QColor colour = m_group.lag <= kSmallLag ? kHealthy : m_group.lag < m_lagThreshold ? kWarning : kFault;
    if (share > 0.0) {
        painter->setBrush(colour);
        painter->drawRoundedRect(QRectF(track.topLeft(), QSizeF(std::max(6.0, track.width() * share), track.height())), 4,
                                 4);
    }
    const QString number = m_group.brokerStatsSeen || m_group.lag > 0
        ? countText(m_group.lag) + lagAge(m_group.lagSeconds)
        : flowTr("waiting for the broker's numbers");
    // The number sits right of the fill when it fits there, else inside it in white.
    const QFont numberFont = pixelFont(13, true);
    const qreal fillRight = track.left() + track.width() * share;
    const qreal numberWidth = QFontMetricsF(numberFont).horizontalAdvance(number) + 12;
    if (track.right() - fillRight >= numberWidth)
        paintText(painter, QRectF(fillRight + 6, track.top(), numberWidth, track.height()), number, numberFont, kInk);
    else
        paintText(painter, QRectF(track.left() + 6, track.top(), fillRight - track.left() - 12, track.height()), number,
                  numberFont, Qt::white, Qt::AlignRight | Qt::AlignVCenter);
}

void GroupNode::paintDownCross(QPainter* painter)
{
    const QRectF rect = box().adjusted(14, 10, -14, -10);
    const qreal side = rect.height();
    const QRectF cross(rect.center().x() - side / 2, rect.top(), side, side);
    painter->setPen(QPen(QColor(kFault.red(), kFault.green(), kFault.blue(), 110), 10, Qt::SolidLine, Qt::RoundCap));
    painter->drawLine(cross.topLeft(), cross.bottomRight());
    painter->drawLine(cross.topRight(), cross.bottomLeft());
}

} // namespace bs::ui::flow
