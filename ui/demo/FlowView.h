#pragma once
// The picture a teacher points at: Order service → shop/orders → six consumer groups, each
// with its dead letters hanging off it, drawn in a QGraphicsScene of fixed size that the
// view scales to fit (fitInView on every resize). Boxes show counts, lag and faults; the
// edges carry rates and moving dots (FlowDots) whose density and speed follow the measured
// flow: orders blue, orders at a slow service orange and crawling, failures red.
//
// Everything comes from showSnapshot(): the view never asks the scenario. One QTimer
// (~30 frames a second) moves the dots; it runs only while the view is visible and the
// demo runs, or dots are still on their way.

#include "demo/DemoSnapshot.h"
#include "ui/demo/FlowRates.h"

#include <QElapsedTimer>
#include <QGraphicsView>
#include <QTimer>
#include <array>

class QGraphicsSimpleTextItem;

namespace bs::ui::flow {
class DeadLetterNode;
class DotLayer;
class DotStream;
class FlowEdge;
class GroupNode;
class ProducerNode;
class TopicNode;
} // namespace bs::ui::flow

namespace bs::ui {

class FlowView : public QGraphicsView
{
    Q_OBJECT
public:
    static constexpr int kFrameMs = 33;

    explicit FlowView(const demo::DemoConfig& config, QWidget* parent = nullptr);
    ~FlowView() override;

    void showSnapshot(const demo::DemoSnapshotPtr& snapshot);

    int groupCount() const { return int(m_groups.size()); }
    const flow::GroupNode& groupNode(demo::Service service) const;
    /// The group as the view shows it now.
    const demo::GroupSnapshot& shownGroup(demo::Service service) const;
    quint64 shownDeadLetters(demo::Service service) const;
    quint64 shownOrdersCreated() const { return m_snapshot ? m_snapshot->ordersCreated : 0; }
    /// "charged 1,234 orders · 3 duplicates skipped" under payment's dead letters.
    QString paymentNote() const;
    /// The label on the edge from the topic to the group.
    QString edgeLabel(demo::Service service) const;
    int dotCount() const;
    bool isAnimating() const { return m_frame.isActive(); }

protected:
    void resizeEvent(QResizeEvent* event) override;
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

private:
    struct GroupItems
    {
        flow::GroupNode* node = nullptr;
        flow::DeadLetterNode* deadLetters = nullptr;
        flow::FlowEdge* in = nullptr;
        flow::FlowEdge* out = nullptr;
        flow::DotStream* inDots = nullptr;
        flow::DotStream* outDots = nullptr;
    };

    void buildScene(const demo::DemoConfig& config);
    void showGroup(const demo::GroupSnapshot& group, const demo::DemoSnapshot& snapshot);
    void updateAnimation();
    void nextFrame();
    bool isRunning() const;

    QGraphicsScene m_scene;
    flow::ProducerNode* m_producer = nullptr;
    flow::TopicNode* m_topic = nullptr;
    flow::FlowEdge* m_publish = nullptr;
    flow::DotStream* m_publishDots = nullptr;
    flow::DotLayer* m_dots = nullptr;
    QGraphicsSimpleTextItem* m_paymentNote = nullptr; ///< Under payment's dead letters: what idempotency saved.
    std::array<GroupItems, demo::kServiceCount> m_groups;
    int m_slowFactor = 50;
    demo::DemoSnapshotPtr m_snapshot;
    flow::FlowRates m_rates;
    QTimer m_frame;
    QElapsedTimer m_sinceFrame;
};

} // namespace bs::ui
