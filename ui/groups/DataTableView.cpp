#include "ui/groups/DataTableView.h"

#include <QHeaderView>
#include <QTableView>

#include <algorithm>

namespace bs::ui {

QTableView* makeDataTableView(QAbstractItemModel* model, const QString& objectName)
{
    auto* view = new QTableView;
    view->setObjectName(objectName);
    view->setModel(model);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    view->setWordWrap(false);
    view->verticalHeader()->hide();
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 8);
    view->horizontalHeader()->setHighlightSections(false);
    view->horizontalHeader()->setStretchLastSection(true);
    for (int column = 0; column < model->columnCount(); ++column) {
        const QString title = model->headerData(column, Qt::Horizontal).toString();
        view->setColumnWidth(column, std::max(64, view->fontMetrics().horizontalAdvance(title) + 28));
    }
    return view;
}

} // namespace bs::ui
