#include "ui/demo/FlowDots.h"

#include "ui/demo/FlowEdge.h"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace bs::ui::flow {

namespace {

constexpr double kRadius = 5.0;
constexpr double kLinearUpTo = 4.0; ///< Up to this rate, one dot per message.

} // namespace

double DotStream::densityFor(double perSecond)
{
    if (perSecond <= 0.0)
        return 0.0;
    if (perSecond <= kLinearUpTo)
        return perSecond;
    return std::min(kMaxDotsPerSecond, kLinearUpTo + 3.0 * std::log2(perSecond / kLinearUpTo));
}

double DotStream::speedFor(double perSecond)
{
    return kBaseSpeed * std::clamp(0.8 + 0.25 * std::log2(1.0 + std::max(0.0, perSecond)), 1.0, 3.0);
}

void DotStream::setFlow(double perSecond, double pace, const QColor& colour)
{
    m_density = densityFor(perSecond);
    m_speed = speedFor(perSecond) * pace;
    m_colour = colour;
    if (m_density == 0.0)
        m_release = 0.0;
}

void DotStream::advance(double seconds)
{
    const double step = m_speed * seconds / m_edge.length();
    for (double& position : m_positions)
        position += step;
    m_positions.erase(std::remove_if(m_positions.begin(), m_positions.end(), [](double p) { return p >= 1.0; }),
                      m_positions.end());
    m_release += m_density * seconds;
    while (m_release >= 1.0) {
        m_release -= 1.0;
        if (count() < kMaxDotsPerStream)
            m_positions.push_back(m_release * step); // as if it had left a moment ago
    }
}

void DotStream::clear()
{
    m_positions.clear();
    m_release = 0.0;
}

DotStream& DotLayer::addStream(const FlowEdge& edge)
{
    m_streams.push_back(std::make_unique<DotStream>(edge));
    return *m_streams.back();
}

void DotLayer::advance(double seconds)
{
    for (const auto& stream : m_streams)
        stream->advance(seconds);
    update();
}

void DotLayer::clear()
{
    for (const auto& stream : m_streams)
        stream->clear();
    update();
}

int DotLayer::dotCount() const
{
    int dots = 0;
    for (const auto& stream : m_streams)
        dots += stream->count();
    return dots;
}

void DotLayer::paint(QPainter* painter, const QStyleOptionGraphicsItem*, QWidget*)
{
    painter->setRenderHint(QPainter::Antialiasing);
    for (const auto& stream : m_streams) {
        painter->setPen(QPen(stream->colour().darker(130), 1));
        painter->setBrush(stream->colour());
        for (double position : stream->positions())
            painter->drawEllipse(stream->edge().pointAt(position), kRadius, kRadius);
    }
}

} // namespace bs::ui::flow
