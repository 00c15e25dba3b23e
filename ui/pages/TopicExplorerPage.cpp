#include "ui/pages/TopicExplorerPage.h"

#include "client/MqttClient.h"
#include "models/history/MessageHistoryModel.h"
#include "models/history/TopicHistoryStore.h"
#include "models/topics/TopicFilterProxy.h"
#include "models/topics/TopicTreeModel.h"
#include "ui/delegates/TopicActivityDelegate.h"
#include "ui/payload/MessageInspector.h"
#include "ui/widgets/LiveTreeView.h"

#include <QApplication>
#include <QCheckBox>
#include <QClipboard>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QMessageBox>
#include <QSplitter>
#include <QTableView>
#include <QTimer>
#include <QToolButton>
#include <QTreeView>
#include <QVBoxLayout>

namespace bs::ui {

using models::MessageHistoryModel;
using models::TopicTreeModel;

TopicExplorerPage::TopicExplorerPage(models::TopicTreeModel& topics,
                                     models::TopicHistoryStore& history,
                                     client::MqttClient& client, QWidget* parent)
    : QWidget(parent), m_topics(topics), m_history(history), m_client(client),
      m_proxy(new models::TopicFilterProxy(this)),
      m_historyModel(new MessageHistoryModel(&history, this)),
      m_delegate(new TopicActivityDelegate(TopicTreeModel::LastChangedRole, this))
{
    m_proxy->setSourceModel(&m_topics);

    m_tree = new LiveTreeView; // skips updates of rows under collapsed parents
    m_tree->setModel(m_proxy);
    m_tree->setItemDelegate(m_delegate);
    m_tree->setUniformRowHeights(true);
    m_tree->setSortingEnabled(true);
    m_tree->sortByColumn(TopicTreeModel::TopicColumn, Qt::AscendingOrder);
    m_tree->setContextMenuPolicy(Qt::CustomContextMenu);
    m_tree->setAlternatingRowColors(true);
    m_tree->header()->setStretchLastSection(false);
    m_tree->header()->setSectionResizeMode(TopicTreeModel::PayloadColumn, QHeaderView::Stretch);
    m_tree->setColumnWidth(TopicTreeModel::TopicColumn, 220);
    m_tree->setColumnWidth(TopicTreeModel::MessagesColumn, 80);
    m_tree->setColumnWidth(TopicTreeModel::RateColumn, 70);
    m_tree->setColumnWidth(TopicTreeModel::RetainedColumn, 70);
    m_tree->setColumnWidth(TopicTreeModel::QosColumn, 40);
    connect(m_tree, &QWidget::customContextMenuRequested, this, &TopicExplorerPage::showTreeMenu);
    connect(m_tree->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            [this](const QModelIndex& current) { onTopicSelected(current); });

    m_inspector = new MessageInspector;
    connect(m_inspector, &MessageInspector::republishRequested, this,
            &TopicExplorerPage::injectRequested);

    auto* right = new QSplitter(Qt::Vertical);
    right->addWidget(buildHistoryPane());
    right->addWidget(m_inspector);
    right->setStretchFactor(1, 3);

    auto* split = new QSplitter(Qt::Horizontal);
    split->addWidget(m_tree);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 1);
    split->setSizes({640, 720});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildToolbar());
    layout->addWidget(split, 1);

    // A fade in the tree needs repaints while it runs; data changes alone stop at 20/s.
    auto* fadeTimer = new QTimer(this);
    fadeTimer->setInterval(100);
    connect(fadeTimer, &QTimer::timeout, this, &TopicExplorerPage::repaintFades);
    fadeTimer->start();
}

QWidget* TopicExplorerPage::buildToolbar()
{
    m_filter = new QLineEdit;
    m_filter->setPlaceholderText(tr("Filter topics: text, or an MQTT filter such as sensors/+/temperature"));
    m_filter->setClearButtonEnabled(true);
    m_filterError = new QLabel;
    m_filterError->setStyleSheet(QStringLiteral("color: #b3261e;"));
    m_filterError->hide();
    connect(m_filter, &QLineEdit::textChanged, this, [this](const QString& text) {
        m_proxy->setFilterText(text);
        const QString error = m_proxy->filterError();
        m_filterError->setText(error);
        m_filterError->setVisible(!error.isEmpty());
        if (!text.isEmpty())
            m_tree->expandAll();
    });
    m_showSystem = new QCheckBox(tr("Show $SYS topics"));
    connect(m_showSystem, &QCheckBox::toggled, this, &TopicExplorerPage::systemTopicsToggled);

    auto* bar = new QWidget;
    auto* row = new QHBoxLayout(bar);
    row->setContentsMargins(0, 0, 0, 0);
    row->addWidget(m_filter, 1);
    row->addWidget(m_filterError);
    row->addWidget(m_showSystem);
    return bar;
}

QWidget* TopicExplorerPage::buildHistoryPane()
{
    m_historyTitle = new QLabel(tr("Select a topic to see its messages"));
    m_historyTitle->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_pause = new QToolButton;
    m_pause->setText(tr("Pause"));
    m_pause->setCheckable(true);
    m_pause->setToolTip(tr("Hold the message list still while new messages keep arriving"));
    connect(m_pause, &QToolButton::toggled, m_historyModel, &MessageHistoryModel::setPaused);
    connect(m_historyModel, &MessageHistoryModel::pendingWhilePaused, this, [this](int count) {
        m_pause->setText(count > 0 ? tr("Resume (%n new)", nullptr, count) : tr("Resume"));
    });
    connect(m_historyModel, &MessageHistoryModel::pausedChanged, this, [this](bool paused) {
        if (!paused)
            m_pause->setText(tr("Pause"));
    });

    m_historyView = new QTableView;
    m_historyView->setModel(m_historyModel);
    m_historyView->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_historyView->setSelectionMode(QAbstractItemView::SingleSelection);
    m_historyView->verticalHeader()->hide();
    m_historyView->verticalHeader()->setDefaultSectionSize(22);
    m_historyView->horizontalHeader()->setStretchLastSection(true);
    connect(m_historyView->selectionModel(), &QItemSelectionModel::currentRowChanged, this,
            &TopicExplorerPage::onHistoryRowSelected);
    // Follow the newest message until the user picks one; picking the top row again
    // follows again.
    connect(m_historyView, &QAbstractItemView::pressed, this,
            [this](const QModelIndex& index) { m_followNewest = index.row() == 0; });
    auto follow = [this] {
        if (m_followNewest && m_historyModel->rowCount() > 0)
            m_historyView->selectRow(0);
    };
    connect(m_historyModel, &QAbstractItemModel::rowsInserted, this, follow);
    connect(m_historyModel, &QAbstractItemModel::modelReset, this, follow);

    auto* pane = new QWidget;
    auto* layout = new QVBoxLayout(pane);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* header = new QHBoxLayout;
    header->addWidget(m_historyTitle, 1);
    header->addWidget(m_pause);
    layout->addLayout(header);
    layout->addWidget(m_historyView);
    return pane;
}

bool TopicExplorerPage::selectTopic(const QString& topic)
{
    const QModelIndex source = m_topics.indexOfTopic(topic);
    if (!source.isValid())
        return false;
    const QModelIndex index = m_proxy->mapFromSource(source);
    if (!index.isValid())
        return false;
    m_tree->expand(index.parent());
    m_tree->scrollTo(index);
    m_tree->setCurrentIndex(index);
    return true;
}

void TopicExplorerPage::onTopicSelected(const QModelIndex& proxyIndex)
{
    const QString topic = proxyIndex.data(TopicTreeModel::FullTopicRole).toString();
    const bool hasMessages =
        bool(proxyIndex.data(TopicTreeModel::LastMessageRole).value<client::MqttMessagePtr>());
    m_followNewest = true;
    m_historyModel->setTopic(hasMessages ? topic : QString());
    m_historyTitle->setText(hasMessages ? topic : tr("%1 (no messages on this level itself)").arg(topic));
    if (!hasMessages)
        m_inspector->setMessage({}, {});
}

void TopicExplorerPage::onHistoryRowSelected()
{
    const int row = m_historyView->currentIndex().row();
    m_inspector->setMessage(m_historyModel->messageAt(row), m_historyModel->previousOf(row));
}

void TopicExplorerPage::showTreeMenu(const QPoint& position)
{
    const QModelIndex proxyIndex = m_tree->indexAt(position);
    if (!proxyIndex.isValid())
        return;
    const QModelIndex source = m_proxy->mapToSource(proxyIndex);
    const QString topic = source.data(TopicTreeModel::FullTopicRole).toString();
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(tr("Copy topic"), this, [topic] { QApplication::clipboard()->setText(topic); });
    menu->addAction(tr("Inject to this topic…"), this, [this, topic] {
        client::MqttMessage prefill;
        prefill.topic = topic;
        emit injectRequested(prefill);
    });
    menu->addAction(tr("Expand all below"), this, [this, proxyIndex] { m_tree->expandRecursively(proxyIndex); });
    menu->addSeparator();
    const int retained = int(m_topics.retainedTopicsUnder(source).size());
    QAction* remove = menu->addAction(retained > 1 ? tr("Delete %n retained message(s) under here…", nullptr, retained)
                                                  : tr("Delete retained message…"));
    remove->setEnabled(retained > 0);
    connect(remove, &QAction::triggered, this, [this, source] { deleteRetainedUnder(source); });
    menu->popup(m_tree->viewport()->mapToGlobal(position));
}

void TopicExplorerPage::deleteRetainedUnder(const QModelIndex& sourceIndex)
{
    const QStringList topics = m_topics.retainedTopicsUnder(sourceIndex);
    if (topics.isEmpty())
        return;
    const QString where = sourceIndex.data(TopicTreeModel::FullTopicRole).toString();
    auto* box = new QMessageBox(QMessageBox::Warning, tr("Delete retained messages"),
                                topics.size() == 1
                                    ? tr("Delete the retained message on %1?\nNew subscribers will no longer receive it.").arg(topics.first())
                                    : tr("Delete %1 retained messages under %2?\nNew subscribers will no longer receive them.").arg(topics.size()).arg(where),
                                QMessageBox::Yes | QMessageBox::Cancel, this);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, topics](int result) {
        if (result != QMessageBox::Yes)
            return;
        for (const QString& topic : topics) {
            client::MqttMessage clear; // §3.3.1.3: an empty retained message clears
            clear.topic = topic;
            clear.qos = 1;
            clear.retain = true;
            m_client.publish(clear);
        }
    });
    box->open();
}

void TopicExplorerPage::repaintFades()
{
    if (m_delegate->highlightActiveUntil() + 100 >= QDateTime::currentMSecsSinceEpoch())
        m_tree->viewport()->update();
}

} // namespace bs::ui
