// The Dead letters page offscreen, over a FakeMqttClient under an AdminClient whose engine
// the test plays: the empty state says what fills the page; a listing fills the table and
// the counts; Enter inspects (the full payload is fetched), R replays, Delete purges after
// a confirmation; a bulk replay says first what it will do, shows progress, can be
// cancelled and ends with a summary; a live $DLQ message refreshes the listing, debounced.
// By convention (no admin API) the messages are the rows and R republishes a copy to the
// original topic after a warning.

#include "DeadLetterTestSupport.h"

#include "models/deadletters/BulkReplayRunner.h"
#include "models/deadletters/DeadLetterFeed.h"
#include "models/deadletters/DeadLetterFilterProxy.h"
#include "models/deadletters/DeadLetterModel.h"
#include "ui/deadletters/BulkActionBar.h"
#include "ui/deadletters/DeadLetterFilterBar.h"
#include "ui/deadletters/DeadLetterInspector.h"
#include "ui/deadletters/DeadLettersPage.h"
#include "ui/deadletters/ReplayDialog.h"
#include "ui/payload/MessageInspector.h"
#include "ui/payload/PayloadViewer.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>

using namespace Qt::StringLiterals;
using namespace bs::models;
using bs::test::AdminHarness;
using bs::test::AdminRequest;
using bs::test::deadLetterMessage;
using bs::test::letterJson;
using bs::test::listingJson;
using bs::ui::BulkActionBar;
using bs::ui::DeadLettersPage;

class DeadLettersPageTest : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_engine = std::make_unique<AdminHarness>();
        m_letters = std::make_unique<DeadLetterModel>();
        m_page = std::make_unique<DeadLettersPage>(m_engine->admin, m_engine->client, *m_letters);
        m_page->resize(1200, 800);
        m_page->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_page.get()));
        m_page->activateWindow();
        QVERIFY(QTest::qWaitForWindowActive(m_page.get()));
    }
    void cleanup()
    {
        m_page.reset();
        m_letters.reset();
        m_engine.reset();
    }

    void emptyPageSaysWhatFillsIt()
    {
        QVERIFY(m_page->isShowingEmptyState());
        QVERIFY(m_page->emptyText().contains(u"Asking the broker"_s));
        // '#' never receives $DLQ topics: the page subscribes them itself.
        QVERIFY(m_engine->client.subscriptions().contains(u"$DLQ/#"_s));
        m_engine->answerProbe();
        QCOMPARE(m_letters->mode(), DeadLetterModel::Mode::Engine);
        m_engine->answer(m_engine->last(u"listDeadLetters"_s), listingJson({}));
        QTRY_VERIFY(m_page->emptyText().startsWith(u"No dead letters."_s));
        QVERIFY(m_page->emptyText().contains(u"negative acknowledgement"_s));
        QVERIFY(m_page->isShowingEmptyState());
        QCOMPARE(m_page->countsText(), u"No dead letters"_s);
        QVERIFY(!m_page->replayAction()->isEnabled());
    }

    void listingFillsTheTableAndCounts()
    {
        fillEngine({letterJson(u"payment"_s, u"orders/eu"_s, 0), letterJson(u"payment"_s, u"orders/eu"_s, 1, u"delivery_limit"_s),
                    letterJson(u"audit"_s, u"orders/us"_s, 0, u"expired"_s)});
        QVERIFY(!m_page->isShowingEmptyState());
        QCOMPARE(m_page->tableView()->model()->rowCount(), 3);
        QTRY_VERIFY(m_page->countsText().startsWith(u"3 dead letters"_s)); // coalesced
        QVERIFY(m_page->countsText().contains(u"payment 2"_s));
        // The filter bar's lists come from the letters; a filter narrows the table.
        QComboBox* groups = m_page->filterBar()->groupBox();
        QTRY_VERIFY(groups->findData(u"audit"_s) > 0);
        groups->setCurrentIndex(groups->findData(u"audit"_s));
        QCOMPARE(m_page->proxy()->rowCount(), 1);
        groups->setCurrentIndex(0);
        QCOMPARE(m_page->proxy()->rowCount(), 3);
    }

    void keyRReplaysTheRowAndMarksIt()
    {
        fillEngine({letterJson(u"payment"_s, u"orders"_s, 0)});
        QVERIFY(m_page->selectLetter(u"$DLQ/payment/orders#0"_s));
        m_page->tableView()->setFocus();
        QTest::keyClick(m_page->tableView(), Qt::Key_R);
        const AdminRequest replay = m_engine->last(u"replayDeadLetters"_s);
        QVERIFY(replay.id != 0);
        QCOMPARE(replay.body[u"ids"_s].toArray(), QJsonArray{u"$DLQ/payment/orders#0"_s});
        QCOMPARE(replay.body[u"target"_s].toString(), u"group"_s);
        QVERIFY(!replay.body[u"requestId"_s].toString().isEmpty());
        QVERIFY(!replay.body.contains(u"dryRun"_s)); // one letter: no dry run
        m_engine->answerReplay(replay);
        const QModelIndex row = m_page->proxy()->index(0, 0);
        QVERIFY(row.data(DeadLetterModel::ReplayedRole).toBool()); // still listed, marked
        QCOMPARE(m_page->bulkBar()->text(), u"Replayed 1 of 1: 0 skipped by the loop guard, 0 failed."_s);
        QVERIFY(m_page->inspector()->detail(u"Replayed"_s).startsWith(u"once, last "_s));
    }

    void bulkReplayConfirmsShowsProgressAndCancels()
    {
        QList<QJsonObject> many;
        for (int i = 0; i < 250; ++i)
            many.append(letterJson(u"payment"_s, u"orders"_s, i));
        fillEngine(many);
        m_page->replayMatchingAction()->trigger();
        BulkActionBar* bar = m_page->bulkBar();
        QCOMPARE(bar->state(), BulkActionBar::State::Waiting);
        m_engine->answer(m_engine->last(u"listDeadLetters"_s), listingJson(many));
        const AdminRequest dryRun = m_engine->last(u"replayDeadLetters"_s);
        QVERIFY(dryRun.body[u"dryRun"_s].toBool());
        m_engine->answerReplay(dryRun);
        QCOMPARE(bar->state(), BulkActionBar::State::Confirming);
        QCOMPARE(bar->text(), u"250 messages back to group payment."_s);
        QCOMPARE(bar->confirmButton()->text(), u"Replay 250"_s);

        QTest::mouseClick(bar->confirmButton(), Qt::LeftButton);
        m_engine->answerReplay(m_engine->last(u"replayDeadLetters"_s));
        QCOMPARE(bar->state(), BulkActionBar::State::Running);
        QVERIFY(bar->progressBar()->isVisible());
        QCOMPARE(bar->progressBar()->value(), 100);
        QCOMPARE(bar->progressBar()->maximum(), 250);
        QVERIFY(!m_page->replayMatchingAction()->isEnabled()); // one bulk action at a time
        QTest::mouseClick(bar->cancelButton(), Qt::LeftButton);
        m_engine->answerReplay(m_engine->last(u"replayDeadLetters"_s)); // the chunk in flight
        QCOMPARE(bar->state(), BulkActionBar::State::Done);
        QCOMPARE(bar->text(), u"Cancelled after 200 of 250: replayed 200, 0 failed."_s);
        QCOMPARE(m_engine->count(u"replayDeadLetters"_s), 3);
        int marked = 0;
        for (const DeadLetter& letter : m_letters->letters())
            marked += letter.isReplayed() ? 1 : 0;
        QCOMPARE(marked, 200);
    }

    void multiSelectionReplayHasADryRunLine()
    {
        fillEngine({letterJson(u"payment"_s, u"orders"_s, 0), letterJson(u"payment"_s, u"orders"_s, 1)});
        m_page->tableView()->selectAll();
        m_page->tableView()->setFocus();
        QTest::keyClick(m_page->tableView(), Qt::Key_R);
        const AdminRequest dryRun = m_engine->last(u"replayDeadLetters"_s);
        QVERIFY(dryRun.body[u"dryRun"_s].toBool());
        QCOMPARE(dryRun.body[u"ids"_s].toArray().size(), 2);
        m_engine->answerReplay(dryRun);
        QCOMPARE(m_page->bulkBar()->text(), u"2 messages back to group payment."_s);
        QTest::mouseClick(m_page->bulkBar()->confirmButton(), Qt::LeftButton);
        const AdminRequest replay = m_engine->last(u"replayDeadLetters"_s);
        QCOMPARE(replay.body[u"requestId"_s], dryRun.body[u"requestId"_s]);
        m_engine->answerReplay(replay);
        QCOMPARE(m_page->bulkBar()->text(), u"Replayed 2 of 2: 0 skipped by the loop guard, 0 failed."_s);
    }

    void deletePurgesAfterConfirmation()
    {
        fillEngine({letterJson(u"payment"_s, u"orders"_s, 0), letterJson(u"payment"_s, u"orders"_s, 1)});
        QVERIFY(m_page->selectLetter(u"$DLQ/payment/orders#1"_s));
        m_page->tableView()->setFocus();
        QTest::keyClick(m_page->tableView(), Qt::Key_Delete);
        QCOMPARE(m_engine->count(u"purgeDeadLetters"_s), 0); // asks first
        QCOMPARE(m_page->bulkBar()->state(), BulkActionBar::State::Confirming);
        QVERIFY(m_page->bulkBar()->text().startsWith(u"Purge 1 dead letter"_s));
        QTest::mouseClick(m_page->bulkBar()->confirmButton(), Qt::LeftButton);
        const AdminRequest purge = m_engine->last(u"purgeDeadLetters"_s);
        QCOMPARE(purge.body[u"ids"_s].toArray(), QJsonArray{u"$DLQ/payment/orders#1"_s});
        m_engine->answer(purge, {{u"purged"_s, 1}});
        QCOMPARE(m_letters->rowCount(), 1);
        QCOMPARE(m_page->bulkBar()->text(), u"Purged 1 dead letter."_s);

        // Purge all matching: a dry run says how many first.
        m_page->purgeMatchingAction()->trigger();
        const AdminRequest dry = m_engine->last(u"purgeDeadLetters"_s);
        QVERIFY(dry.body[u"all"_s].toBool());
        QVERIFY(dry.body[u"dryRun"_s].toBool());
        m_engine->answer(dry, {{u"purged"_s, 1}, {u"dryRun"_s, true}});
        QVERIFY(m_page->bulkBar()->text().contains(u"matching every letter"_s));
        QTest::mouseClick(m_page->bulkBar()->confirmButton(), Qt::LeftButton);
        QVERIFY(!m_engine->last(u"purgeDeadLetters"_s).body[u"dryRun"_s].toBool());
    }

    void enterInspectsWithTheFullPayload()
    {
        fillEngine({letterJson(u"payment"_s, u"orders"_s, 0)});
        QVERIFY(m_page->selectLetter(u"$DLQ/payment/orders#0"_s));
        QCOMPARE(m_page->inspector()->detail(u"Reason"_s), u"rejected"_s);
        QCOMPARE(m_page->inspector()->detail(u"Original topic"_s), u"orders"_s);
        m_page->tableView()->setFocus();
        const qsizetype before = m_engine->count(u"listDeadLetters"_s);
        QTest::keyClick(m_page->tableView(), Qt::Key_Return);
        QCOMPARE(m_engine->count(u"listDeadLetters"_s), before + 1);
        const AdminRequest load = m_engine->last(u"listDeadLetters"_s);
        QCOMPARE(load.body[u"payload"_s].toString(), u"full"_s);
        QCOMPARE(load.body[u"ids"_s].toArray(), QJsonArray{u"$DLQ/payment/orders#0"_s});
        QJsonObject full = letterJson(u"payment"_s, u"orders"_s, 0);
        full[u"payload"_s] = u"{\"order\": 1}"_s;
        full[u"payloadBase64"_s] = QString::fromLatin1(QByteArray(R"({"order": 1})").toBase64());
        full[u"userProperties"_s] = QJsonArray{QJsonObject{{u"name"_s, u"dlq-reason"_s}, {u"value"_s, u"rejected"_s}}};
        m_engine->answer(load, listingJson({full}));
        QVERIFY(m_page->inspector()->hasPayload());
        QCOMPARE(m_page->inspector()->messageInspector()->payloadViewer()->payload(), QByteArray(R"({"order": 1})"));
        QVERIFY(m_page->inspector()->isAncestorOf(QApplication::focusWidget()));
    }

    void editAndReplaySendsTheEdit()
    {
        fillEngine({letterJson(u"payment"_s, u"orders"_s, 0)});
        QVERIFY(m_page->selectLetter(u"$DLQ/payment/orders#0"_s));
        m_page->editAndReplayAction()->trigger(); // needs the payload first
        const AdminRequest load = m_engine->last(u"listDeadLetters"_s);
        QCOMPARE(load.body[u"payload"_s].toString(), u"full"_s);
        QVERIFY(!m_page->replayDialog());
        QJsonObject full = letterJson(u"payment"_s, u"orders"_s, 0);
        full[u"payloadBase64"_s] = QString::fromLatin1(QByteArray("order-1").toBase64());
        full[u"userProperties"_s] = QJsonArray{QJsonObject{{u"name"_s, u"trace"_s}, {u"value"_s, u"t-1"_s}},
                                               QJsonObject{{u"name"_s, u"dlq-reason"_s}, {u"value"_s, u"rejected"_s}}};
        m_engine->answer(load, listingJson({full}));
        bs::ui::ReplayDialog* dialog = m_page->replayDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->kind(), bs::ui::ReplayDialog::Kind::EditAndReplay);
        QVERIFY(dialog->warningText().isEmpty()); // back to the group: nobody else sees it
        dialog->topicEdit()->setText(u"orders/retry"_s);
        QCOMPARE(dialog->warningText(), u"Every subscriber of orders/retry will receive it."_s);
        QTest::mouseClick(dialog->replayButton(), Qt::LeftButton);
        const AdminRequest replay = m_engine->last(u"replayDeadLetters"_s);
        QCOMPARE(replay.body[u"target"_s].toString(), u"topic"_s);
        QCOMPARE(replay.body[u"toTopic"_s].toString(), u"orders/retry"_s);
        const QJsonObject edit = replay.body[u"edit"_s].toObject();
        QCOMPARE(QByteArray::fromBase64(edit[u"payloadBase64"_s].toString().toLatin1()), QByteArray("order-1"));
        QCOMPARE(edit[u"userProperties"_s].toArray(), // the death properties are the engine's to set
                 (QJsonArray{QJsonObject{{u"name"_s, u"trace"_s}, {u"value"_s, u"t-1"_s}}}));
        m_engine->answerReplay(replay);
        QCOMPARE(m_letters->letterAt(0)->lastReplayTarget, u"orders/retry"_s);
    }

    void liveDeadLetterRefreshesDebounced()
    {
        fillEngine({});
        const qsizetype before = m_engine->count(u"listDeadLetters"_s);
        m_letters->ingest({deadLetterMessage(u"$DLQ/payment/orders"_s, "x")});
        m_letters->ingest({deadLetterMessage(u"$DLQ/payment/orders"_s, "y")});
        QCOMPARE(m_engine->count(u"listDeadLetters"_s), before); // not at once
        QVERIFY(m_page->feed()->isRefreshScheduled());
        QTRY_COMPARE(m_engine->count(u"listDeadLetters"_s), before + 1);
        m_engine->answer(m_engine->last(u"listDeadLetters"_s), listingJson({letterJson(u"payment"_s, u"orders"_s, 0)}));
        QTRY_COMPARE(m_page->proxy()->rowCount(), 1);
    }

    void conventionReplayRepublishesAfterAWarning()
    {
        m_engine->answerProbe(false);
        QCOMPARE(m_letters->mode(), DeadLetterModel::Mode::Convention);
        QTRY_VERIFY(m_page->emptyText().contains(u"dlq/#, +/dlq/#, $DLQ/#"_s));
        m_letters->ingest({deadLetterMessage(u"dlq/orders"_s, "order-9", {{u"dlq-original-topic"_s, u"orders"_s}})});
        QTRY_VERIFY(!m_page->isShowingEmptyState());
        QVERIFY(m_page->selectLetter(m_letters->letterAt(0)->id));
        QVERIFY(m_page->inspector()->hasPayload()); // the message is the letter
        m_page->tableView()->setFocus();
        QTest::keyClick(m_page->tableView(), Qt::Key_R);
        bs::ui::ReplayDialog* dialog = m_page->replayDialog();
        QVERIFY(dialog);
        QCOMPARE(dialog->warningText(), u"Every subscriber of orders will receive it again, not only the consumer that failed."_s);
        const qsizetype published = m_engine->client.publishedMessages().size();
        QTest::mouseClick(dialog->replayButton(), Qt::LeftButton);
        QCOMPARE(m_engine->client.publishedMessages().size(), published + 1);
        const bs::client::MqttMessage& copy = m_engine->client.publishedMessages().last();
        QCOMPARE(copy.topic, u"orders"_s);
        QCOMPARE(copy.payload, QByteArray("order-9"));
        QTRY_VERIFY(m_letters->letterAt(0)->isReplayed());
        QTRY_COMPARE(m_page->bulkBar()->state(), BulkActionBar::State::Done);
    }

private:
    void fillEngine(const QList<QJsonObject>& letters)
    {
        m_engine->answerProbe();
        m_engine->answer(m_engine->last(u"listDeadLetters"_s), listingJson(letters));
        QTRY_COMPARE(m_page->proxy()->rowCount(), letters.size());
    }

    std::unique_ptr<AdminHarness> m_engine;
    std::unique_ptr<DeadLetterModel> m_letters;
    std::unique_ptr<DeadLettersPage> m_page;
};

QTEST_MAIN(DeadLettersPageTest)
#include "tst_dead_letters_page.moc"
