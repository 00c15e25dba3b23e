#include "ui/deadletters/DeadLetterFilterBar.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QSignalBlocker>

namespace bs::ui {

DeadLetterFilterBar::DeadLetterFilterBar(QWidget* parent)
    : QWidget(parent), m_groupLabel(new QLabel(tr("Group"), this)), m_group(new QComboBox(this)),
      m_reason(new QComboBox(this)), m_topic(new QLineEdit(this)), m_text(new QLineEdit(this)),
      m_shown(new QLabel(this))
{
    m_group->setObjectName(QStringLiteral("groupFilter"));
    m_reason->setObjectName(QStringLiteral("reasonFilter"));
    m_topic->setObjectName(QStringLiteral("topicFilter"));
    m_text->setObjectName(QStringLiteral("textFilter"));
    for (QComboBox* box : {m_group, m_reason}) {
        box->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        box->setMinimumContentsLength(14);
    }
    fillBox(m_group, tr("All"), {});
    fillBox(m_reason, tr("All"), {});
    m_topic->setPlaceholderText(tr("Original topic filter, e.g. orders/#"));
    m_topic->setClearButtonEnabled(true);
    m_text->setPlaceholderText(tr("Text in payload, topic, member or error"));
    m_text->setClearButtonEnabled(true);
    m_shown->setTextFormat(Qt::PlainText);

    connect(m_group, &QComboBox::currentIndexChanged, this, &DeadLetterFilterBar::emitFilter);
    connect(m_reason, &QComboBox::currentIndexChanged, this, &DeadLetterFilterBar::emitFilter);
    connect(m_topic, &QLineEdit::textChanged, this, &DeadLetterFilterBar::emitFilter);
    connect(m_text, &QLineEdit::textChanged, this, &DeadLetterFilterBar::emitFilter);

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_groupLabel);
    layout->addWidget(m_group);
    layout->addWidget(new QLabel(tr("Reason"), this));
    layout->addWidget(m_reason);
    layout->addWidget(m_topic, 2);
    layout->addWidget(m_text, 2);
    layout->addWidget(m_shown);
}

models::DeadLetterFilter DeadLetterFilterBar::filter() const
{
    return {m_group->currentData().toString(), m_reason->currentData().toString(), m_topic->text().trimmed(),
            m_text->text()};
}

void DeadLetterFilterBar::setFilter(const models::DeadLetterFilter& filter)
{
    m_updating = true;
    for (auto [box, value] : {std::pair{m_group, filter.group}, std::pair{m_reason, filter.reason}}) {
        if (box->findData(value) < 0)
            box->addItem(value, value);
        box->setCurrentIndex(box->findData(value));
    }
    m_topic->setText(filter.topic);
    m_text->setText(filter.text);
    m_updating = false;
    emitFilter();
}

void DeadLetterFilterBar::setChoices(const QStringList& groups, const QStringList& reasons)
{
    fillBox(m_group, tr("All"), groups);
    fillBox(m_reason, tr("All"), reasons);
}

void DeadLetterFilterBar::setGroupLabel(const QString& label)
{
    m_groupLabel->setText(label);
}

void DeadLetterFilterBar::setShownText(const QString& text)
{
    m_shown->setText(text);
}

void DeadLetterFilterBar::fillBox(QComboBox* box, const QString& anyText, const QStringList& values)
{
    const QString current = box->currentData().toString();
    const QSignalBlocker blocker(box);
    box->clear();
    box->addItem(anyText, QString());
    for (const QString& value : values) {
        if (!value.isEmpty())
            box->addItem(value, value);
    }
    if (!current.isEmpty() && box->findData(current) < 0)
        box->addItem(current, current); // keep a choice the rows no longer have
    box->setCurrentIndex(std::max(0, box->findData(current)));
}

void DeadLetterFilterBar::emitFilter()
{
    if (m_updating)
        return;
    const models::DeadLetterFilter current = filter();
    m_topic->setStyleSheet(current.isValid() ? QString() : QStringLiteral("color: #b3261e;"));
    m_topic->setToolTip(current.isValid() ? QString()
                                          : tr("Not an MQTT topic filter: '#' only as the last level, '+' as a whole level"));
    emit filterChanged(current);
}

} // namespace bs::ui
