#include "ui/demo/FlowView.h"

#include "models/lag/LagText.h"
#include "ui/demo/DemoFormat.h"
#include "ui/demo/FlowDots.h"
#include "ui/demo/FlowEdge.h"
#include "ui/demo/FlowPainting.h"
#include "ui/demo/GroupNode.h"

#include <QGraphicsSimpleTextItem>
#include <QResizeEvent>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::ui {

using demo::Service;
using namespace flow;

namespace {

// The scene, in fixed units: the producer and the topic at the left, vertically centred on
// the column of six groups; each group's dead letters at its right.
const QRectF kSceneRect(0, 0, 1170, 650);
const QPointF kProducerAt(10, 245);
const QPointF kTopicAt(320, 245);
constexpr qreal kGroupX = 660;
constexpr qreal kGroupTop = 10;
constexpr qreal kGroupStep = 106;
constexpr qreal kDeadLetterX = 1020;
constexpr qreal kFanSpread = 16; ///< The edges to the groups leave the topic this far apart.
const QPointF kLegendAt(10, 526);
constexpr double kSlowPace = 0.2;     ///< Dots to a slow service crawl.
constexpr double kLongestFrame = 0.1; ///< Seconds: a late frame does not make dots jump.

QGraphicsSimpleTextItem* addText(QGraphicsScene& scene, const QString& text, const QFont& font, const QColor& colour,
                                 const QPointF& at)
{
    auto* item = scene.addSimpleText(text, font);
    item->setBrush(colour);
    item->setPos(at);
    return item;
}

} // namespace

FlowView::FlowView(const demo::DemoConfig& config, QWidget* parent)
    : QGraphicsView(parent), m_slowFactor(config.emailSlowFactor)
{
    setObjectName(u"flowView"_s);
    setScene(&m_scene);
    setRenderHint(QPainter::Antialiasing);
    setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    setViewportUpdateMode(QGraphicsView::BoundingRectViewportUpdate);
    setBackgroundBrush(QColor(0xf7, 0xf8, 0xfa));
    setFrameShape(QFrame::NoFrame);
    setMinimumSize(480, 300);
    buildScene(config);
    m_frame.setInterval(kFrameMs);
    m_frame.setTimerType(Qt::PreciseTimer);
    connect(&m_frame, &QTimer::timeout, this, &FlowView::nextFrame);
}

FlowView::~FlowView() = default;

void FlowView::buildScene(const demo::DemoConfig& config)
{
    m_scene.setSceneRect(kSceneRect);
    addText(m_scene, tr("One order, one event, six services"), pixelFont(20, true), kInk, QPointF(10, 8));
    addText(m_scene,
            tr("The order service publishes to a topic and answers the customer.\n"
               "Each service is a consumer group: it gets every order, at its own pace."),
            pixelFont(14), kMuted, QPointF(10, 38));

    m_producer = new ProducerNode;
    m_producer->setPos(kProducerAt);
    m_scene.addItem(m_producer);
    m_topic = new TopicNode(config.ordersTopic);
    m_topic->setPos(kTopicAt);
    m_scene.addItem(m_topic);
    auto* legend = new FlowLegend;
    legend->setPos(kLegendAt);
    m_scene.addItem(legend);

    m_dots = new DotLayer(kSceneRect);
    m_scene.addItem(m_dots);
    m_publish = new FlowEdge(m_producer->rightAnchor(), m_topic->leftAnchor(), FlowEdge::Shape::Straight, kProducer);
    m_publish->setLabelAt(0.5, QPointF(0, -20));
    m_scene.addItem(m_publish);
    m_publishDots = &m_dots->addStream(*m_publish);

    for (Service service : demo::kAllServices) {
        GroupItems& items = m_groups[size_t(demo::indexOf(service))];
        items.node = new GroupNode;
        items.node->setPos(kGroupX, kGroupTop + demo::indexOf(service) * kGroupStep);
        m_scene.addItem(items.node);
        items.deadLetters = new DeadLetterNode;
        const QRectF dlq = items.deadLetters->box();
        items.deadLetters->setPos(kDeadLetterX, items.node->rightAnchor().y() - dlq.height() / 2);
        m_scene.addItem(items.deadLetters);
        const QPointF fanOut = m_topic->rightAnchor()
            + QPointF(0, (demo::indexOf(service) - (demo::kServiceCount - 1) / 2.0) * kFanSpread);
        items.in = new FlowEdge(fanOut, items.node->leftAnchor(), FlowEdge::Shape::Curve, kGroup);
        items.in->setLabelAt(0.7);
        m_scene.addItem(items.in);
        items.out = new FlowEdge(items.node->rightAnchor(), items.deadLetters->leftAnchor(), FlowEdge::Shape::Straight,
                                 kIdle);
        m_scene.addItem(items.out);
        items.inDots = &m_dots->addStream(*items.in);
        items.outDots = &m_dots->addStream(*items.out);
        demo::GroupSnapshot idle;
        idle.service = service;
        idle.group = demo::serviceName(service);
        idle.settings = config.settings(service);
        items.node->show(idle, {}, config.autoscaleLagThreshold, false);
    }
    const DeadLetterNode& paymentLetters = *m_groups[size_t(demo::indexOf(Service::Payment))].deadLetters;
    m_paymentNote = addText(m_scene, QString(), pixelFont(12), kMuted,
                            paymentLetters.mapToScene(paymentLetters.box().bottomLeft() + QPointF(0, 4)));
    m_producer->show(config.orderRatePerSecond, 0, config.speedFactor, false, false);
}

void FlowView::showSnapshot(const demo::DemoSnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    m_snapshot = snapshot;
    m_rates.update(*snapshot);
    const bool running = isRunning();
    const double speed = std::max(0.01, snapshot->speedFactor);
    m_producer->show(snapshot->orderRateSetting, snapshot->ordersCreated, snapshot->speedFactor, running,
                     snapshot->producerStopped);
    m_topic->show(snapshot->ordersCreated, running);
    m_publish->setLabel(running ? models::roundedRate(m_rates.orders() / speed) + u"/s"_s : QString(), kProducer);
    m_publish->setColour(running && !snapshot->producerStopped ? kProducer : kIdle);
    m_publishDots->setFlow(running ? m_rates.orders() : 0.0, 1.0, kOrderDot);
    for (const demo::GroupSnapshot& group : snapshot->groups)
        showGroup(group, *snapshot);
    m_paymentNote->setText(tr("idempotent: %1 charged\n%2 duplicates skipped")
                               .arg(countText(snapshot->paymentsCharged), countText(snapshot->paymentDuplicatesSkipped)));
    if (!running && snapshot->ordersCreated == 0)
        m_dots->clear();
    updateAnimation();
}

void FlowView::showGroup(const demo::GroupSnapshot& group, const demo::DemoSnapshot& snapshot)
{
    GroupItems& items = m_groups[size_t(demo::indexOf(group.service))];
    GroupNode::Faults faults;
    faults.slow = group.service == Service::Email && snapshot.emailSlow;
    faults.slowFactor = m_slowFactor;
    faults.down = group.service == Service::Payment && snapshot.paymentDown;
    const bool running = isRunning();
    items.node->show(group, faults, snapshot.autoscaleLagThreshold, running);
    items.deadLetters->show(group.deadLetters);

    const double handled = running ? m_rates.handled(group.service) : 0.0;
    const double speed = std::max(0.01, snapshot.speedFactor);
    const QColor edgeColour = faults.down ? kFault : faults.slow ? kWarning : running ? kGroup : kIdle;
    items.in->setColour(edgeColour, faults.down);
    const quint64 delivered = group.processed + group.failed;
    items.in->setLabel(delivered > 0 || running
                           ? u"%1 · %2/s"_s.arg(countText(delivered), models::roundedRate(handled / speed))
                           : QString(),
                       faults.down ? kFault : kInk);
    items.inDots->setFlow(handled, faults.slow ? kSlowPace : 1.0,
                          faults.down ? kFault : faults.slow ? kWarning : kOrderDot);
    items.out->setColour(group.deadLetters > 0 ? kFault : kIdle, true);
    items.outDots->setFlow(running ? m_rates.deadLetters(group.service) : 0.0, 1.0, kFault);
}

bool FlowView::isRunning() const
{
    return m_snapshot && m_snapshot->state == demo::DemoState::Running;
}

const GroupNode& FlowView::groupNode(Service service) const
{
    return *m_groups[size_t(demo::indexOf(service))].node;
}

const demo::GroupSnapshot& FlowView::shownGroup(Service service) const
{
    return groupNode(service).shown();
}

quint64 FlowView::shownDeadLetters(Service service) const
{
    return m_groups[size_t(demo::indexOf(service))].deadLetters->shown();
}

QString FlowView::edgeLabel(Service service) const
{
    return m_groups[size_t(demo::indexOf(service))].in->label();
}

QString FlowView::paymentNote() const
{
    return m_paymentNote->text();
}

int FlowView::dotCount() const
{
    return m_dots->dotCount();
}

void FlowView::updateAnimation()
{
    const bool wanted = isVisible() && (isRunning() || m_dots->dotCount() > 0);
    if (wanted && !m_frame.isActive()) {
        m_sinceFrame.start();
        m_frame.start();
    } else if (!wanted && m_frame.isActive()) {
        m_frame.stop();
    }
}

void FlowView::nextFrame()
{
    const double seconds = std::min(kLongestFrame, double(m_sinceFrame.restart()) / 1000.0);
    m_dots->advance(seconds);
    if (!isRunning() && m_dots->dotCount() == 0)
        updateAnimation();
}

void FlowView::resizeEvent(QResizeEvent* event)
{
    QGraphicsView::resizeEvent(event);
    fitInView(m_scene.sceneRect(), Qt::KeepAspectRatio);
}

void FlowView::showEvent(QShowEvent* event)
{
    QGraphicsView::showEvent(event);
    fitInView(m_scene.sceneRect(), Qt::KeepAspectRatio);
    updateAnimation();
}

void FlowView::hideEvent(QHideEvent* event)
{
    QGraphicsView::hideEvent(event);
    updateAnimation();
}

} // namespace bs::ui
