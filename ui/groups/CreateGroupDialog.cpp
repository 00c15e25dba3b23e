#include "ui/groups/CreateGroupDialog.h"

#include "broker/protocol/Topic.h"

#include <QFormLayout>
#include <QVBoxLayout>
#include <QHBoxLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QSpinBox>

#include <limits>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

QSpinBox* limitBox(const QString& objectName, int maximum, const QString& suffix)
{
    auto* box = new QSpinBox;
    box->setObjectName(objectName);
    box->setRange(0, maximum);
    box->setSpecialValueText(QObject::tr("broker default"));
    box->setSuffix(suffix);
    box->setGroupSeparatorShown(true);
    return box;
}

} // namespace

CreateGroupDialog::CreateGroupDialog(QWidget* parent)
    : SummaryDialog(parent)
{
    setWindowTitle(tr("Create consumer group"));
    m_name = new QLineEdit;
    m_name->setObjectName(u"nameEdit"_s);
    m_name->setPlaceholderText(tr("e.g. billing"));
    m_filter = new QLineEdit;
    m_filter->setObjectName(u"filterEdit"_s);
    m_filter->setPlaceholderText(tr("e.g. orders/#"));
    m_startLatest = new QRadioButton(tr("From now on (the log end)"));
    m_startLatest->setObjectName(u"startLatest"_s);
    m_startLatest->setChecked(true);
    m_startEarliest = new QRadioButton(tr("From the oldest message kept"));
    m_startEarliest->setObjectName(u"startEarliest"_s);
    auto* start = new QVBoxLayout;
    start->addWidget(m_startLatest);
    start->addWidget(m_startEarliest);
    m_maxDeliveries = limitBox(u"maxDeliveries"_s, 1'000'000, tr(" deliveries"));
    m_maxLag = limitBox(u"maxLag"_s, std::numeric_limits<qint32>::max(), tr(" messages"));

    auto* form = new QFormLayout;
    form->addRow(tr("Group name:"), m_name);
    form->addRow(tr("Topic filter:"), m_filter);
    form->addRow(tr("Start:"), start);
    form->addRow(tr("Dead-letter after:"), m_maxDeliveries);
    form->addRow(tr("Backlog limit:"), m_maxLag);

    setUpLayout(form, tr("Create group"));

    for (QLineEdit* edit : {m_name, m_filter})
        connect(edit, &QLineEdit::textChanged, this, &CreateGroupDialog::updateState);
    connect(m_startEarliest, &QRadioButton::toggled, this, &CreateGroupDialog::updateState);
    updateState();
}

void CreateGroupDialog::setGroupName(const QString& name)
{
    m_name->setText(name);
}

void CreateGroupDialog::setFilter(const QString& filter)
{
    m_filter->setText(filter);
}

QJsonObject CreateGroupDialog::request() const
{
    QJsonObject fields{{u"group"_s, m_name->text().trimmed()},
                       {u"filter"_s, m_filter->text().trimmed()},
                       {u"start"_s, m_startEarliest->isChecked() ? u"earliest"_s : u"latest"_s}};
    if (m_maxDeliveries->value() > 0)
        fields.insert(u"maxDeliveries"_s, m_maxDeliveries->value());
    if (m_maxLag->value() > 0)
        fields.insert(u"maxLag"_s, m_maxLag->value());
    return fields;
}

QString CreateGroupDialog::nameProblem(const QString& name)
{
    if (name.isEmpty())
        return tr("Give the group a name.");
    if (name.contains(u'/') || name.contains(u'+') || name.contains(u'#'))
        return tr("A group name cannot contain '/', '+' or '#'.");
    return {};
}

QString CreateGroupDialog::problem() const
{
    if (const QString name = nameProblem(m_name->text().trimmed()); !name.isEmpty())
        return name;
    const QString filter = m_filter->text().trimmed();
    if (filter.isEmpty())
        return tr("Give the topic filter the group reads, e.g. orders/#.");
    if (!mqtt::TopicFilter(filter).isValid())
        return tr("'%1' is not a valid topic filter: '#' only as the last level, '+' only as a whole level.").arg(filter);
    return {};
}

QString CreateGroupDialog::summary() const
{
    const QString from = m_startEarliest->isChecked() ? tr("every message still kept on %1, then what arrives")
                                                      : tr("what arrives on %1 from now on");
    return tr("Group '%1' will keep %2, even while no member is connected, until it is deleted.")
        .arg(m_name->text().trimmed(), from.arg(m_filter->text().trimmed()));
}

void CreateGroupDialog::updateState()
{
    showSummary(problem(), summary());
}

} // namespace bs::ui
