#pragma once
// Everything known about one message, MQTT 5 properties included, as a two-column list
// (property, value). Properties the message does not carry are listed greyed as "not set";
// user properties are children of their own row, in the order they were sent.
// Right-click or Ctrl+C copies the selected rows as "name: value" lines.

#include "client/MqttMessage.h"

#include <QTreeWidget>

namespace bs::ui {

class PropertiesView : public QTreeWidget
{
    Q_OBJECT
public:
    explicit PropertiesView(QWidget* parent = nullptr);

    void setMessage(const bs::client::MqttMessage& message);
    void clearMessage();

    /// The value shown for a top-level property, by its name ("QoS"); empty if absent.
    QString valueOf(const QString& name) const;
    /// User properties as shown, in order: (name, value) pairs.
    QList<std::pair<QString, QString>> userProperties() const;
    QString selectionAsText() const;

protected:
    void keyPressEvent(QKeyEvent* event) override;
    void contextMenuEvent(QContextMenuEvent* event) override;
};

} // namespace bs::ui
