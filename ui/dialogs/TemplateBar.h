#pragma once
// The inject dialog's template row: a name box listing the saved templates (type a new
// name to save under it), and Load, Save and Delete. Loading and deleting talk to the
// TemplateStore directly; saving asks the dialog for the message (saveRequested).

#include "client/MqttMessage.h"

#include <QWidget>

class QComboBox;
class QPushButton;

namespace bs::ui {

class TemplateStore;

class TemplateBar : public QWidget
{
    Q_OBJECT
public:
    explicit TemplateBar(TemplateStore& store, QWidget* parent = nullptr);

    QString currentName() const;
    void setCurrentName(const QString& name);

signals:
    void loadRequested(const bs::client::MqttMessage& message, const QString& name);
    void saveRequested(const QString& name);
    void statusMessage(const QString& text, bool warning);

private:
    void refresh();
    void updateButtons();

    TemplateStore& m_store;
    QComboBox* m_names;
    QPushButton* m_load;
    QPushButton* m_save;
    QPushButton* m_delete;
};

} // namespace bs::ui
