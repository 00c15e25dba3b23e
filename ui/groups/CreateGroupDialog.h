#pragma once
// "Create group…": a durable consumer group (admin API createGroup) that exists without
// members and accumulates its filter's messages until deleted. Name, topic filter, where
// it starts (the log end: only what arrives from now; or the oldest message kept), and
// optional limits (deliveries before a dead letter, backlog before the oldest is
// dead-lettered; 0 keeps the broker's default). The summary line under the fields says
// what will happen, and "Create group" is enabled only when the fields are valid: the
// dialog is its own confirmation.
//
// Non-modal: open() it; on accepted() read request().

#include "ui/groups/SummaryDialog.h"

#include <QJsonObject>

class QLineEdit;
class QRadioButton;
class QSpinBox;

namespace bs::ui {

class CreateGroupDialog : public SummaryDialog
{
    Q_OBJECT
public:
    explicit CreateGroupDialog(QWidget* parent = nullptr);

    void setGroupName(const QString& name);
    void setFilter(const QString& filter);

    /// The createGroup fields: group, filter, start, and maxDeliveries / maxLag when set.
    QJsonObject request() const;
    /// Why the fields cannot be sent, in words; empty when they can.
    QString problem() const;
    /// What creating the group will do, in words (when there is no problem).
    QString summary() const;

    /// Why a group name is not a valid share name; empty when it is.
    static QString nameProblem(const QString& name);

private:
    void updateState();

    QLineEdit* m_name = nullptr;
    QLineEdit* m_filter = nullptr;
    QRadioButton* m_startLatest = nullptr;
    QRadioButton* m_startEarliest = nullptr;
    QSpinBox* m_maxDeliveries = nullptr;
    QSpinBox* m_maxLag = nullptr;
};

} // namespace bs::ui
