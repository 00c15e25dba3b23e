#pragma once
// One consumer group in the flow view: its name and what it has processed; its instances
// as small squares (filled while connected and subscribed, lighter ones added by the
// autoscaler); its lag — orders waiting for it in the topic's log — as a bar on a
// logarithmic scale with the number and its age; failures and crashes; and its fault
// shown at a glance (email slow: an orange badge; payment down: a red X over the box).

#include "demo/DemoSnapshot.h"
#include "ui/demo/FlowNodes.h"

namespace bs::ui::flow {

class GroupNode : public FlowBox
{
public:
    /// The lag that fills the bar (log scale).
    static constexpr double kFullLag = 100'000.0;

    GroupNode();

    struct Faults
    {
        bool slow = false; ///< Email slow: processing takes slowFactor times longer.
        int slowFactor = 50;
        bool down = false; ///< Payment down.
    };
    void show(const demo::GroupSnapshot& group, const Faults& faults, quint64 lagThreshold, bool running);
    const demo::GroupSnapshot& shown() const { return m_group; }
    const Faults& faults() const { return m_faults; }

    void paint(QPainter* painter, const QStyleOptionGraphicsItem* option, QWidget* widget) override;

private:
    void paintTitle(QPainter* painter, const QRectF& row);
    void paintInstances(QPainter* painter, const QRectF& row);
    void paintLag(QPainter* painter, const QRectF& row);
    void paintDownCross(QPainter* painter);
    QColor borderColour() const;

    demo::GroupSnapshot m_group;
    Faults m_faults;
    quint64 m_lagThreshold = 100;
    bool m_running = false;
};

} // namespace bs::ui::flow
