#pragma once
// The teaching demo's page (issue 7): the flow view large in the centre, the teacher's
// controls at the left, and under the picture the sync-vs-async numbers with what they
// mean and the event log. The page drives a DemoRunner (the scenario runs on the runner's
// worker thread) and shows only what arrives from it: snapshots (at most 4 a second),
// event lines and state changes — it never asks the scenario for anything. The Replay
// button goes through the console's AdminClient. Nothing here blocks: the reset question
// is open()ed.

#include "demo/DemoSnapshot.h"

#include <QWidget>

namespace bs::client {
class AdminClient;
}
namespace bs::demo {
class DemoRunner;
}

namespace bs::ui {

class DemoControlPanel;
class DemoEventLog;
class FlowView;
class LatencyComparison;

class DemoPage : public QWidget
{
    Q_OBJECT
public:
    DemoPage(demo::DemoRunner& runner, client::AdminClient& admin, QWidget* parent = nullptr);

    FlowView* flowView() const { return m_flow; }
    DemoControlPanel* controls() const { return m_controls; }
    LatencyComparison* latency() const { return m_latency; }
    DemoEventLog* eventLog() const { return m_log; }

private:
    QWidget* buildControls();
    QWidget* buildBottom();
    void onSnapshot(const demo::DemoSnapshotPtr& snapshot);
    void onStateChanged(demo::DemoState state);

    demo::DemoRunner& m_runner;
    FlowView* m_flow = nullptr;
    DemoControlPanel* m_controls = nullptr;
    LatencyComparison* m_latency = nullptr;
    DemoEventLog* m_log = nullptr;
    /// Show the scenario's knob values on the next snapshot (at first, after a reset).
    bool m_showSettingsNext = true;
};

} // namespace bs::ui
