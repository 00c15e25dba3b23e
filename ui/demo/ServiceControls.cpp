#include "ui/demo/ServiceControls.h"

#include "demo/DemoRunner.h"

#include <QGridLayout>
#include <QLabel>
#include <QSpinBox>
#include <QToolButton>

#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::ui {

using demo::Service;

namespace {

QSpinBox* makeSpinBox(int minimum, int maximum, const QString& suffix, const QString& toolTip)
{
    auto* box = new QSpinBox;
    box->setSizePolicy(QSizePolicy::Preferred, QSizePolicy::Fixed);
    box->setRange(minimum, maximum);
    box->setSuffix(suffix);
    box->setToolTip(toolTip);
    box->setKeyboardTracking(false);
    box->setAccelerated(true);
    return box;
}

} // namespace

ServiceControls::ServiceControls(demo::DemoRunner& runner, QWidget* parent) : QWidget(parent), m_runner(runner)
{
    auto* grid = new QGridLayout(this);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setHorizontalSpacing(6);
    grid->setVerticalSpacing(3);
    const QStringList headers{tr("Service"), tr("Instances"), tr("Time/order"), tr("Fails"), QString()};
    for (int column = 0; column < headers.size(); ++column) {
        auto* header = new QLabel(u"<small><b>%1</b></small>"_s.arg(headers.at(column)));
        grid->addWidget(header, 0, column);
    }
    int line = 1;
    for (Service service : demo::kAllServices) {
        Row& made = m_rows[size_t(demo::indexOf(service))];
        made = makeRow(service);
        grid->addWidget(new QLabel(demo::serviceName(service)), line, 0);
        grid->addWidget(made.instances, line, 1);
        grid->addWidget(made.processingMs, line, 2);
        grid->addWidget(made.failurePercent, line, 3);
        grid->addWidget(made.crash, line, 4);
        ++line;
    }
    grid->setColumnStretch(0, 1);
}

ServiceControls::Row ServiceControls::makeRow(Service service)
{
    const QString name = demo::serviceName(service);
    Row made;
    made.instances = makeSpinBox(0, kMaxInstances, QString(),
                                 tr("Instances of %1: members of the consumer group %1").arg(name));
    made.processingMs = makeSpinBox(1, 10'000, u" ms"_s, tr("How long %1 takes for one order").arg(name));
    made.processingMs->setSingleStep(10);
    made.failurePercent = makeSpinBox(0, 100, u" %"_s,
                                      tr("Share of orders %1 fails: they become dead letters").arg(name));
    made.crash = new QToolButton;
    made.crash->setText(tr("Crash"));
    made.crash->setToolTip(tr("Kill one %1 instance in the middle of an order; it restarts a moment later").arg(name));
    made.instances->setObjectName(name + u"-instances"_s);
    made.processingMs->setObjectName(name + u"-processingMs"_s);
    made.failurePercent->setObjectName(name + u"-failurePercent"_s);
    made.crash->setObjectName(name + u"-crash"_s);

    connect(made.instances, &QSpinBox::valueChanged, this,
            [this, service](int instances) { m_runner.setInstances(service, instances); });
    connect(made.processingMs, &QSpinBox::valueChanged, this,
            [this, service](int milliseconds) { m_runner.setProcessingMs(service, milliseconds); });
    connect(made.failurePercent, &QSpinBox::valueChanged, this,
            [this, service](int percent) { m_runner.setFailureRate(service, percent / 100.0); });
    connect(made.crash, &QToolButton::clicked, this, [this, service] { m_runner.crashInstance(service); });
    return made;
}

void ServiceControls::showSettings(const demo::DemoSnapshot& snapshot)
{
    for (const demo::GroupSnapshot& group : snapshot.groups) {
        const Row& shown = row(group.service);
        const QSignalBlocker blockInstances(shown.instances);
        const QSignalBlocker blockProcessing(shown.processingMs);
        const QSignalBlocker blockFailures(shown.failurePercent);
        shown.instances->setValue(group.settings.instances);
        shown.processingMs->setValue(group.settings.processingMs);
        shown.failurePercent->setValue(int(std::lround(group.settings.failureRate * 100.0)));
    }
}

} // namespace bs::ui
