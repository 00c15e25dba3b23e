#pragma once
// The teacher's side of the demo page: Start / Stop / Reset (after a confirmation), the
// order rate (OrderRateSlider), the speed factor, the fault switches, the autoscaler, the
// six services' knobs (ServiceControls) and "Replay payment's dead letters"
// (ReplayDeadLettersBox). Every change goes straight to the DemoRunner; the panel shows
// the scenario's own values back only when asked (showSettings: at first and after a
// reset), so a snapshot already on its way never undoes a click. Keys (mnemonics, while
// the page shows): Alt+S start, Alt+O stop, Alt+R reset, Alt+E email slow, Alt+P payment
// down, Alt+V order service stopped, Alt+I poison order, Alt+L replay.

#include "demo/DemoTypes.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QGroupBox;
class QLabel;
class QPushButton;
class QSpinBox;

namespace bs::client {
class AdminClient;
}
namespace bs::demo {
class DemoRunner;
struct DemoSnapshot;
} // namespace bs::demo

namespace bs::ui {

/// A group box with a title around one widget (the panel's sections; the page's too).
QGroupBox* titledBox(const QString& title, QWidget* content);

class OrderRateSlider;
class ReplayDeadLettersBox;
class ServiceControls;

class DemoControlPanel : public QWidget
{
    Q_OBJECT
public:
    DemoControlPanel(demo::DemoRunner& runner, client::AdminClient& admin, QWidget* parent = nullptr);

    void showState(demo::DemoState state);
    /// The live part of a snapshot (switch states the scenario reports, e.g. payment down).
    void showSnapshot(const demo::DemoSnapshot& snapshot);
    /// Every knob as the snapshot says, without sending anything back.
    void showSettings(const demo::DemoSnapshot& snapshot);
    void showFailure(const QString& error);

    QPushButton* startButton() const { return m_start; }
    QPushButton* stopButton() const { return m_stop; }
    QPushButton* resetButton() const { return m_reset; }
    QPushButton* poisonButton() const { return m_poison; }
    /// EmailSlow, PaymentDown or ProducerStopped (PoisonOrder is a button: null).
    QCheckBox* faultSwitch(demo::Fault fault) const;
    QCheckBox* autoscaleSwitch() const { return m_autoscale; }
    QSpinBox* autoscaleThreshold() const { return m_threshold; }
    QComboBox* speedBox() const { return m_speed; }
    OrderRateSlider* rateSlider() const { return m_rate; }
    ServiceControls* services() const { return m_services; }
    ReplayDeadLettersBox* replayBox() const { return m_replay; }
    QString statusText() const;

public slots:
    /// Asks first (non-modal); resets on yes.
    void askToReset();

private:
    QWidget* buildRunButtons();
    QWidget* buildOrders();
    QWidget* buildFaults();
    QWidget* buildAutoscaler();
    void sendAutoscale();
    void showSpeed(double speed);

    demo::DemoRunner& m_runner;
    QPushButton* m_start = nullptr;
    QPushButton* m_stop = nullptr;
    QPushButton* m_reset = nullptr;
    QLabel* m_status = nullptr;
    OrderRateSlider* m_rate = nullptr;
    QComboBox* m_speed = nullptr;
    QCheckBox* m_emailSlow = nullptr;
    QCheckBox* m_paymentDown = nullptr;
    QCheckBox* m_producerStopped = nullptr;
    QPushButton* m_poison = nullptr;
    QCheckBox* m_autoscale = nullptr;
    QSpinBox* m_threshold = nullptr;
    ServiceControls* m_services = nullptr;
    ReplayDeadLettersBox* m_replay = nullptr;
};

} // namespace bs::ui
