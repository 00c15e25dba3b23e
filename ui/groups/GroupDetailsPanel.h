#pragma once
// One consumer group in detail: its members (client id, address, in flight, delivered,
// acknowledged) and, per topic, its committed offset, the log end and the lag — from the
// group's row of the GroupTableModel (its listGroups entry). Rows stay stable when the
// same group is shown again with newer numbers.

#include <QJsonObject>
#include <QWidget>

class QLabel;
class QTableView;

namespace bs::models {
class GroupMembersModel;
class GroupTopicsModel;
} // namespace bs::models

namespace bs::ui {

class GroupDetailsPanel : public QWidget
{
    Q_OBJECT
public:
    explicit GroupDetailsPanel(QWidget* parent = nullptr);

    /// Shows this group (empty: none, with a hint to select one).
    void setGroup(const QJsonObject& group);
    /// The topics of the group shown.
    QStringList topics() const;

    QTableView* membersView() const { return m_membersView; }
    QTableView* topicsView() const { return m_topicsView; }
    QString title() const;

private:
    models::GroupMembersModel* m_members = nullptr;
    models::GroupTopicsModel* m_topics = nullptr;
    QLabel* m_title = nullptr;
    QTableView* m_membersView = nullptr;
    QTableView* m_topicsView = nullptr;
};

} // namespace bs::ui
