#include "ui/groups/GroupDetailsPanel.h"

#include "models/groups/GroupMembersModel.h"
#include "models/groups/GroupTopicsModel.h"
#include "ui/groups/DataTableView.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableView>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

using models::GroupMembersModel;
using models::JsonRowsModel;
using models::GroupTopicsModel;

GroupDetailsPanel::GroupDetailsPanel(QWidget* parent)
    : QWidget(parent), m_members(new GroupMembersModel(this)), m_topics(new GroupTopicsModel(this))
{
    m_title = new QLabel;
    m_title->setObjectName(u"detailsTitle"_s);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);
    // The names take what room is left; the numbers keep the width of their headers.
    m_membersView = makeDataTableView(m_members, u"membersView"_s);
    m_membersView->setColumnWidth(GroupMembersModel::AddressColumn, 130);
    m_membersView->horizontalHeader()->setStretchLastSection(false);
    m_membersView->horizontalHeader()->setSectionResizeMode(GroupMembersModel::ClientIdColumn, QHeaderView::Stretch);
    m_topicsView = makeDataTableView(m_topics, u"topicsView"_s);
    m_topicsView->horizontalHeader()->setStretchLastSection(false);
    m_topicsView->horizontalHeader()->setSectionResizeMode(GroupTopicsModel::TopicColumn, QHeaderView::Stretch);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(new QLabel(tr("Members")));
    layout->addWidget(m_membersView, 2);
    layout->addWidget(new QLabel(tr("Topics: where the group stands in each")));
    layout->addWidget(m_topicsView, 3);
    setGroup({});
}

void GroupDetailsPanel::setGroup(const QJsonObject& group)
{
    m_members->setGroup(group);
    m_topics->setGroup(group);
    const QString name = group.value(u"group"_s).toString();
    const QString kind = group.value(u"kind"_s).toString();
    const QString filters = JsonRowsModel::formatValue(group.value(u"filters"_s), JsonRowsModel::Format::TextList);
    if (group.isEmpty())
        m_title->setText(tr("Select a group to see its members and where it stands in each topic."));
    else if (kind == u"session")
        m_title->setText(tr("Persistent session %1 (its queue counts as lag)").arg(name));
    else if (kind.isEmpty() || filters.isEmpty()) // known from live statistics only, so far
        m_title->setText(tr("Group %1").arg(name));
    else
        m_title->setText(tr("Group %1 (%2, reading %3)").arg(name, kind, filters));
}

QStringList GroupDetailsPanel::topics() const
{
    return m_topics->topics();
}

QString GroupDetailsPanel::title() const
{
    return m_title->text();
}

} // namespace bs::ui
