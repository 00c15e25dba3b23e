#include "ui/payload/PropertiesView.h"

#include "models/payload/MessagePropertyRows.h"

#include <QApplication>
#include <QClipboard>
#include <QContextMenuEvent>
#include <QHeaderView>
#include <QKeyEvent>
#include <QMenu>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

constexpr int NameColumn = 0;
constexpr int ValueColumn = 1;

} // namespace

PropertiesView::PropertiesView(QWidget* parent)
    : QTreeWidget(parent)
{
    setColumnCount(2);
    setHeaderLabels({tr("Property"), tr("Value")});
    setRootIsDecorated(true);
    setUniformRowHeights(true);
    setSelectionMode(QAbstractItemView::ExtendedSelection);
    setAlternatingRowColors(true);
    setWordWrap(false);
    header()->setSectionResizeMode(NameColumn, QHeaderView::ResizeToContents);
    header()->setStretchLastSection(true);
}

void PropertiesView::setMessage(const bs::client::MqttMessage& message)
{
    clear();
    QTreeWidgetItem* lastTopLevel = nullptr;
    const QColor absentColour = palette().color(QPalette::PlaceholderText);
    for (const bs::models::PropertyRow& row : bs::models::messagePropertyRows(message)) {
        QTreeWidgetItem* item = nullptr;
        if (row.level > 0 && lastTopLevel) {
            item = new QTreeWidgetItem(lastTopLevel, {row.name, row.value});
        } else {
            item = new QTreeWidgetItem(this, {row.name, row.value});
            lastTopLevel = item;
        }
        item->setToolTip(ValueColumn, row.value);
        if (!row.present) {
            item->setForeground(NameColumn, absentColour);
            item->setForeground(ValueColumn, absentColour);
        }
    }
    expandAll();
}

void PropertiesView::clearMessage()
{
    clear();
}

QString PropertiesView::valueOf(const QString& name) const
{
    const QList<QTreeWidgetItem*> items = findItems(name, Qt::MatchExactly, NameColumn);
    return items.isEmpty() ? QString() : items.first()->text(ValueColumn);
}

QList<std::pair<QString, QString>> PropertiesView::userProperties() const
{
    // User properties are the only rows with children.
    QList<std::pair<QString, QString>> properties;
    for (int i = 0; i < topLevelItemCount(); ++i) {
        const QTreeWidgetItem* parent = topLevelItem(i);
        for (int j = 0; j < parent->childCount(); ++j)
            properties.append({parent->child(j)->text(NameColumn), parent->child(j)->text(ValueColumn)});
    }
    return properties;
}

QString PropertiesView::selectionAsText() const
{
    QStringList lines; // in tree order, not in the order the rows were clicked
    const auto add = [&lines](const QTreeWidgetItem* item) {
        if (item->isSelected())
            lines << item->text(NameColumn) + u": "_s + item->text(ValueColumn);
    };
    for (int i = 0; i < topLevelItemCount(); ++i) {
        add(topLevelItem(i));
        for (int j = 0; j < topLevelItem(i)->childCount(); ++j)
            add(topLevelItem(i)->child(j));
    }
    return lines.join(u'\n');
}

void PropertiesView::keyPressEvent(QKeyEvent* event)
{
    if (event->matches(QKeySequence::Copy)) {
        QApplication::clipboard()->setText(selectionAsText());
        return;
    }
    QTreeWidget::keyPressEvent(event);
}

void PropertiesView::contextMenuEvent(QContextMenuEvent* event)
{
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    QTreeWidgetItem* item = itemAt(viewport()->mapFromGlobal(event->globalPos()));
    QAction* copyValue = menu->addAction(tr("Copy value"));
    copyValue->setEnabled(item != nullptr);
    if (item) {
        const QString value = item->text(ValueColumn);
        connect(copyValue, &QAction::triggered, this, [value] { QApplication::clipboard()->setText(value); });
    }
    QAction* copyRows = menu->addAction(tr("Copy selected rows"));
    copyRows->setEnabled(!selectedItems().isEmpty());
    connect(copyRows, &QAction::triggered, this,
            [this] { QApplication::clipboard()->setText(selectionAsText()); });
    menu->popup(event->globalPos());
}

} // namespace bs::ui
