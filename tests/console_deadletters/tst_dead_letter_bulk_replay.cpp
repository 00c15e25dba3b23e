// Bulk replays, headless: BulkReplayPlan's chunks, tallies, cancel and summary; the
// engine's BulkReplayRunner over an AdminClient whose engine the test plays (list every
// page, dry run the whole selection, replay in chunks with one requestId, retry a chunk
// the broker timed out on with the same requestId, cancel between chunks); the
// ConventionReplayer publishing copies through the client, chunk after answered chunk.

#include "DeadLetterTestSupport.h"

#include "models/deadletters/BulkReplayPlan.h"
#include "models/deadletters/BulkReplayRunner.h"
#include "models/deadletters/ConventionReplayer.h"

#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bs::models;
using bs::test::AdminHarness;
using bs::test::AdminRequest;
using bs::test::letterJson;
using bs::test::listingJson;

namespace {

QStringList ids(int count, const QString& group = u"payment"_s)
{
    QStringList list;
    for (int i = 0; i < count; ++i)
        list.append(u"$DLQ/"_s + group + u"/orders#"_s + QString::number(i));
    return list;
}

QList<QJsonObject> letters(int from, int count)
{
    QList<QJsonObject> list;
    for (int i = from; i < from + count; ++i)
        list.append(letterJson(u"payment"_s, u"orders"_s, i));
    return list;
}

QStringList idsOf(const AdminRequest& request)
{
    QStringList list;
    for (const QJsonValue& id : request.body[u"ids"_s].toArray())
        list.append(id.toString());
    return list;
}

} // namespace

class BulkReplayTest : public QObject
{
    Q_OBJECT

private slots:
    void planChunksTalliesAndSummarises()
    {
        BulkReplayPlan plan(ids(250));
        QCOMPARE(plan.chunkCount(), 3);
        QCOMPARE(plan.chunk(2).size(), 50);
        QCOMPARE(plan.takeNextChunk(), ids(250).mid(0, 100));
        QVERIFY(plan.takeNextChunk().isEmpty()); // one chunk in flight at a time
        plan.recordAnswer({{u"replayed"_s, 97}, {u"skippedLoopGuard"_s, 2}, {u"failed"_s, 1},
                           {u"failures"_s, QJsonArray{QJsonObject{{u"id"_s, ids(1).first()}, {u"message"_s, u"no group"_s}}}}});
        QCOMPARE(plan.processed(), 100);
        QCOMPARE(plan.takeNextChunk().size(), 100);
        plan.cancel(); // between chunks: the one in flight still counts
        plan.recordChunkFailure(u"timeout"_s);
        QVERIFY(plan.isFinished());
        QVERIFY(!plan.hasNextChunk());
        const BulkReplaySummary summary = plan.summary();
        QCOMPARE(summary.processed, 200);
        QCOMPARE(summary.replayed, 97);
        QCOMPARE(summary.failed, 101);
        QCOMPARE(summary.text(), u"Cancelled after 200 of 250: replayed 97, 2 skipped by the loop guard, 101 failed. First failure: no group"_s);

        BulkReplayPlan done(ids(3));
        done.takeNextChunk();
        done.recordAnswer({{u"replayed"_s, 3}});
        QCOMPARE(done.summary().text(), u"Replayed 3 of 3: 0 skipped by the loop guard, 0 failed."_s);
    }

    void runnerListsDryRunsThenReplaysInChunks()
    {
        AdminHarness engine;
        engine.answerProbe();
        BulkReplayRunner runner(engine.admin);
        QSignalSpy dryRun(&runner, &BulkReplayRunner::dryRunReady);
        QSignalSpy progress(&runner, &BulkReplayRunner::progress);
        QSignalSpy replayed(&runner, &BulkReplayRunner::lettersReplayed);
        QSignalSpy finished(&runner, &BulkReplayRunner::finished);

        runner.startMatching({u"payment"_s, u"rejected"_s, {}, {}}, ReplayTarget{});
        QCOMPARE(runner.phase(), BulkReplayRunner::Phase::Listing);
        AdminRequest page = engine.last(u"listDeadLetters"_s);
        QCOMPARE(page.body[u"group"_s].toString(), u"payment"_s);
        QCOMPARE(page.body[u"reason"_s].toString(), u"rejected"_s);
        QCOMPARE(page.body[u"state"_s].toString(), u"pending"_s);
        engine.answer(page, listingJson(letters(0, 1000), u"$DLQ/payment/orders#999"_s));
        page = engine.last(u"listDeadLetters"_s);
        QCOMPARE(page.body[u"after"_s].toString(), u"$DLQ/payment/orders#999"_s);
        engine.answer(page, listingJson(letters(1000, 150)));

        QCOMPARE(runner.phase(), BulkReplayRunner::Phase::DryRun);
        const AdminRequest check = engine.last(u"replayDeadLetters"_s);
        QVERIFY(check.body[u"dryRun"_s].toBool());
        QCOMPARE(check.body[u"ids"_s].toArray().size(), 1150);
        QCOMPARE(check.body[u"target"_s].toString(), u"group"_s);
        const QString requestId = check.body[u"requestId"_s].toString();
        QVERIFY(!requestId.isEmpty());
        engine.answer(check, {{u"matched"_s, 1150}, {u"replayed"_s, 1148}, {u"skippedLoopGuard"_s, 2}});
        QCOMPARE(dryRun.size(), 1);
        QCOMPARE(dryRun.first().first().toString(),
                 u"1148 messages back to group payment; 2 skipped by the loop guard (replayed too often already)."_s);
        QCOMPARE(runner.phase(), BulkReplayRunner::Phase::AwaitingConfirmation);
        QCOMPARE(engine.count(u"replayDeadLetters"_s), 1); // nothing replayed before confirm()

        runner.confirm();
        for (int chunk = 0; chunk < 12; ++chunk) {
            const AdminRequest request = engine.last(u"replayDeadLetters"_s);
            QVERIFY(!request.body.contains(u"dryRun"_s));
            QCOMPARE(request.body[u"requestId"_s].toString(), requestId);
            QCOMPARE(request.body[u"ids"_s].toArray().size(), chunk < 11 ? 100 : 50);
            engine.answerReplay(request);
        }
        QCOMPARE(engine.count(u"replayDeadLetters"_s), 13);
        QCOMPARE(progress.last().at(0).toInt(), 1150);
        QCOMPARE(replayed.size(), 12);
        QCOMPARE(replayed.first().at(1).toString(), u"group"_s);
        QCOMPARE(finished.size(), 1);
        const auto summary = finished.first().first().value<BulkReplaySummary>();
        QCOMPARE(summary.replayed, 1150);
        QVERIFY(!summary.cancelled);
        QCOMPARE(runner.phase(), BulkReplayRunner::Phase::Finished);
    }

    void aTimedOutChunkIsRetriedWithTheSameRequestId()
    {
        AdminHarness engine;
        engine.answerProbe();
        BulkReplayRunner runner(engine.admin);
        QSignalSpy finished(&runner, &BulkReplayRunner::finished);
        runner.start(ids(150), ReplayTarget{ReplayTarget::Kind::Original, {}, {}, false}, false);
        const AdminRequest first = engine.last(u"replayDeadLetters"_s);
        QCOMPARE(first.body[u"target"_s].toString(), u"original"_s);
        engine.fail(first, u"timeout"_s, u"The broker did not answer in time."_s);
        const AdminRequest retry = engine.last(u"replayDeadLetters"_s);
        QVERIFY(retry.id != first.id);
        QCOMPARE(retry.body[u"requestId"_s], first.body[u"requestId"_s]);
        QCOMPARE(idsOf(retry), idsOf(first));
        engine.answerReplay(retry);
        // A refusal is final for its chunk: counted as failed, and the run goes on.
        const AdminRequest second = engine.last(u"replayDeadLetters"_s);
        QCOMPARE(idsOf(second), ids(150).mid(100));
        engine.fail(second, u"bad-request"_s, u"no such letter"_s);
        QCOMPARE(finished.size(), 1);
        const auto summary = finished.first().first().value<BulkReplaySummary>();
        QCOMPARE(summary.replayed, 100);
        QCOMPARE(summary.failed, 50);
        QCOMPARE(summary.failures.first().second, u"no such letter"_s);
    }

    void cancelStopsBetweenChunks()
    {
        AdminHarness engine;
        engine.answerProbe();
        BulkReplayRunner runner(engine.admin);
        QSignalSpy finished(&runner, &BulkReplayRunner::finished);
        runner.start(ids(250), ReplayTarget{});
        engine.answerReplay(engine.last(u"replayDeadLetters"_s)); // dry run
        runner.confirm();
        engine.answerReplay(engine.last(u"replayDeadLetters"_s)); // chunk 1
        runner.cancel(); // chunk 2 is in flight
        QCOMPARE(finished.size(), 0);
        engine.answerReplay(engine.last(u"replayDeadLetters"_s)); // chunk 2
        QCOMPARE(finished.size(), 1);
        QCOMPARE(engine.count(u"replayDeadLetters"_s), 3); // dry run + 2 chunks, never the third
        const auto summary = finished.first().first().value<BulkReplaySummary>();
        QVERIFY(summary.cancelled);
        QCOMPARE(summary.processed, 200);
        QCOMPARE(summary.text(), u"Cancelled after 200 of 250: replayed 200, 0 failed."_s);

        // Cancelled before confirming: nothing at all is replayed.
        BulkReplayRunner early(engine.admin);
        early.start(ids(5), ReplayTarget{});
        early.cancel();
        QCOMPARE(early.phase(), BulkReplayRunner::Phase::Finished);
        QCOMPARE(early.plan().summary().replayed, 0);
    }

    void conventionReplayerPublishesChunkAfterAnsweredChunk()
    {
        bs::test::FakeMqttClient client;
        client.setAnswerMode(bs::test::FakeMqttClient::AnswerMode::Manual);
        ConventionReplayer replayer(client);
        QSignalSpy replayed(&replayer, &ConventionReplayer::lettersReplayed);
        QSignalSpy finished(&replayer, &ConventionReplayer::finished);
        QList<ConventionReplayer::Copy> copies;
        for (int i = 0; i < 150; ++i) {
            bs::client::MqttMessage message;
            message.topic = u"orders"_s;
            message.payload = QByteArray::number(i);
            copies.append({u"dlq/orders#"_s + QString::number(i), message});
        }
        replayer.start(copies, u"original"_s);
        QCOMPARE(client.publishedMessages().size(), 100);
        for (int i = 0; i < 99; ++i)
            QVERIFY(client.answerNext());
        QCOMPARE(client.publishedMessages().size(), 100); // the chunk is not answered yet
        QVERIFY(client.answerNext(0x87, u"Not authorized (0x87)"_s));
        QCOMPARE(client.publishedMessages().size(), 150);
        QCOMPARE(replayed.first().first().toStringList().size(), 99);
        replayer.cancel(); // the second chunk is in flight: it finishes
        while (client.answerNext()) {
        }
        QCOMPARE(finished.size(), 1);
        const auto summary = finished.first().first().value<BulkReplaySummary>();
        QCOMPARE(summary.replayed, 149);
        QCOMPARE(summary.failed, 1);
        QCOMPARE(summary.failures.first().second, u"Not authorized (0x87)"_s);
        QVERIFY(!replayer.isRunning());

        // Answers given from inside publish() count too.
        client.setAnswerMode(bs::test::FakeMqttClient::AnswerMode::Synchronous);
        replayer.start(copies.mid(0, 120), u"orders/retry"_s);
        QCOMPARE(finished.size(), 2);
        QCOMPARE(finished.last().first().value<BulkReplaySummary>().replayed, 120);
    }
};

QTEST_GUILESS_MAIN(BulkReplayTest)
#include "tst_dead_letter_bulk_replay.moc"
