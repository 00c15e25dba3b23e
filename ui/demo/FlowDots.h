#pragma once
// The moving dots of the flow view. A DotStream belongs to one edge: dots are released at
// a density that follows the edge's message rate and travel along it at a speed that
// grows slowly with the rate (a slow consumer's dots crawl). Both are on a compressed
// scale — a trickle shows every message, the peak does not try to — and each stream holds
// at most kMaxDotsPerStream dots, so the cost of a frame is bounded whatever the rate.
// The DotLayer paints every stream's dots in one item, over the edges and under nothing:
// one update() a frame, driven by the FlowView's single timer.

#include <QColor>
#include <QGraphicsItem>

#include <memory>
#include <vector>

namespace bs::ui::flow {

class FlowEdge;

class DotStream
{
public:
    static constexpr int kMaxDotsPerStream = 32;
    static constexpr double kMaxDotsPerSecond = 14.0;
    static constexpr double kBaseSpeed = 170.0; ///< Scene units a second at a low rate.

    explicit DotStream(const FlowEdge& edge) : m_edge(edge) {}

    /// perSecond: messages a second on the edge (wall clock); pace: 1 normal, less for a
    /// slow consumer.
    void setFlow(double perSecond, double pace, const QColor& colour);
    /// Moves every dot by seconds, releases new ones, drops those that arrived.
    void advance(double seconds);
    void clear();

    int count() const { return int(m_positions.size()); }
    const FlowEdge& edge() const { return m_edge; }
    const std::vector<double>& positions() const { return m_positions; }
    const QColor& colour() const { return m_colour; }

    /// Dots released a second for a message rate (compressed above a few a second).
    static double densityFor(double perSecond);
    /// Scene units a second for a message rate.
    static double speedFor(double perSecond);

private:
    const FlowEdge& m_edge;
    double m_density = 0.0;
    double m_speed = kBaseSpeed;
    double m_release = 0.0; ///< Dots owed since the last one released.
    QColor m_colour;
    std::vector<double> m_positions; ///< 0..1 along the edge, oldest first.
};

class DotLayer : public QGraphicsItem
{
public:
    explicit DotLayer(const QRectF& area) : m_area(area) { setZValue(1); }

    DotStream& addStream(const FlowEdge& edge);
    void advance(double seconds);
    void clear();
    int dotCount() const;

    QRectF boundingRect() const override { return m_area; }
    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    QRectF m_area;
    std::vector<std::unique_ptr<DotStream>> m_streams;
};

} // namespace bs::ui::flow
