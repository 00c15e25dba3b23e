#include "ui/groups/SeekGroupDialog.h"

#include <QButtonGroup>
#include <QComboBox>
#include <QDateTimeEdit>
#include <QFormLayout>
#include <QGridLayout>
#include <QLineEdit>
#include <QRadioButton>
#include <QRegularExpressionValidator>

#include <array>

using namespace Qt::StringLiterals;

namespace bs::ui {

SeekGroupDialog::SeekGroupDialog(const QString& group, const QStringList& topics, QWidget* parent)
    : SummaryDialog(parent), m_group(group)
{
    setWindowTitle(tr("Seek group %1").arg(group));
    m_targets = new QButtonGroup(this);
    auto* grid = new QGridLayout;
    struct Choice
    {
        Target target;
        QString text;
        QString objectName;
    };
    const std::array<Choice, 4> choices{{
        {Target::Earliest, tr("The oldest message kept"), u"targetEarliest"_s},
        {Target::Latest, tr("The log end (skip the backlog)"), u"targetLatest"_s},
        {Target::Time, tr("The first message at or after"), u"targetTime"_s},
        {Target::Offset, tr("Offset"), u"targetOffset"_s},
    }};
    for (const auto& [target, text, objectName] : choices) {
        auto* radio = new QRadioButton(text);
        radio->setObjectName(objectName);
        m_targets->addButton(radio, int(target));
        grid->addWidget(radio, int(target), 0);
    }
    m_targets->button(int(Target::Earliest))->setChecked(true);
    m_time = new QDateTimeEdit(QDateTime::currentDateTime().addSecs(-3600));
    m_time->setObjectName(u"timeEdit"_s);
    m_time->setDisplayFormat(u"yyyy-MM-dd HH:mm:ss"_s);
    m_time->setCalendarPopup(true);
    grid->addWidget(m_time, int(Target::Time), 1);
    m_offset = new QLineEdit;
    m_offset->setObjectName(u"offsetEdit"_s);
    m_offset->setPlaceholderText(tr("e.g. 1200"));
    m_offset->setValidator(new QRegularExpressionValidator(QRegularExpression(u"\\d{0,18}"_s), m_offset));
    grid->addWidget(m_offset, int(Target::Offset), 1);

    m_topic = new QComboBox;
    m_topic->setObjectName(u"topicCombo"_s);
    m_topic->addItem(tr("Every topic of the group"), QString());
    for (const QString& name : topics)
        m_topic->addItem(name, name);

    auto* form = new QFormLayout;
    form->addRow(tr("Read from:"), grid);
    form->addRow(tr("In:"), m_topic);

    setUpLayout(form, tr("Seek"));

    connect(m_targets, &QButtonGroup::idToggled, this, &SeekGroupDialog::updateState);
    connect(m_time, &QDateTimeEdit::dateTimeChanged, this, &SeekGroupDialog::updateState);
    connect(m_offset, &QLineEdit::textChanged, this, &SeekGroupDialog::updateState);
    connect(m_topic, &QComboBox::currentIndexChanged, this, &SeekGroupDialog::updateState);
    updateState();
}

SeekGroupDialog::Target SeekGroupDialog::target() const
{
    return Target(m_targets->checkedId());
}

void SeekGroupDialog::setTarget(Target target)
{
    m_targets->button(int(target))->setChecked(true);
}

void SeekGroupDialog::setTime(const QDateTime& time)
{
    m_time->setDateTime(time);
}

void SeekGroupDialog::setOffset(qint64 offset)
{
    m_offset->setText(QString::number(offset));
}

void SeekGroupDialog::setTopic(const QString& topic)
{
    int index = m_topic->findData(topic);
    if (index < 0) {
        m_topic->addItem(topic, topic);
        index = m_topic->count() - 1;
    }
    m_topic->setCurrentIndex(index);
}

QString SeekGroupDialog::topic() const
{
    return m_topic->currentData().toString();
}

QJsonObject SeekGroupDialog::request() const
{
    static const std::array<QString, 4> names{u"earliest"_s, u"latest"_s, u"time"_s, u"offset"_s};
    QJsonObject fields{{u"group"_s, m_group}, {u"to"_s, names[size_t(target())]}};
    if (target() == Target::Time)
        fields.insert(u"time"_s, m_time->dateTime().toMSecsSinceEpoch());
    else if (target() == Target::Offset)
        fields.insert(u"offset"_s, m_offset->text().toLongLong());
    if (!topic().isEmpty())
        fields.insert(u"topic"_s, topic());
    return fields;
}

QString SeekGroupDialog::problem() const
{
    if (target() == Target::Offset && m_offset->text().isEmpty())
        return tr("Give the offset to read from.");
    return {};
}

QString SeekGroupDialog::summary() const
{
    const QString where = topic().isEmpty() ? tr("in every topic it reads") : tr("in %1").arg(topic());
    switch (target()) {
    case Target::Earliest:
        return tr("Group '%1' will read again from the oldest message kept %2: messages it already "
                  "acknowledged are delivered again.").arg(m_group, where);
    case Target::Latest:
        return tr("Group '%1' will skip everything it still owes %2 and read only what arrives from now on.")
            .arg(m_group, where);
    case Target::Time:
        return tr("Group '%1' will read from the first message at or after %2 %3: earlier messages are "
                  "skipped, later ones delivered (again).").arg(m_group, m_time->dateTime().toString(m_time->displayFormat()), where);
    case Target::Offset:
        return tr("Group '%1' will read from offset %2 %3.").arg(m_group, m_offset->text(), where);
    }
    return {};
}

void SeekGroupDialog::updateState()
{
    const bool time = target() == Target::Time;
    const bool offset = target() == Target::Offset;
    m_time->setEnabled(time);
    m_offset->setEnabled(offset);
    showSummary(problem(), summary());
}

} // namespace bs::ui
