#include "ui/dialogs/UserPropertiesTable.h"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace bs::ui {

using namespace Qt::StringLiterals;

UserPropertiesTable::UserPropertiesTable(QWidget* parent)
    : QWidget(parent)
    , m_table(new QTableWidget(0, 2, this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_remove(new QPushButton(tr("Remove"), this))
    , m_up(new QPushButton(tr("Move up"), this))
    , m_down(new QPushButton(tr("Move down"), this))
{
    m_table->setObjectName(u"userPropertiesTable"_s);
    m_add->setObjectName(u"addUserProperty"_s);
    m_remove->setObjectName(u"removeUserProperty"_s);
    m_up->setObjectName(u"moveUserPropertyUp"_s);
    m_down->setObjectName(u"moveUserPropertyDown"_s);

    m_table->setHorizontalHeaderLabels({tr("Name"), tr("Value")});
    m_table->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Interactive);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->resizeSection(0, 160);
    m_table->verticalHeader()->setVisible(false);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setMinimumHeight(90);

    auto* buttons = new QVBoxLayout;
    for (QPushButton* button : {m_add, m_remove, m_up, m_down}) {
        button->setAutoDefault(false);
        buttons->addWidget(button);
    }
    buttons->addStretch();

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table, 1);
    layout->addLayout(buttons);

    connect(m_add, &QPushButton::clicked, this, [this] {
        addRow();
        m_table->editItem(m_table->item(m_table->rowCount() - 1, 0));
    });
    connect(m_remove, &QPushButton::clicked, this, &UserPropertiesTable::removeCurrentRow);
    connect(m_up, &QPushButton::clicked, this, [this] { moveCurrentRow(-1); });
    connect(m_down, &QPushButton::clicked, this, [this] { moveCurrentRow(+1); });
    connect(m_table, &QTableWidget::currentCellChanged, this, &UserPropertiesTable::updateButtons);
    updateButtons();
}

QList<client::UserProperty> UserPropertiesTable::properties() const
{
    QList<client::UserProperty> properties;
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString name = m_table->item(row, 0) ? m_table->item(row, 0)->text() : QString();
        const QString value = m_table->item(row, 1) ? m_table->item(row, 1)->text() : QString();
        if (!name.isEmpty() || !value.isEmpty())
            properties.append({name, value});
    }
    return properties;
}

void UserPropertiesTable::setProperties(const QList<client::UserProperty>& properties)
{
    m_table->setRowCount(0);
    for (const client::UserProperty& property : properties)
        addRow(property.name, property.value);
    updateButtons();
}

void UserPropertiesTable::addRow(const QString& name, const QString& value)
{
    const int row = m_table->rowCount();
    m_table->insertRow(row);
    m_table->setItem(row, 0, new QTableWidgetItem(name));
    m_table->setItem(row, 1, new QTableWidgetItem(value));
    m_table->setCurrentCell(row, 0);
    updateButtons();
}

void UserPropertiesTable::removeCurrentRow()
{
    const int row = m_table->currentRow();
    if (row < 0)
        return;
    m_table->removeRow(row);
    if (m_table->rowCount() > 0)
        m_table->setCurrentCell(qMin(row, m_table->rowCount() - 1), 0);
    updateButtons();
}

void UserPropertiesTable::moveCurrentRow(int delta)
{
    const int row = m_table->currentRow();
    const int target = row + delta;
    if (row < 0 || target < 0 || target >= m_table->rowCount())
        return;
    const int column = qMax(0, m_table->currentColumn());
    for (int c = 0; c < 2; ++c) {
        QTableWidgetItem* moving = m_table->takeItem(row, c);
        QTableWidgetItem* other = m_table->takeItem(target, c);
        m_table->setItem(target, c, moving);
        m_table->setItem(row, c, other);
    }
    m_table->setCurrentCell(target, column);
    updateButtons();
}

void UserPropertiesTable::updateButtons()
{
    const int row = m_table->currentRow();
    m_remove->setEnabled(row >= 0);
    m_up->setEnabled(row > 0);
    m_down->setEnabled(row >= 0 && row < m_table->rowCount() - 1);
}

} // namespace bs::ui
