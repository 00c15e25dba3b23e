#include "ui/groups/GroupsPage.h"

#include "models/groups/GroupFilterProxy.h"
#include "models/groups/GroupTableModel.h"
#include "ui/groups/CreateGroupDialog.h"
#include "ui/groups/DataTableView.h"
#include "ui/groups/GroupActions.h"
#include "ui/groups/GroupDetailsPanel.h"
#include "ui/groups/GroupLagDelegate.h"
#include "ui/groups/GroupLagPanel.h"
#include "ui/groups/SeekGroupDialog.h"

#include <QHBoxLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableView>
#include <QTextDocumentFragment>
#include <QToolButton>
#include <QVBoxLayout>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::ui {

using client::AdminClient;
using models::GroupTableModel;

namespace {

const QString kListGroups = u"listGroups"_s;

QToolButton* makeButton(const QString& text, const QString& objectName, const QString& toolTip)
{
    auto* button = new QToolButton;
    button->setText(text);
    button->setObjectName(objectName);
    button->setToolTip(toolTip);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    return button;
}

/// The notice under a heading, as rich text.
QString noticeHtml(const QString& body)
{
    return u"<h3>"_s + GroupsPage::tr("Consumer groups") + u"</h3><p>"_s + body + u"</p>"_s;
}

} // namespace

GroupsPage::GroupsPage(AdminClient& admin, GroupTableModel& groups, models::LagHistory& history, QWidget* parent)
    : QWidget(parent), m_admin(admin), m_groups(groups), m_history(history),
      m_proxy(new models::GroupFilterProxy(this)), m_actions(new GroupActions(admin, this))
{
    m_proxy->setSourceModel(&m_groups);

    m_content = new QWidget;
    auto* bottom = new QSplitter(Qt::Horizontal);
    m_details = new GroupDetailsPanel;
    bottom->addWidget(m_details);
    m_lagPanel = new GroupLagPanel(m_history);
    bottom->addWidget(m_lagPanel);
    bottom->setStretchFactor(0, 1);
    bottom->setStretchFactor(1, 1);
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(buildGroupsTable());
    split->addWidget(bottom);
    split->setStretchFactor(0, 2);
    split->setStretchFactor(1, 3);
    auto* contentLayout = new QVBoxLayout(m_content);
    contentLayout->setContentsMargins(0, 0, 0, 0);
    contentLayout->addWidget(buildToolbar());
    contentLayout->addWidget(split, 1);

    m_stack = new QStackedWidget;
    m_stack->addWidget(m_content);
    m_stack->addWidget(buildNotice());
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(m_stack);

    m_refreshTimer.setInterval(kRefreshIntervalMs);
    connect(&m_refreshTimer, &QTimer::timeout, this, &GroupsPage::refresh);
    connect(&m_admin, &AdminClient::answered, this, &GroupsPage::onAnswered);
    connect(&m_admin, &AdminClient::failed, this, &GroupsPage::onFailed);
    connect(&m_admin, &AdminClient::availabilityChanged, this, &GroupsPage::onAvailabilityChanged);
    connect(&m_groups, &GroupTableModel::groupsListed, this, &GroupsPage::refreshDetails);
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(&m_groups, signal, this, &GroupsPage::updateEmptyHint);
    connect(&m_groups, &QAbstractItemModel::modelReset, this, &GroupsPage::updateEmptyHint);
    connect(m_actions, &GroupActions::busyChanged, this, &GroupsPage::updateActions);
    connect(m_actions, &GroupActions::finished, this,
            [this](const QString&, GroupActions::Outcome outcome, const QString& text) {
                showStatus(text, outcome == GroupActions::Outcome::Failed);
                refresh();
            });

    onAvailabilityChanged();
    updateEmptyHint();
}

QWidget* GroupsPage::buildToolbar()
{
    m_filter = new QLineEdit;
    m_filter->setObjectName(u"groupFilter"_s);
    m_filter->setPlaceholderText(tr("Filter groups by name or topic filter"));
    m_filter->setClearButtonEnabled(true);
    m_filter->setMaximumWidth(320);
    connect(m_filter, &QLineEdit::textChanged, m_proxy, &models::GroupFilterProxy::setFilterText);

    m_refreshButton = makeButton(tr("Refresh"), u"refreshButton"_s, tr("Ask the broker for its groups now"));
    m_createButton = makeButton(tr("Create group…"), u"createButton"_s,
                                tr("A durable group that keeps its messages even with no member connected"));
    m_seekButton = makeButton(tr("Seek…"), u"seekButton"_s, tr("Move the selected group's committed offsets"));
    m_deleteButton = makeButton(tr("Delete…"), u"deleteButton"_s, tr("Delete the selected group"));
    connect(m_refreshButton, &QToolButton::clicked, this, &GroupsPage::refresh);
    connect(m_createButton, &QToolButton::clicked, this, &GroupsPage::askToCreateGroup);
    connect(m_seekButton, &QToolButton::clicked, this, &GroupsPage::askToSeekGroup);
    connect(m_deleteButton, &QToolButton::clicked, this, &GroupsPage::askToDeleteGroup);

    m_status = new QLabel;
    m_status->setObjectName(u"statusLabel"_s);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* bar = new QWidget;
    auto* layout = new QHBoxLayout(bar);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_filter, 1);
    for (QToolButton* button : {m_refreshButton, m_createButton, m_seekButton, m_deleteButton})
        layout->addWidget(button);
    layout->addWidget(m_status, 2);
    return bar;
}

QWidget* GroupsPage::buildGroupsTable()
{
    m_groupsView = makeDataTableView(m_proxy, u"groupsView"_s);
    m_groupsView->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_groupsView->setSortingEnabled(true);
    m_groupsView->sortByColumn(GroupTableModel::NameColumn, Qt::AscendingOrder);
    m_groupsView->setItemDelegate(
        new GroupLagDelegate(GroupTableModel::LagColumn, GroupTableModel::TrendColumn, m_groupsView));
    m_groupsView->setColumnWidth(GroupTableModel::NameColumn, 150);
    m_groupsView->setColumnWidth(GroupTableModel::FilterColumn, 170);
    m_groupsView->setColumnWidth(GroupTableModel::LagColumn, 96);
    connect(m_groupsView->selectionModel(), &QItemSelectionModel::selectionChanged, this, &GroupsPage::onSelectionChanged);
    connect(m_groupsView->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &GroupsPage::onSelectionChanged);

    m_emptyHint = new QLabel(tr("No consumer groups yet. Members of a shared subscription "
                                "$share/<group>/<filter> make one; Create group… makes a durable one."));
    m_emptyHint->setObjectName(u"emptyHint"_s);
    m_emptyHint->setWordWrap(true);

    auto* box = new QWidget;
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_emptyHint);
    layout->addWidget(m_groupsView, 1);
    return box;
}

QWidget* GroupsPage::buildNotice()
{
    m_notice = new QLabel;
    m_notice->setObjectName(u"noticeLabel"_s);
    m_notice->setWordWrap(true);
    m_notice->setTextFormat(Qt::RichText);
    m_notice->setAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    // A rich-text label with word wrap asks for a narrow column: give it a readable measure.
    m_notice->setMinimumWidth(std::min(560, m_notice->fontMetrics().averageCharWidth() * 80));
    m_notice->setMaximumWidth(680);
    m_notice->setMargin(24);
    connect(m_notice, &QLabel::linkActivated, this, [this](const QString& link) {
        if (link == u"topics")
            emit topicsPageRequested();
        else if (link == u"deadletters")
            emit deadLettersPageRequested();
    });
    auto* box = new QWidget;
    auto* layout = new QHBoxLayout(box);
    layout->addStretch();
    layout->addWidget(m_notice, 0, Qt::AlignVCenter);
    layout->addStretch();
    return box;
}

QStringList GroupsPage::selectedGroups() const
{
    QStringList names;
    for (const QModelIndex& index : m_groupsView->selectionModel()->selectedRows())
        names.append(index.data(GroupTableModel::GroupNameRole).toString());
    std::sort(names.begin(), names.end(), [](const QString& a, const QString& b) {
        return QString::compare(a, b, Qt::CaseInsensitive) < 0;
    });
    return names;
}

QJsonObject GroupsPage::currentGroup() const
{
    return m_groups.group(m_currentKey);
}

void GroupsPage::selectGroups(const QStringList& names)
{
    QItemSelectionModel* selection = m_groupsView->selectionModel();
    selection->clearSelection();
    const auto flags = QItemSelectionModel::Select | QItemSelectionModel::Rows;
    for (int row = 0; row < m_groups.rowCount(); ++row) {
        const QModelIndex source = m_groups.index(row, 0);
        const QString name = source.data(GroupTableModel::GroupNameRole).toString();
        const QModelIndex index = m_proxy->mapFromSource(source);
        if (!names.contains(name) || !index.isValid())
            continue;
        if (name == names.first() && !selection->isRowSelected(selection->currentIndex().row()))
            selection->setCurrentIndex(index, flags);
        else
            selection->select(index, flags);
    }
}

bool GroupsPage::isShowingGroups() const
{
    return m_stack->currentWidget() == m_content;
}

QString GroupsPage::noticeText() const
{
    return QTextDocumentFragment::fromHtml(m_notice->text()).toPlainText();
}

QString GroupsPage::statusText() const
{
    return m_status->text();
}

void GroupsPage::refresh()
{
    if (m_admin.availability() != AdminClient::Availability::Available)
        return;
    if (m_listRequest != 0) {
        m_refreshAgain = true;
        return;
    }
    m_refreshAgain = false;
    m_listRequest = m_admin.request(kListGroups);
}

void GroupsPage::askToCreateGroup()
{
    auto* dialog = new CreateGroupDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_actions->createGroup(dialog->request()); });
    dialog->open();
}

void GroupsPage::askToSeekGroup()
{
    const QJsonObject group = currentGroup();
    if (group.isEmpty())
        return;
    auto* dialog = new SeekGroupDialog(group.value(u"group"_s).toString(), m_details->topics(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &QDialog::accepted, this, [this, dialog] { m_actions->seekGroup(dialog->request()); });
    dialog->open();
}

void GroupsPage::askToDeleteGroup()
{
    const QJsonObject group = currentGroup();
    if (!group.isEmpty())
        m_actions->deleteGroup(group.value(u"group"_s).toString());
}

void GroupsPage::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    m_refreshTimer.start();
    refresh();
}

void GroupsPage::hideEvent(QHideEvent* event)
{
    QWidget::hideEvent(event);
    m_refreshTimer.stop();
}

void GroupsPage::onAnswered(quint64 requestId, const QString&, const QJsonObject& result)
{
    if (requestId != m_listRequest)
        return;
    m_listRequest = 0;
    m_groups.setGroups(result.value(u"groups"_s).toArray());
    if (m_refreshAgain)
        refresh();
}

void GroupsPage::onFailed(quint64 requestId, const QString&, const QString& code, const QString& message)
{
    if (requestId != m_listRequest)
        return;
    m_listRequest = 0;
    if (code != u"not-connected") // the notice says so
        showStatus(tr("Could not list the groups: %1").arg(message.isEmpty() ? code : message), true);
    if (m_refreshAgain)
        refresh();
}

void GroupsPage::onAvailabilityChanged()
{
    switch (m_admin.availability()) {
    case AdminClient::Availability::Available:
        m_stack->setCurrentWidget(m_content);
        if (isVisible())
            refresh();
        break;
    case AdminClient::Availability::Probing:
        m_notice->setText(noticeHtml(tr("Checking what this broker can show…")));
        m_stack->setCurrentIndex(1);
        break;
    case AdminClient::Availability::Unknown:
        m_notice->setText(noticeHtml(tr("Not connected to a broker. Connect to one to see its consumer groups.")));
        m_stack->setCurrentIndex(1);
        break;
    case AdminClient::Availability::Unavailable: {
        QString text = tr("This broker does not expose consumer groups: MQTT has no standard way to observe "
                          "shared subscriptions or lag. Brokerscope's embedded broker does — connect to it "
                          "(Connection ▸ Embedded broker). Here you can still browse "
                          "<a href=\"topics\">topics</a> and <a href=\"deadletters\">dead letters</a> kept by "
                          "convention (dlq/#, $DLQ/#).");
        if (!m_admin.unavailableReason().isEmpty())
            text += u"<br><br><small>"_s + m_admin.unavailableReason().toHtmlEscaped() + u"</small>"_s;
        m_notice->setText(noticeHtml(text));
        m_stack->setCurrentIndex(1);
        break;
    }
    }
    updateActions();
}

void GroupsPage::onSelectionChanged()
{
    const QModelIndex current = m_groupsView->selectionModel()->currentIndex();
    const QItemSelectionModel* selection = m_groupsView->selectionModel();
    // The details follow the current row while it is selected, else the first selected one.
    QModelIndex shown = current.isValid() && selection->isRowSelected(current.row(), current.parent()) ? current : QModelIndex();
    if (!shown.isValid() && selection->hasSelection())
        shown = selection->selectedRows().first();
    m_currentKey = shown.isValid() ? shown.data(models::JsonRowsModel::KeyRole).toString() : QString();

    QStringList charted;
    for (const QModelIndex& index : selection->selectedRows()) {
        if (index.data(GroupTableModel::KindRole).toString() != u"session")
            charted.append(index.data(GroupTableModel::GroupNameRole).toString());
    }
    charted.sort(Qt::CaseInsensitive);
    m_lagPanel->setGroups(charted);
    refreshDetails();
    updateActions();
}

void GroupsPage::refreshDetails()
{
    m_details->setGroup(currentGroup());
    updateActions();
}

void GroupsPage::updateActions()
{
    const bool available = m_admin.availability() == AdminClient::Availability::Available;
    const bool idle = available && !m_actions->isBusy();
    const QJsonObject group = currentGroup();
    const bool groupChosen = !group.isEmpty() && group.value(u"kind"_s).toString() != u"session";
    m_refreshButton->setEnabled(available);
    m_createButton->setEnabled(idle);
    m_seekButton->setEnabled(idle && groupChosen);
    m_deleteButton->setEnabled(idle && groupChosen);
}

void GroupsPage::updateEmptyHint()
{
    m_emptyHint->setVisible(m_groups.rowCount() == 0);
}

void GroupsPage::showStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? u"color: #c81e1e;"_s : QString());
}

} // namespace bs::ui
