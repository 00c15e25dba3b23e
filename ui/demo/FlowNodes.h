#pragma once
// The flow view's boxes other than the consumer groups: the order service (the producer),
// the shop/orders topic (a durable log, drawn as a strip of records) and, hanging off each
// group, its dead letters; and the legend. Each is told what to show and repaints itself; sizes are in
// scene units (the view scales the whole scene).

#include <QGraphicsItem>

namespace bs::ui::flow {

/// A box of a fixed size at the item's position.
class FlowBox : public QGraphicsItem
{
public:
    explicit FlowBox(const QSizeF& size) : m_size(size) {}
    QRectF boundingRect() const override { return QRectF(QPointF(-2, -2), m_size + QSizeF(4, 4)); }
    QRectF box() const { return QRectF(QPointF(0, 0), m_size); }
    /// Where edges attach, in scene coordinates.
    QPointF leftAnchor() const { return mapToScene(QPointF(0, m_size.height() / 2)); }
    QPointF rightAnchor() const { return mapToScene(QPointF(m_size.width(), m_size.height() / 2)); }

private:
    QSizeF m_size;
};

class ProducerNode : public FlowBox
{
public:
    ProducerNode();
    /// rate: orders/s as set; created: since the start; active: running and producing.
    void show(double rate, quint64 created, double speedFactor, bool running, bool stopped);
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    double m_rate = 0.0;
    quint64 m_created = 0;
    double m_speed = 1.0;
    bool m_running = false;
    bool m_stopped = false;
};

class TopicNode : public FlowBox
{
public:
    explicit TopicNode(const QString& topic);
    void show(quint64 messages, bool running);
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QString m_topic;
    quint64 m_messages = 0;
    bool m_running = false;
};

class DeadLetterNode : public FlowBox
{
public:
    DeadLetterNode();
    void show(quint64 deadLetters);
    quint64 shown() const { return m_deadLetters; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    quint64 m_deadLetters = 0;
};

/// What the marks mean, for the class: dots, lag bars, instance squares.
class FlowLegend : public FlowBox
{
public:
    FlowLegend();
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;
};

} // namespace bs::ui::flow
