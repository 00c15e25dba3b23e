#include "ui/demo/FlowNodes.h"

#include "ui/demo/DemoFormat.h"
#include "ui/demo/FlowPainting.h"

#include <QPainter>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::ui::flow {

namespace {

constexpr int kLogCells = 12;

} // namespace

ProducerNode::ProducerNode() : FlowBox(QSizeF(210, 150)) {}

void ProducerNode::show(double rate, quint64 created, double speedFactor, bool running, bool stopped)
{
    m_rate = rate;
    m_created = created;
    m_speed = speedFactor;
    m_running = running;
    m_stopped = stopped;
    update();
}

void ProducerNode::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const bool producing = m_running && !m_stopped;
    paintBox(painter, box(), m_stopped ? kFault : (producing ? kProducer : kIdle), kBoxFill);
    const QRectF inner = box().adjusted(14, 10, -14, -10);
    paintText(painter, QRectF(inner.left(), inner.top(), inner.width(), 22), flowTr("Order service"), pixelFont(17, true),
              kInk);
    paintText(painter, QRectF(inner.left(), inner.top() + 26, inner.width(), 30), orderRateText(m_rate),
              pixelFont(22, true), producing ? kProducer : kMuted);
    paintText(painter, QRectF(inner.left(), inner.top() + 60, inner.width(), 20),
              flowTr("%1 orders created").arg(countText(m_created)), pixelFont(14), kInk);
    const QString state = m_stopped ? flowTr("stopped: no new orders")
                        : !m_running ? flowTr("idle")
                        : m_speed != 1.0 ? flowTr("producing · speed ×%1").arg(m_speed)
                                         : flowTr("producing");
    paintText(painter, QRectF(inner.left(), inner.top() + 84, inner.width(), 20), state, pixelFont(13),
              m_stopped ? kFault : kMuted);
    paintText(painter, QRectF(inner.left(), inner.bottom() - 18, inner.width(), 18), flowTr("the producer"),
              pixelFont(12), kMuted);
}

TopicNode::TopicNode(const QString& topic) : FlowBox(QSizeF(200, 150)), m_topic(topic) {}

void TopicNode::show(quint64 messages, bool running)
{
    m_messages = messages;
    m_running = running;
    update();
}

void TopicNode::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    paintBox(painter, box(), m_running ? kTopic : kIdle, kBoxFill);
    const QRectF inner = box().adjusted(14, 10, -14, -10);
    paintText(painter, QRectF(inner.left(), inner.top(), inner.width(), 22), m_topic, pixelFont(17, true, true), kInk);
    // The log: records in a row, the newest at the right; the last ones mark where the
    // writes go, and a record's colour steps with the count so the strip moves as it grows.
    const qreal cellWidth = inner.width() / kLogCells;
    const QRectF strip(inner.left(), inner.top() + 32, inner.width(), 26);
    const int filled = int(std::min<quint64>(m_messages, kLogCells));
    for (int cell = 0; cell < kLogCells; ++cell) {
        const QRectF record(strip.left() + cell * cellWidth + 1, strip.top(), cellWidth - 2, strip.height());
        const bool used = cell >= kLogCells - filled;
        const bool shade = (quint64(kLogCells - cell) + m_messages) % 2 == 0;
        QColor fill = used ? (shade ? kTopic : kTopic.lighter(140)) : QColor(0xee, 0xee, 0xf3);
        painter->setPen(Qt::NoPen);
        painter->setBrush(fill);
        painter->drawRect(record);
    }
    paintText(painter, QRectF(inner.left(), strip.bottom() + 8, inner.width(), 20),
              flowTr("%1 messages").arg(countText(m_messages)), pixelFont(14), kInk);
    paintText(painter, QRectF(inner.left(), strip.bottom() + 30, inner.width(), 20),
              flowTr("a durable log on the broker"), pixelFont(12), kMuted);
    paintText(painter, QRectF(inner.left(), inner.bottom() - 18, inner.width(), 18), flowTr("the topic"), pixelFont(12),
              kMuted);
}

DeadLetterNode::DeadLetterNode() : FlowBox(QSizeF(140, 58)) {}

void DeadLetterNode::show(quint64 deadLetters)
{
    if (deadLetters == m_deadLetters)
        return;
    m_deadLetters = deadLetters;
    update();
}

void DeadLetterNode::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const bool any = m_deadLetters > 0;
    paintBox(painter, box(), any ? kFault : kIdle, any ? kFaultFill : kBoxFill, 8);
    const QRectF inner = box().adjusted(10, 4, -10, -4);
    paintText(painter, QRectF(inner.left(), inner.top(), inner.width(), 18), flowTr("dead letters"), pixelFont(12),
              any ? kFault : kMuted);
    paintText(painter, QRectF(inner.left(), inner.top() + 18, inner.width(), 30), countText(m_deadLetters),
              pixelFont(22, true), any ? kFault : kMuted);
}

FlowLegend::FlowLegend() : FlowBox(QSizeF(330, 112)) {}

void FlowLegend::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    const QFont font = pixelFont(13);
    const struct
    {
        QColor colour;
        QString text;
    } dots[] = {{kOrderDot, flowTr("an order on its way")},
                {kWarning, flowTr("an order at a slow service")},
                {kFault, flowTr("an order that failed: a dead letter")}};
    qreal y = 8;
    for (const auto& dot : dots) {
        painter->setPen(QPen(dot.colour.darker(130), 1));
        painter->setBrush(dot.colour);
        painter->drawEllipse(QPointF(8, y + 8), 5, 5);
        paintText(painter, QRectF(22, y, box().width() - 22, 16), dot.text, font, kMuted);
        y += 20;
    }
    painter->setPen(Qt::NoPen);
    painter->setBrush(kWarning);
    painter->drawRoundedRect(QRectF(2, y + 3, 14, 10), 3, 3);
    paintText(painter, QRectF(22, y, box().width() - 22, 16), flowTr("lag: orders waiting in the log for that group"), font,
              kMuted);
    y += 20;
    painter->setPen(QPen(kHealthy.darker(115), 1.5));
    painter->setBrush(kHealthy);
    painter->drawRoundedRect(QRectF(3, y + 2, 11, 11), 2, 2);
    paintText(painter, QRectF(22, y, box().width() - 22, 16), flowTr("an instance, filled while connected"), font, kMuted);
}

} // namespace bs::ui::flow
