// The dead-letters page's actions: building them (toolbar, context menu, keys), and the
// flows behind them — replays through the engine's BulkReplayRunner or, by convention,
// the ConventionReplayer after the ReplayDialog; purges after a confirmation in the
// BulkActionBar.

#include "ui/deadletters/DeadLettersPage.h"

#include "models/deadletters/BulkReplayRunner.h"
#include "models/deadletters/ConventionReplayer.h"
#include "models/deadletters/DeadLetterFeed.h"
#include "models/deadletters/DeadLetterFilterProxy.h"
#include "models/deadletters/DeadLetterModel.h"
#include "ui/deadletters/BulkActionBar.h"
#include "ui/deadletters/DeadLetterInspector.h"
#include "ui/deadletters/ReplayDialog.h"
#include "ui/payload/MessageInspector.h"

#include <QAction>
#include <QDateTime>
#include <QMenu>
#include <QTabWidget>
#include <QTableView>
#include <QToolBar>
#include <QTreeWidget>

namespace bs::ui {

using models::BulkReplayRunner;
using models::ReplayTarget;

namespace {

/// "1 dead letter", "3 dead letters" (the console's words are English).
QString deadLetters(qint64 count)
{
    return count == 1 ? QStringLiteral("1 dead letter") : QStringLiteral("%1 dead letters").arg(count);
}

} // namespace

void DeadLettersPage::buildActions()
{
    auto make = [this](const QString& text, const QString& tip, const QList<QKeySequence>& keys, void (DeadLettersPage::*slot)()) {
        auto* action = new QAction(text, this);
        action->setToolTip(keys.isEmpty() ? tip : tip + QStringLiteral(" (") + keys.first().toString(QKeySequence::NativeText) + u')');
        action->setShortcuts(keys);
        action->setShortcutContext(Qt::WidgetShortcut); // the table's keys, not the filter fields'
        m_table->addAction(action);
        connect(action, &QAction::triggered, this, slot);
        return action;
    };
    m_inspectAction = make(tr("Inspect"), tr("Show the letter's payload and metadata"),
                           {QKeySequence(Qt::Key_Return), QKeySequence(Qt::Key_Enter)}, &DeadLettersPage::inspectCurrent);
    m_replayAction = make(tr("Replay"), tr("Replay the selected letters to the group that failed them"),
                          {QKeySequence(Qt::Key_R)}, &DeadLettersPage::replaySelected);
    m_replayMatchingAction = make(tr("Replay all matching"), tr("Replay every pending letter the filter selects"), {},
                                  &DeadLettersPage::replayMatching);
    m_editAction = make(tr("Edit and replay…"), tr("Change one letter's payload or properties, then replay it"), {},
                        &DeadLettersPage::editAndReplay);
    m_replayToTopicAction = make(tr("Replay to topic…"), tr("Publish the selected letters to a topic of your choice"), {},
                                 &DeadLettersPage::replayToTopic);
    m_purgeAction = make(tr("Purge"), tr("Delete the selected letters"), {QKeySequence(QKeySequence::Delete)},
                         &DeadLettersPage::purgeSelected);
    m_purgeMatchingAction = make(tr("Purge all matching"), tr("Delete every letter the filter selects"), {},
                                 &DeadLettersPage::purgeMatching);
    m_refreshAction = new QAction(tr("Refresh"), this);
    m_refreshAction->setToolTip(tr("List the engine's dead letters again"));
    connect(m_refreshAction, &QAction::triggered, m_feed, &models::DeadLetterFeed::refresh);
}

QToolBar* DeadLettersPage::buildToolbar()
{
    auto* bar = new QToolBar;
    bar->setToolButtonStyle(Qt::ToolButtonTextOnly);
    bar->setIconSize(QSize(16, 16));
    for (QAction* action : {m_replayAction, m_replayMatchingAction, m_editAction, m_replayToTopicAction})
        bar->addAction(action);
    bar->addSeparator();
    bar->addAction(m_purgeAction);
    bar->addAction(m_purgeMatchingAction);
    bar->addSeparator();
    bar->addAction(m_refreshAction);
    return bar;
}

void DeadLettersPage::showMenu(const QPoint& position)
{
    if (!m_table->indexAt(position).isValid())
        return;
    auto* menu = new QMenu(this);
    menu->setAttribute(Qt::WA_DeleteOnClose);
    menu->addAction(m_inspectAction);
    menu->addSeparator();
    for (QAction* action : {m_replayAction, m_editAction, m_replayToTopicAction})
        menu->addAction(action);
    menu->addSeparator();
    menu->addAction(m_purgeAction);
    menu->popup(m_table->viewport()->mapToGlobal(position));
}

void DeadLettersPage::connectRunners()
{
    connect(m_runner, &BulkReplayRunner::phaseChanged, this, [this](BulkReplayRunner::Phase phase) {
        if (phase == BulkReplayRunner::Phase::Listing)
            m_bulkBar->showWaiting(tr("Listing the pending letters that match %1…").arg(m_proxy->filter().describe()));
        else if (phase == BulkReplayRunner::Phase::DryRun)
            m_bulkBar->showWaiting(tr("Asking the engine what the replay would do…"));
        updateActions();
    });
    connect(m_runner, &BulkReplayRunner::dryRunReady, this, [this](const QString& text) {
        const qint64 count = m_runner->dryRun().wouldReplay;
        m_bulkBar->showConfirmation(text, count > 0 ? tr("Replay %1").arg(count) : QString());
    });
    auto progress = [this](int done, int total) {
        m_bulkBar->showProgress(done, total, tr("Replaying… %1 of %2").arg(done).arg(total));
    };
    auto replayed = [this](const QStringList& ids, const QString& target) {
        m_letters.markReplayed(ids, target, QDateTime::currentMSecsSinceEpoch());
        m_feed->scheduleRefresh();
    };
    connect(m_runner, &BulkReplayRunner::progress, this, progress);
    connect(m_runner, &BulkReplayRunner::lettersReplayed, this, replayed);
    connect(m_runner, &BulkReplayRunner::finished, this, &DeadLettersPage::onReplayFinished);
    connect(m_replayer, &models::ConventionReplayer::progress, this, progress);
    connect(m_replayer, &models::ConventionReplayer::lettersReplayed, this, replayed);
    connect(m_replayer, &models::ConventionReplayer::finished, this, &DeadLettersPage::onReplayFinished);
    connect(m_runner, &BulkReplayRunner::failed, this, [this](const QString& message) {
        m_bulkBar->showDone(tr("Nothing was replayed: %1").arg(message), true);
        updateActions();
    });
}

void DeadLettersPage::inspectCurrent()
{
    const models::DeadLetter* letter = currentLetter();
    if (!letter)
        return;
    showLetter(*letter);
    m_payloadLoad.stop();
    if (isEngine() && !letter->hasPayload() && m_fullLetter.id != letter->id)
        m_feed->loadFullLetter(letter->id);
    if (m_inspector->hasPayload())
        m_inspector->messageInspector()->tabs()->setFocus();
    else
        m_inspector->details()->setFocus();
}

void DeadLettersPage::replaySelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || isBusy())
        return;
    if (!isEngine()) {
        openReplayDialog(int(ReplayDialog::Kind::Replay), lettersOf(ids));
        return;
    }
    m_bulk = Bulk::EngineReplay;
    m_runner->start(ids, ReplayTarget{}, ids.size() > 1); // one letter: at once
}

void DeadLettersPage::replayMatching()
{
    if (isBusy())
        return;
    if (isEngine()) {
        m_bulk = Bulk::EngineReplay;
        m_runner->startMatching(m_proxy->filter(), ReplayTarget{});
        return;
    }
    QStringList pending;
    for (const QString& id : m_proxy->visibleIds()) {
        const models::DeadLetter* letter = m_letters.letterById(id);
        if (letter && !letter->isReplayed())
            pending.append(id);
    }
    if (pending.isEmpty())
        m_bulkBar->showDone(tr("Every letter that matches was replayed already."));
    else
        openReplayDialog(int(ReplayDialog::Kind::Replay), lettersOf(pending));
}

void DeadLettersPage::editAndReplay()
{
    const models::DeadLetter* letter = currentLetter();
    if (!letter || isBusy())
        return;
    if (letter->hasPayload() || m_fullLetter.id == letter->id) {
        models::DeadLetter full = *letter;
        if (!full.hasPayload())
            full.message = m_fullLetter.message;
        openReplayDialog(int(ReplayDialog::Kind::EditAndReplay), {full});
        return;
    }
    m_editPendingId = letter->id; // opens when its payload is here
    m_feed->loadFullLetter(letter->id);
}

void DeadLettersPage::replayToTopic()
{
    const QStringList ids = selectedIds();
    if (!ids.isEmpty() && !isBusy())
        openReplayDialog(int(ReplayDialog::Kind::ReplayToTopic), lettersOf(ids));
}

ReplayDialog* DeadLettersPage::replayDialog() const
{
    return m_dialog;
}

void DeadLettersPage::openReplayDialog(int kind, const QList<models::DeadLetter>& letters)
{
    if (m_dialog)
        m_dialog->close();
    m_dialog = new ReplayDialog(ReplayDialog::Kind(kind), letters, isEngine(), this);
    m_dialog->setAttribute(Qt::WA_DeleteOnClose);
    ReplayDialog* dialog = m_dialog;
    connect(dialog, &ReplayDialog::replayRequested, this,
            [this, dialog](const ReplayTarget& target) { replayThroughDialog(target, dialog->replayableLetters()); });
    dialog->show();
}

void DeadLettersPage::replayThroughDialog(const ReplayTarget& target, const QList<models::DeadLetter>& letters)
{
    if (letters.isEmpty() || isBusy())
        return;
    if (!isEngine()) {
        startConventionReplay(letters, target);
        return;
    }
    QStringList ids;
    for (const models::DeadLetter& letter : letters)
        ids.append(letter.id);
    m_bulk = Bulk::EngineReplay;
    m_runner->start(ids, target, false); // the dialog was the confirmation
}

void DeadLettersPage::startConventionReplay(const QList<models::DeadLetter>& letters, const ReplayTarget& target)
{
    QList<models::ConventionReplayer::Copy> copies;
    for (models::DeadLetter letter : letters) {
        if (!target.edit.isEmpty() && letter.message) {
            client::MqttMessage edited = *letter.message;
            target.applyEdit(edited);
            letter.message = std::make_shared<const client::MqttMessage>(std::move(edited));
        }
        copies.append({letter.id, letter.replayCopy(target.kind == ReplayTarget::Kind::Topic ? target.topic : QString())});
    }
    m_bulk = Bulk::ConventionReplay;
    m_replayer->start(copies, target.markText());
}

void DeadLettersPage::purgeSelected()
{
    const QStringList ids = selectedIds();
    if (ids.isEmpty() || isBusy())
        return;
    m_bulk = Bulk::PurgeSelected;
    m_purgeIds = ids;
    const int count = int(ids.size());
    m_bulkBar->showConfirmation(
        isEngine() ? tr("Purge %1? The broker deletes them for good.").arg(deadLetters(count))
                   : tr("Remove %1 from this list? The broker's messages stay where they are.").arg(deadLetters(count)),
        isEngine() ? tr("Purge %1").arg(count) : tr("Remove %1").arg(count));
}

void DeadLettersPage::purgeMatching()
{
    if (isBusy())
        return;
    m_bulk = Bulk::PurgeMatching;
    m_purgeFilter = m_proxy->filter();
    if (isEngine()) {
        m_bulkBar->showWaiting(tr("Counting the letters that match %1…").arg(m_purgeFilter.describe()));
        m_feed->purgeMatching(m_purgeFilter, true);
        return;
    }
    m_purgeIds = m_proxy->visibleIds();
    const int count = int(m_purgeIds.size());
    m_bulkBar->showConfirmation(tr("Remove %1 matching %2 from this list?").arg(deadLetters(count), m_purgeFilter.describe()),
                                tr("Remove %1").arg(count));
}

void DeadLettersPage::onBulkConfirmed()
{
    switch (m_bulk) {
    case Bulk::EngineReplay:
        m_runner->confirm();
        break;
    case Bulk::PurgeSelected:
    case Bulk::PurgeMatching:
        if (!isEngine()) {
            m_letters.removeLetters(m_purgeIds);
            m_bulkBar->showDone(tr("Removed %1 from the list.").arg(deadLetters(m_purgeIds.size())));
        } else {
            m_bulkBar->showWaiting(tr("Purging…"));
            if (m_bulk == Bulk::PurgeSelected)
                m_feed->purge(m_purgeIds);
            else
                m_feed->purgeMatching(m_purgeFilter, false);
        }
        break;
    case Bulk::ConventionReplay:
    case Bulk::None:
        break;
    }
    updateActions();
}

void DeadLettersPage::onBulkCancelled()
{
    if (m_bulk == Bulk::EngineReplay && m_runner->phase() == BulkReplayRunner::Phase::Replaying) {
        m_runner->cancel(); // finishes after the chunk in flight, with a summary
        m_bulkBar->showWaiting(tr("Cancelling after the letters in flight…"));
    } else if (m_bulk == Bulk::ConventionReplay && m_replayer->isRunning()) {
        m_replayer->cancel();
    } else {
        if (m_runner->isRunning())
            m_runner->cancel();
        m_bulkBar->dismiss();
    }
}

void DeadLettersPage::onPurgeAnswered(qint64 count, bool dryRun)
{
    if (dryRun && m_bulk == Bulk::PurgeMatching) {
        const QString what = m_purgeFilter.describe();
        m_bulkBar->showConfirmation(
            count > 0 ? tr("Purge %1 matching %2? The broker deletes them for good.").arg(deadLetters(count), what)
                      : tr("No dead letter matches %1.").arg(what),
            count > 0 ? tr("Purge %1").arg(count) : QString());
        return;
    }
    if (!dryRun)
        m_bulkBar->showDone(tr("Purged %1.").arg(deadLetters(count)));
    updateActions();
}

void DeadLettersPage::onReplayFinished(const models::BulkReplaySummary& summary)
{
    m_bulkBar->showDone(summary.text(), summary.failed > 0);
    updateActions();
}

void DeadLettersPage::onFullLetterLoaded(const models::DeadLetter& letter)
{
    m_fullLetter = letter;
    if (const models::DeadLetter* row = m_letters.letterById(letter.id); row && m_inspector->letterId() == letter.id)
        showLetter(*row);
    if (m_editPendingId == letter.id) {
        m_editPendingId.clear();
        editAndReplay();
    }
}

} // namespace bs::ui
