#pragma once
// The table views of the Consumer groups page share one look: whole rows selected,
// alternating colours, no row numbers, compact rows, and each column wide enough for its
// header from the start, so live numbers never make columns jump.

class QAbstractItemModel;
class QString;
class QTableView;

namespace bs::ui {

QTableView* makeDataTableView(QAbstractItemModel* model, const QString& objectName);

} // namespace bs::ui
