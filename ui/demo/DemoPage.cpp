#include "ui/demo/DemoPage.h"

#include "demo/DemoRunner.h"
#include "ui/demo/DemoControlPanel.h"
#include "ui/demo/DemoEventLog.h"
#include "ui/demo/FlowView.h"
#include "ui/demo/LatencyComparison.h"

#include <QGroupBox>
#include <QHBoxLayout>
#include <QScrollArea>
#include <QScrollBar>
#include <QSplitter>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::ui {

using demo::DemoState;

namespace {

constexpr int kControlsWidth = 360;
// The picture's share of the height against the numbers and the log (the scene is about
// 1.8 times as wide as it is high: more height would stay empty).
constexpr int kFlowShare = 66;
constexpr int kBottomShare = 34;

} // namespace

DemoPage::DemoPage(demo::DemoRunner& runner, client::AdminClient& admin, QWidget* parent)
    : QWidget(parent), m_runner(runner)
{
    setObjectName(u"demoPage"_s);
    m_flow = new FlowView(runner.config());
    m_controls = new DemoControlPanel(runner, admin);
    m_latency = new LatencyComparison;
    m_log = new DemoEventLog;

    auto* centre = new QSplitter(Qt::Vertical);
    centre->addWidget(m_flow);
    centre->addWidget(buildBottom());
    centre->setStretchFactor(0, 2);
    centre->setStretchFactor(1, 1);
    centre->setSizes({kFlowShare, kBottomShare});
    centre->setChildrenCollapsible(false);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildControls());
    layout->addWidget(centre, 1);

    connect(&m_runner, &demo::DemoRunner::snapshotChanged, this, &DemoPage::onSnapshot);
    connect(&m_runner, &demo::DemoRunner::stateChanged, this, &DemoPage::onStateChanged);
    connect(&m_runner, &demo::DemoRunner::eventLogged, m_log, &DemoEventLog::appendLine);
    connect(&m_runner, &demo::DemoRunner::failed, m_controls, &DemoControlPanel::showFailure);

    onStateChanged(m_runner.state());
    if (const demo::DemoSnapshotPtr latest = m_runner.latestSnapshot()) {
        m_log->showLines(latest->eventLog);
        onSnapshot(latest);
    }
}

QWidget* DemoPage::buildControls()
{
    auto* scroll = new QScrollArea;
    scroll->setObjectName(u"demoControlsScroll"_s);
    scroll->setWidget(m_controls);
    scroll->setWidgetResizable(true);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    scroll->setFrameShape(QFrame::NoFrame);
    // As wide as the panel wants, plus room for the vertical scroll bar on a short screen.
    scroll->setFixedWidth(std::max(kControlsWidth, m_controls->sizeHint().width()
                                                        + scroll->verticalScrollBar()->sizeHint().width() + 4));
    return scroll;
}

QWidget* DemoPage::buildBottom()
{
    auto* bottom = new QSplitter(Qt::Horizontal);
    bottom->addWidget(titledBox(tr("Creating an order: asynchronous vs synchronous"), m_latency));
    bottom->addWidget(titledBox(tr("What happened"), m_log));
    bottom->setStretchFactor(0, 3);
    bottom->setStretchFactor(1, 2);
    bottom->setChildrenCollapsible(false);
    return bottom;
}

void DemoPage::onSnapshot(const demo::DemoSnapshotPtr& snapshot)
{
    if (!snapshot)
        return;
    m_flow->showSnapshot(snapshot);
    m_latency->showSnapshot(*snapshot);
    m_controls->showSnapshot(*snapshot);
    if (m_showSettingsNext && snapshot->state != DemoState::Resetting) {
        m_showSettingsNext = false;
        m_controls->showSettings(*snapshot);
    }
}

void DemoPage::onStateChanged(DemoState state)
{
    m_controls->showState(state);
    if (state == DemoState::Resetting) {
        // The scenario starts its narration over; so does the page.
        m_log->clear();
        m_showSettingsNext = true;
    }
}

} // namespace bs::ui
