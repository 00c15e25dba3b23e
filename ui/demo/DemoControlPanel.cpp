#include "ui/demo/DemoControlPanel.h"

#include "demo/DemoRunner.h"
#include "ui/demo/OrderRateSlider.h"
#include "ui/demo/ReplayDeadLettersBox.h"
#include "ui/demo/ServiceControls.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QMessageBox>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::ui {

using demo::DemoState;
using demo::Fault;

namespace {

constexpr double kSpeeds[] = {1, 2, 5, 10, 20, 50};

QCheckBox* makeSwitch(const QString& text, const QString& objectName, const QString& toolTip)
{
    auto* box = new QCheckBox(text);
    box->setObjectName(objectName);
    box->setToolTip(toolTip);
    return box;
}

QString stateText(DemoState state)
{
    switch (state) {
    case DemoState::Idle: return DemoControlPanel::tr("Stopped.");
    case DemoState::Starting: return DemoControlPanel::tr("Starting: connecting the services…");
    case DemoState::Running: return DemoControlPanel::tr("Running.");
    case DemoState::Resetting: return DemoControlPanel::tr("Resetting: removing the groups and their dead letters…");
    }
    return {};
}

} // namespace

QGroupBox* titledBox(const QString& title, QWidget* content)
{
    auto* box = new QGroupBox(title);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(8, 6, 8, 8);
    layout->addWidget(content);
    return box;
}

DemoControlPanel::DemoControlPanel(demo::DemoRunner& runner, client::AdminClient& admin, QWidget* parent)
    : QWidget(parent), m_runner(runner)
{
    m_services = new ServiceControls(runner);
    m_replay = new ReplayDeadLettersBox(admin, demo::serviceName(demo::Service::Payment));

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(buildRunButtons());
    layout->addWidget(titledBox(tr("Orders"), buildOrders()));
    layout->addWidget(titledBox(tr("Faults"), buildFaults()));
    layout->addWidget(titledBox(tr("Services (consumer groups)"), m_services));
    layout->addWidget(titledBox(tr("Autoscaler"), buildAutoscaler()));
    layout->addWidget(titledBox(tr("Dead letters"), m_replay));
    layout->addStretch();
    showState(DemoState::Idle);
}

QWidget* DemoControlPanel::buildRunButtons()
{
    m_start = new QPushButton(tr("&Start"));
    m_start->setObjectName(u"startButton"_s);
    m_start->setToolTip(tr("Start the order service and the six services on the broker"));
    m_stop = new QPushButton(tr("St&op"));
    m_stop->setObjectName(u"stopButton"_s);
    m_stop->setToolTip(tr("Disconnect every demo client; the groups stay on the broker"));
    m_reset = new QPushButton(tr("&Reset…"));
    m_reset->setObjectName(u"resetButton"_s);
    m_reset->setToolTip(tr("Remove the groups and their dead letters; counters to 0, settings as at the start"));
    connect(m_start, &QPushButton::clicked, &m_runner, &demo::DemoRunner::start);
    connect(m_stop, &QPushButton::clicked, &m_runner, &demo::DemoRunner::stop);
    connect(m_reset, &QPushButton::clicked, this, &DemoControlPanel::askToReset);
    m_status = new QLabel;
    m_status->setObjectName(u"demoStatus"_s);
    m_status->setWordWrap(true);

    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* buttons = new QHBoxLayout;
    for (QPushButton* button : {m_start, m_stop, m_reset})
        buttons->addWidget(button);
    layout->addLayout(buttons);
    layout->addWidget(m_status);
    return box;
}

QWidget* DemoControlPanel::buildOrders()
{
    m_rate = new OrderRateSlider;
    connect(m_rate, &OrderRateSlider::rateChosen, &m_runner, &demo::DemoRunner::setOrderRate);
    m_speed = new QComboBox;
    m_speed->setObjectName(u"speedBox"_s);
    m_speed->setToolTip(tr("Every processing time, timeout and delay is divided by this and the order rate "
                           "multiplied: a ten-minute lesson shows every effect"));
    for (double speed : kSpeeds)
        m_speed->addItem(speed == 1 ? tr("×1 (real time)") : u"×%1"_s.arg(speed), speed);
    connect(m_speed, &QComboBox::activated, this,
            [this](int index) { m_runner.setSpeedFactor(m_speed->itemData(index).toDouble()); });

    auto* box = new QWidget;
    auto* layout = new QFormLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addRow(m_rate);
    layout->addRow(tr("Speed"), m_speed);
    return box;
}

QWidget* DemoControlPanel::buildFaults()
{
    m_emailSlow = makeSwitch(tr("&Email slow (×50)"), u"emailSlowSwitch"_s,
                             tr("Email takes 50 times longer for each order"));
    m_paymentDown = makeSwitch(tr("&Payment down"), u"paymentDownSwitch"_s,
                               tr("Payment rejects every order: they become dead letters"));
    m_producerStopped = makeSwitch(tr("Order ser&vice stopped"), u"producerStoppedSwitch"_s,
                                   tr("No new orders: watch the consumers drain their backlog"));
    const std::pair<QCheckBox*, Fault> switches[] = {
        {m_emailSlow, Fault::EmailSlow}, {m_paymentDown, Fault::PaymentDown}, {m_producerStopped, Fault::ProducerStopped}};
    for (const auto& [box, fault] : switches)
        connect(box, &QCheckBox::toggled, this, [this, fault](bool on) { m_runner.setFault(fault, on); });
    m_poison = new QPushButton(tr("Publish a po&ison order"));
    m_poison->setObjectName(u"poisonButton"_s);
    m_poison->setToolTip(tr("One order that crashes every instance that takes it: after 5 deliveries the broker "
                            "moves it to the dead letters"));
    connect(m_poison, &QPushButton::clicked, this, [this] { m_runner.setFault(Fault::PoisonOrder, true); });

    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(2);
    for (QWidget* widget : std::initializer_list<QWidget*>{m_emailSlow, m_paymentDown, m_producerStopped, m_poison})
        layout->addWidget(widget);
    return box;
}

QWidget* DemoControlPanel::buildAutoscaler()
{
    m_autoscale = makeSwitch(tr("Add instances by lag"), u"autoscaleSwitch"_s,
                             tr("One more instance when a group's lag passes the threshold; back to your number "
                                "when it has drained"));
    m_threshold = new QSpinBox;
    m_threshold->setObjectName(u"autoscaleThreshold"_s);
    m_threshold->setRange(1, 100'000);
    m_threshold->setPrefix(tr("lag > "));
    m_threshold->setKeyboardTracking(false);
    m_threshold->setValue(int(m_runner.config().autoscaleLagThreshold));
    connect(m_autoscale, &QCheckBox::toggled, this, &DemoControlPanel::sendAutoscale);
    connect(m_threshold, &QSpinBox::valueChanged, this, &DemoControlPanel::sendAutoscale);

    auto* box = new QWidget;
    auto* layout = new QHBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_autoscale);
    layout->addWidget(m_threshold);
    return box;
}

void DemoControlPanel::sendAutoscale()
{
    m_runner.setAutoscale(m_autoscale->isChecked(), quint64(m_threshold->value()));
}

QCheckBox* DemoControlPanel::faultSwitch(Fault fault) const
{
    switch (fault) {
    case Fault::EmailSlow: return m_emailSlow;
    case Fault::PaymentDown: return m_paymentDown;
    case Fault::ProducerStopped: return m_producerStopped;
    case Fault::PoisonOrder: return nullptr;
    }
    return nullptr;
}

void DemoControlPanel::askToReset()
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Reset the demo"),
                                tr("Remove the six consumer groups and their dead letters from the broker, set every "
                                   "counter to 0 and every setting back to the start? A running demo starts again."),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setObjectName(u"confirmReset"_s);
    box->button(QMessageBox::Yes)->setText(tr("Reset"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box] {
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            m_runner.reset();
    });
    box->open();
}

void DemoControlPanel::showState(DemoState state)
{
    m_start->setEnabled(state == DemoState::Idle);
    m_stop->setEnabled(state == DemoState::Starting || state == DemoState::Running);
    m_reset->setEnabled(state != DemoState::Resetting);
    m_status->setText(stateText(state));
}

void DemoControlPanel::showFailure(const QString& error)
{
    m_status->setText(tr("The demo stopped: %1").arg(error));
}

QString DemoControlPanel::statusText() const
{
    return m_status->text();
}

void DemoControlPanel::showSnapshot(const demo::DemoSnapshot& snapshot)
{
    m_replay->setServiceDown(snapshot.paymentDown);
}

void DemoControlPanel::showSettings(const demo::DemoSnapshot& snapshot)
{
    m_rate->setRate(snapshot.orderRateSetting);
    showSpeed(snapshot.speedFactor);
    const std::pair<QCheckBox*, bool> switches[] = {{m_emailSlow, snapshot.emailSlow},
                                                    {m_paymentDown, snapshot.paymentDown},
                                                    {m_producerStopped, snapshot.producerStopped},
                                                    {m_autoscale, snapshot.autoscale}};
    for (const auto& [box, on] : switches) {
        const QSignalBlocker blocker(box);
        box->setChecked(on);
    }
    {
        const QSignalBlocker blocker(m_threshold);
        m_threshold->setValue(int(snapshot.autoscaleLagThreshold));
    }
    m_services->showSettings(snapshot);
}

void DemoControlPanel::showSpeed(double speed)
{
    int index = m_speed->findData(speed);
    if (index < 0) {
        m_speed->addItem(u"×%1"_s.arg(speed), speed);
        index = m_speed->count() - 1;
    }
    const QSignalBlocker blocker(m_speed);
    m_speed->setCurrentIndex(index);
}

} // namespace bs::ui
