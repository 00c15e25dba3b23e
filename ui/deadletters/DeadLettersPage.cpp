#include "ui/deadletters/DeadLettersPage.h"

#include "client/AdminClient.h"
#include "client/MqttClient.h"
#include "models/deadletters/BulkReplayRunner.h"
#include "models/deadletters/ConventionReplayer.h"
#include "models/deadletters/DeadLetterFeed.h"
#include "models/deadletters/DeadLetterFilterProxy.h"
#include "models/deadletters/DeadLetterModel.h"
#include "ui/deadletters/BulkActionBar.h"
#include "ui/deadletters/DeadLetterDelegate.h"
#include "ui/deadletters/DeadLetterFilterBar.h"
#include "ui/deadletters/DeadLetterInspector.h"
#include "ui/payload/MessageInspector.h"

#include <QAction>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMenu>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QVBoxLayout>

namespace bs::ui {

using models::DeadLetterModel;

DeadLettersPage::DeadLettersPage(client::AdminClient& admin, client::MqttClient& client,
                                 models::DeadLetterModel& letters, QWidget* parent)
    : QWidget(parent), m_admin(admin), m_client(client), m_letters(letters),
      m_proxy(new models::DeadLetterFilterProxy(this)), m_feed(new models::DeadLetterFeed(admin, letters, this)),
      m_runner(new models::BulkReplayRunner(admin, this)), m_replayer(new models::ConventionReplayer(client, this)),
      m_delegate(new DeadLetterDelegate(this))
{
    m_proxy->setSourceModel(&m_letters);

    m_table = new QTableView;
    m_table->setObjectName(QStringLiteral("deadLetterTable"));
    m_table->setModel(m_proxy);
    m_table->setItemDelegate(m_delegate);
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSortingEnabled(true);
    m_table->sortByColumn(DeadLetterModel::TimeColumn, Qt::DescendingOrder);
    m_table->setAlternatingRowColors(true);
    m_table->setWordWrap(false);
    m_table->setContextMenuPolicy(Qt::CustomContextMenu);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(24);
    m_table->horizontalHeader()->setStretchLastSection(true);
    m_table->horizontalHeader()->setHighlightSections(false);
    for (auto [column, width] : {std::pair{DeadLetterModel::TimeColumn, 130}, std::pair{DeadLetterModel::GroupColumn, 110},
                                 std::pair{DeadLetterModel::OriginalTopicColumn, 200},
                                 std::pair{DeadLetterModel::ReasonColumn, 120},
                                 std::pair{DeadLetterModel::DeliveriesColumn, 80},
                                 std::pair{DeadLetterModel::ReplaysColumn, 130}})
        m_table->setColumnWidth(column, width);
    connect(m_table, &QWidget::customContextMenuRequested, this, &DeadLettersPage::showMenu);
    connect(m_table->selectionModel(), &QItemSelectionModel::currentRowChanged, this, &DeadLettersPage::onCurrentChanged);
    connect(m_table->selectionModel(), &QItemSelectionModel::selectionChanged, this, &DeadLettersPage::updateActions);

    m_empty = new QLabel;
    m_empty->setObjectName(QStringLiteral("deadLettersEmpty"));
    m_empty->setAlignment(Qt::AlignCenter);
    m_empty->setWordWrap(true);
    m_empty->setTextFormat(Qt::PlainText);
    m_empty->setMargin(24);
    QPalette hint = m_empty->palette();
    hint.setColor(QPalette::WindowText, hint.color(QPalette::PlaceholderText));
    m_empty->setPalette(hint);
    m_empty->setMaximumWidth(680);
    auto* emptyPage = new QWidget;
    auto* emptyLayout = new QHBoxLayout(emptyPage);
    emptyLayout->addWidget(m_empty, 0, Qt::AlignCenter);
    m_tableStack = new QStackedWidget;
    m_tableStack->addWidget(m_table);
    m_tableStack->addWidget(emptyPage);

    m_inspector = new DeadLetterInspector;
    connect(m_inspector, &DeadLetterInspector::editAndReplayRequested, this, &DeadLettersPage::editAndReplay);

    m_bulkBar = new BulkActionBar;
    connect(m_bulkBar, &BulkActionBar::confirmed, this, &DeadLettersPage::onBulkConfirmed);
    connect(m_bulkBar, &BulkActionBar::cancelled, this, &DeadLettersPage::onBulkCancelled);
    connect(m_bulkBar, &BulkActionBar::dismissed, this, [this] {
        m_bulk = Bulk::None;
        updateActions();
    });

    m_status = new QLabel;
    m_status->setTextFormat(Qt::PlainText);
    m_status->setObjectName(QStringLiteral("deadLettersStatus"));

    buildActions();
    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(m_tableStack);
    split->addWidget(m_inspector);
    split->setStretchFactor(0, 3);
    split->setStretchFactor(1, 2);
    split->setChildrenCollapsible(false);
    split->setSizes({460, 340});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(6, 6, 6, 6);
    layout->addWidget(buildHeader());
    layout->addWidget(buildToolbar());
    layout->addWidget(m_bulkBar);
    layout->addWidget(split, 1);
    layout->addWidget(m_status);

    m_viewUpdate.setSingleShot(true);
    m_viewUpdate.setInterval(kViewUpdateMs);
    connect(&m_viewUpdate, &QTimer::timeout, this, &DeadLettersPage::updateView);
    m_payloadLoad.setSingleShot(true);
    m_payloadLoad.setInterval(kPayloadLoadDelayMs);
    connect(&m_payloadLoad, &QTimer::timeout, this, [this] {
        const models::DeadLetter* letter = currentLetter();
        if (letter && !letter->hasPayload() && m_fullLetter.id != letter->id && isEngine())
            m_feed->loadFullLetter(letter->id);
    });
    // Whether there is a table to show, and what can be done, follow at once; the counts
    // and the filter lists are coalesced (a flood of convention letters).
    auto rowsChanged = [this] {
        updateEmptyState();
        updateActions();
        scheduleViewUpdate();
    };
    for (auto signal : {&QAbstractItemModel::rowsInserted, &QAbstractItemModel::rowsRemoved})
        connect(m_proxy, signal, this, rowsChanged);
    connect(m_proxy, &QAbstractItemModel::modelReset, this, rowsChanged);
    connect(m_proxy, &QAbstractItemModel::layoutChanged, this, rowsChanged);
    connect(&m_letters, &DeadLetterModel::countsChanged, this, &DeadLettersPage::scheduleViewUpdate);
    connect(&m_letters, &DeadLetterModel::modeChanged, this, &DeadLettersPage::updateView);
    connect(&m_letters, &QAbstractItemModel::dataChanged, this, &DeadLettersPage::onRowsChanged);
    connect(&m_admin, &client::AdminClient::availabilityChanged, this, &DeadLettersPage::updateView);
    connect(m_feed, &models::DeadLetterFeed::fullLetterLoaded, this, &DeadLettersPage::onFullLetterLoaded);
    connect(m_feed, &models::DeadLetterFeed::purgeAnswered, this, &DeadLettersPage::onPurgeAnswered);
    connect(m_feed, &models::DeadLetterFeed::requestFailed, this, [this](const QString& what, const QString& message) {
        if (what == QLatin1String("purge") && m_bulk != Bulk::None)
            m_bulkBar->showDone(tr("Could not purge: %1").arg(message), true);
        else
            setStatus(what == QLatin1String("list") ? tr("Could not list the dead letters: %1").arg(message)
                                                    : tr("Could not load the letter: %1").arg(message), true);
    });
    connect(m_feed, &models::DeadLetterFeed::refreshed, this, [this] { setStatus({}); });
    connectRunners();
    applyPatterns();
    updateView();
}

QWidget* DeadLettersPage::buildHeader()
{
    m_counts = new QLabel;
    m_counts->setObjectName(QStringLiteral("deadLetterCounts"));
    m_counts->setTextFormat(Qt::PlainText);
    m_counts->setWordWrap(true);
    QFont bold = m_counts->font();
    bold.setBold(true);
    m_counts->setFont(bold);
    m_mode = new QLabel;
    m_mode->setTextFormat(Qt::PlainText);
    QPalette quiet = m_mode->palette();
    quiet.setColor(QPalette::WindowText, quiet.color(QPalette::PlaceholderText));
    m_mode->setPalette(quiet);
    m_patterns = new QLineEdit;
    m_patterns->setObjectName(QStringLiteral("deadLetterPatterns"));
    m_patterns->setToolTip(tr("Topic filters whose messages are dead letters on this broker, separated by commas"));
    m_patterns->setText(m_letters.patterns().toText());
    m_patterns->setMinimumWidth(260);
    connect(m_patterns, &QLineEdit::editingFinished, this, &DeadLettersPage::applyPatterns);
    m_filterBar = new DeadLetterFilterBar;
    connect(m_filterBar, &DeadLetterFilterBar::filterChanged, this, [this](const models::DeadLetterFilter& filter) {
        m_proxy->setFilter(filter);
        scheduleViewUpdate();
    });

    auto* header = new QWidget;
    auto* layout = new QVBoxLayout(header);
    layout->setContentsMargins(0, 0, 0, 0);
    auto* top = new QHBoxLayout;
    top->addWidget(m_counts, 1);
    top->addWidget(m_mode);
    top->addWidget(m_patterns);
    layout->addLayout(top);
    layout->addWidget(m_filterBar);
    return header;
}

QString DeadLettersPage::countsText() const
{
    return m_counts->text();
}

QString DeadLettersPage::modeText() const
{
    return m_mode->text();
}

QString DeadLettersPage::statusText() const
{
    return m_status->text();
}

bool DeadLettersPage::isShowingEmptyState() const
{
    return m_tableStack->currentIndex() == 1;
}

QString DeadLettersPage::emptyText() const
{
    if (m_proxy->rowCount() > 0)
        return {};
    if (m_letters.rowCount() > 0)
        return tr("No dead letter matches the filter (%n in all).", nullptr, m_letters.rowCount());
    switch (m_letters.mode()) {
    case DeadLetterModel::Mode::Engine:
        return tr("No dead letters.\n\nA consumer's negative acknowledgement, a poison message over the delivery "
                  "limit, an expired or overflowing backlog put them here. A consumer that cannot acknowledge "
                  "negatively can publish the message it failed on to $DLQ/<group>/<topic>.");
    case DeadLetterModel::Mode::Convention:
        return tr("No dead letters yet.\n\nThis broker keeps no dead letters of its own. Messages on topics matching "
                  "%1 are shown here as they arrive while the console is connected; the original topic comes from "
                  "the user property dlq-original-topic, or from the topic path.")
            .arg(m_letters.patterns().toText());
    case DeadLetterModel::Mode::Unknown:
        break;
    }
    return m_admin.availability() == client::AdminClient::Availability::Probing
        ? tr("Asking the broker whether it keeps dead letters…")
        : tr("Not connected.\n\nDead letters show here once the console is connected to a broker.");
}

void DeadLettersPage::scheduleViewUpdate()
{
    if (!m_viewUpdate.isActive())
        m_viewUpdate.start();
}

void DeadLettersPage::updateView()
{
    m_viewUpdate.stop();
    const bool engine = isEngine();
    const bool convention = m_letters.mode() == DeadLetterModel::Mode::Convention;
    QString counts = m_letters.counts().text();
    if (m_feed->isTruncated())
        counts += tr("  (the first %1 are listed)").arg(m_letters.rowCount());
    m_counts->setText(counts);
    m_mode->setText(engine ? tr("Our engine's dead-letter logs") : convention ? tr("By convention, topics:") : QString());
    m_patterns->setVisible(convention);
    m_filterBar->setGroupLabel(engine ? tr("Group") : tr("Source"));
    m_filterBar->setChoices(m_letters.groups(), m_letters.reasons());
    const int shown = m_proxy->rowCount();
    m_filterBar->setShownText(shown == m_letters.rowCount() ? QString() : tr("%1 of %2 shown").arg(shown).arg(m_letters.rowCount()));
    m_refreshAction->setVisible(engine);
    updateEmptyState();
    updateActions();
}

void DeadLettersPage::updateEmptyState()
{
    const bool rows = m_proxy->rowCount() > 0;
    m_empty->setText(emptyText());
    m_tableStack->setCurrentIndex(rows ? 0 : 1);
    m_inspector->setVisible(rows); // the explanation gets the whole page
}

void DeadLettersPage::updateActions()
{
    const int selected = int(selectedIds().size());
    const bool ready = m_letters.mode() != DeadLetterModel::Mode::Unknown && !isBusy();
    const bool anyShown = m_proxy->rowCount() > 0;
    m_inspectAction->setEnabled(m_table->currentIndex().isValid());
    m_replayAction->setEnabled(ready && selected > 0);
    m_replayToTopicAction->setEnabled(ready && selected > 0);
    m_editAction->setEnabled(ready && selected == 1);
    m_purgeAction->setEnabled(ready && selected > 0);
    m_replayMatchingAction->setEnabled(ready && anyShown);
    m_purgeMatchingAction->setEnabled(ready && anyShown);
    m_replayAction->setText(selected > 1 ? tr("Replay %1 selected").arg(selected) : tr("Replay selected"));
    m_purgeAction->setText(selected > 1 ? tr("Purge %1 selected…").arg(selected) : tr("Purge selected…"));
}

void DeadLettersPage::onCurrentChanged()
{
    updateActions();
    const models::DeadLetter* letter = currentLetter();
    if (!letter) {
        m_inspector->clear();
        return;
    }
    showLetter(*letter);
    if (!letter->hasPayload())
        m_payloadLoad.start();
}

void DeadLettersPage::onRowsChanged(const QModelIndex& topLeft, const QModelIndex& bottomRight)
{
    const int row = m_letters.rowOf(m_inspector->letterId());
    if (row >= topLeft.row() && row <= bottomRight.row())
        showLetter(*m_letters.letterAt(row));
}

void DeadLettersPage::showLetter(const models::DeadLetter& letter)
{
    if (letter.hasPayload() || m_fullLetter.id != letter.id) {
        m_inspector->setLetter(letter);
        return;
    }
    models::DeadLetter withPayload = letter; // the marks of the row, the payload loaded before
    withPayload.message = m_fullLetter.message;
    m_inspector->setLetter(withPayload);
}

void DeadLettersPage::applyPatterns()
{
    QString error;
    const models::DeadLetterPatterns patterns = models::DeadLetterPatterns::fromText(m_patterns->text(), &error);
    if (patterns.isEmpty()) {
        setStatus(tr("Dead-letter topics: %1").arg(error.isEmpty() ? tr("give at least one topic filter") : error), true);
        return;
    }
    const QStringList before = m_letters.patterns().patterns();
    m_letters.setPatterns(patterns);
    m_patterns->setText(patterns.toText());
    // A '#' subscription never receives '$' topics; those are subscribed here (the client
    // keeps them across reconnects). $DLQ/# is always wanted: our engine's letters.
    QStringList wanted = patterns.systemFilters();
    if (!wanted.contains(QStringLiteral("$DLQ/#")))
        wanted.append(QStringLiteral("$DLQ/#"));
    for (const QString& filter : std::as_const(wanted)) {
        if (!m_subscribed.contains(filter)) {
            m_client.subscribe(filter, client::SubscribeOptions(1));
            m_subscribed.append(filter);
        }
    }
    setStatus(error, !error.isEmpty());
    if (before != patterns.patterns())
        emit patternsEdited(patterns.patterns());
    scheduleViewUpdate();
}

void DeadLettersPage::setStatus(const QString& text, bool error)
{
    m_status->setText(text);
    m_status->setStyleSheet(error ? QStringLiteral("color: #b3261e;") : QString());
    m_status->setVisible(!text.isEmpty());
}

bool DeadLettersPage::isEngine() const
{
    return m_letters.mode() == DeadLetterModel::Mode::Engine;
}

bool DeadLettersPage::isBusy() const
{
    return m_runner->isRunning() || m_replayer->isRunning()
        || (m_bulk != Bulk::None && m_bulkBar->state() != BulkActionBar::State::Done);
}

QStringList DeadLettersPage::selectedIds() const
{
    return m_proxy->idsOfRows(m_table->selectionModel()->selectedRows());
}

bool DeadLettersPage::selectLetter(const QString& id)
{
    const int row = m_letters.rowOf(id);
    const QModelIndex index = row < 0 ? QModelIndex() : m_proxy->mapFromSource(m_letters.index(row, 0));
    if (!index.isValid())
        return false;
    m_table->selectionModel()->setCurrentIndex(index, QItemSelectionModel::ClearAndSelect | QItemSelectionModel::Rows);
    m_table->scrollTo(index);
    return true;
}

QList<models::DeadLetter> DeadLettersPage::lettersOf(const QStringList& ids) const
{
    QList<models::DeadLetter> letters;
    for (const QString& id : ids) {
        if (const models::DeadLetter* letter = m_letters.letterById(id))
            letters.append(*letter);
    }
    return letters;
}

const models::DeadLetter* DeadLettersPage::currentLetter() const
{
    const QModelIndex current = m_table->currentIndex();
    return current.isValid() ? m_letters.letterAt(m_proxy->mapToSource(current).row()) : nullptr;
}

} // namespace bs::ui
