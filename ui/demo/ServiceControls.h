#pragma once
// The six services' knobs in a grid, one row a service: instances (the teacher's number;
// the autoscaler may run more), processing time per order, failure rate, and a Crash
// button that kills one instance (it restarts after the scenario's restart delay).
// Changes go straight to the DemoRunner; spin boxes report when a value is committed
// (Enter, arrows, leaving the box), not for every keystroke.

#include "demo/DemoTypes.h"

#include <QWidget>
#include <array>

class QSpinBox;
class QToolButton;

namespace bs::demo {
class DemoRunner;
struct DemoSnapshot;
} // namespace bs::demo

namespace bs::ui {

class ServiceControls : public QWidget
{
    Q_OBJECT
public:
    static constexpr int kMaxInstances = 20;

    explicit ServiceControls(demo::DemoRunner& runner, QWidget* parent = nullptr);

    /// Shows the snapshot's settings without sending them back.
    void showSettings(const demo::DemoSnapshot& snapshot);

    QSpinBox* instancesBox(demo::Service service) const { return row(service).instances; }
    QSpinBox* processingBox(demo::Service service) const { return row(service).processingMs; }
    QSpinBox* failureBox(demo::Service service) const { return row(service).failurePercent; }
    QToolButton* crashButton(demo::Service service) const { return row(service).crash; }

private:
    struct Row
    {
        QSpinBox* instances = nullptr;
        QSpinBox* processingMs = nullptr;
        QSpinBox* failurePercent = nullptr;
        QToolButton* crash = nullptr;
    };
    const Row& row(demo::Service service) const { return m_rows[size_t(demo::indexOf(service))]; }
    Row makeRow(demo::Service service);

    demo::DemoRunner& m_runner;
    std::array<Row, demo::kServiceCount> m_rows;
};

} // namespace bs::ui
