#pragma once
// Editor for MQTT 5 user properties: a two-column table (name, value) with Add, Remove,
// Move up and Move down. The row order is the order the properties are sent in; names may
// repeat, as the protocol allows.

#include "client/MqttMessage.h"

#include <QWidget>

class QTableWidget;
class QPushButton;

namespace bs::ui {

class UserPropertiesTable : public QWidget
{
    Q_OBJECT
public:
    explicit UserPropertiesTable(QWidget* parent = nullptr);

    /// Rows in order; rows whose name and value are both empty are left out.
    QList<client::UserProperty> properties() const;
    void setProperties(const QList<client::UserProperty>& properties);

    void addRow(const QString& name = {}, const QString& value = {});
    void removeCurrentRow();
    /// Moves the current row by delta (-1 up, +1 down) and keeps it current.
    void moveCurrentRow(int delta);

private:
    void updateButtons();

    QTableWidget* m_table;
    QPushButton* m_add;
    QPushButton* m_remove;
    QPushButton* m_up;
    QPushButton* m_down;
};

} // namespace bs::ui
