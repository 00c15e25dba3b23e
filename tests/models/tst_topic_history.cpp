// TopicHistoryStore (bounded rings, global budget) and MessageHistoryModel (newest first,
// coalesced, pause/resume, previousOf), the model under QAbstractItemModelTester.
#include "MessageFactory.h"
#include "models/history/MessageHistoryModel.h"
#include "models/history/TopicHistoryStore.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace bs::models;
using namespace bs::models::test;
using namespace Qt::StringLiterals;

namespace {

QList<QByteArray> payloads(const QList<TopicHistoryStore::Entry>& entries)
{
    QList<QByteArray> out;
    for (const TopicHistoryStore::Entry& entry : entries)
        out.append(entry.message->payload);
    return out;
}

QList<QByteArray> rows(const MessageHistoryModel& model)
{
    QList<QByteArray> out;
    for (int row = 0; row < model.rowCount(); ++row)
        out.append(model.messageAt(row)->payload);
    return out;
}

void feed(TopicHistoryStore& store, const QString& topic, int from, int to)
{
    bs::client::MqttMessageBatch batch;
    for (int i = from; i <= to; ++i)
        batch.append(message(topic, QByteArray::number(i)));
    store.ingest(batch);
}

} // namespace

class TopicHistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void ringKeepsTheNewestPerTopic()
    {
        TopicHistoryStore store;
        QCOMPARE(store.capacityPerTopic(), 1000);
        QCOMPARE(store.byteBudget(), 256 * 1024 * 1024);
        store.setCapacityPerTopic(5);
        feed(store, u"a"_s, 1, 12);
        feed(store, u"b"_s, 1, 3);
        QCOMPARE(store.size(u"a"_s), 5);
        QCOMPARE(payloads(store.entries(u"a"_s)), (QList<QByteArray>{"8", "9", "10", "11", "12"}));
        QCOMPARE(store.arrivals(u"a"_s), 12u);
        QCOMPARE(store.size(u"b"_s), 3);
        QCOMPARE(store.messageCount(), 8);
        QCOMPARE(store.size(u"unknown"_s), 0);

        store.setCapacityPerTopic(2);
        QCOMPARE(payloads(store.entries(u"a"_s)), (QList<QByteArray>{"11", "12"}));
        QCOMPARE(payloads(store.entries(u"b"_s)), (QList<QByteArray>{"2", "3"}));
        QCOMPARE(store.messageCount(), 4);
    }

    void sequencesAndEntriesAfter()
    {
        TopicHistoryStore store;
        feed(store, u"a"_s, 1, 3);
        feed(store, u"b"_s, 1, 1);
        feed(store, u"a"_s, 4, 4);
        const QList<TopicHistoryStore::Entry> all = store.entries(u"a"_s);
        QCOMPARE(all.size(), 4);
        for (qsizetype i = 1; i < all.size(); ++i)
            QVERIFY(all[i].sequence > all[i - 1].sequence);
        QCOMPARE(store.oldestSequence(u"a"_s), all.first().sequence);
        QCOMPARE(payloads(store.entriesAfter(u"a"_s, all[1].sequence)), (QList<QByteArray>{"3", "4"}));
        QVERIFY(store.entriesAfter(u"a"_s, all.last().sequence).isEmpty());
    }

    void globalBudgetEvictsTheOldestAcrossTopics()
    {
        TopicHistoryStore store;
        const qint64 each = TopicHistoryStore::footprint(*message(u"a"_s, "1"));
        QVERIFY(each > 1); // counts overhead, not only the 1-byte payload
        store.setByteBudget(each * 4);
        store.ingest(batchOf({message(u"a"_s, "1"), message(u"b"_s, "2"), message(u"a"_s, "3"), message(u"c"_s, "4")}));
        QCOMPARE(store.messageCount(), 4);
        store.ingest(batchOf({message(u"b"_s, "5"), message(u"c"_s, "6")}));
        QCOMPARE(store.messageCount(), 4);
        QVERIFY(store.bytesHeld() <= store.byteBudget());
        QCOMPARE(payloads(store.entries(u"a"_s)), (QList<QByteArray>{"3"}));
        QCOMPARE(payloads(store.entries(u"b"_s)), (QList<QByteArray>{"5"})); // "2" was older
        QCOMPARE(payloads(store.entries(u"c"_s)), (QList<QByteArray>{"4", "6"}));

        // A big payload pushes out as many old ones as it needs.
        store.setByteBudget(each * 4 + 1000);
        store.ingest({message(u"d"_s, QByteArray(900, 'x'))});
        QVERIFY(store.bytesHeld() <= store.byteBudget());
        QCOMPARE(store.size(u"d"_s), 1);
        QVERIFY(store.messageCount() < 5);

        // A message bigger than the whole budget does not stay either.
        store.ingest({message(u"e"_s, QByteArray(10'000, 'x'))});
        QVERIFY(store.bytesHeld() <= store.byteBudget());
        QCOMPARE(store.size(u"e"_s), 0);
        QCOMPARE(store.arrivals(u"e"_s), 1u);

        store.setByteBudget(0);
        QCOMPARE(store.messageCount(), 0);
        QCOMPARE(store.bytesHeld(), 0);
    }

    void floodsStayBoundedInCountAndBytes()
    {
        TopicHistoryStore store;
        store.setCapacityPerTopic(10);
        store.setByteBudget(2 * 1024 * 1024);
        for (int round = 0; round < 40; ++round) {
            bs::client::MqttMessageBatch batch;
            for (int i = 0; i < 2500; ++i)
                batch.append(message(u"flood/%1"_s.arg(i % 500), QByteArray(100, 'p')));
            store.ingest(batch);
            QVERIFY(store.bytesHeld() <= store.byteBudget());
            QVERIFY(store.messageCount() <= 500 * 10);
        }
        QCOMPARE(store.topicCount(), 500);
        qint64 counted = 0;
        for (int i = 0; i < 500; ++i)
            counted += store.size(u"flood/%1"_s.arg(i));
        QCOMPARE(counted, store.messageCount());
    }

    void removeTopicSubtreeAndClear()
    {
        TopicHistoryStore store;
        QSignalSpy removed(&store, &TopicHistoryStore::removed);
        feed(store, u"a/b"_s, 1, 3);
        feed(store, u"a/b/c"_s, 1, 3);
        feed(store, u"a/bc"_s, 1, 3);
        feed(store, u"x"_s, 1, 3);
        store.removeTopic(u"x"_s);
        QCOMPARE(store.size(u"x"_s), 0);
        QCOMPARE(store.arrivals(u"x"_s), 0u);
        store.removeSubtree(u"a/b/#"_s);
        QCOMPARE(store.size(u"a/b"_s), 0);
        QCOMPARE(store.size(u"a/b/c"_s), 0);
        QCOMPARE(store.size(u"a/bc"_s), 3); // a sibling with the same prefix stays
        QCOMPARE(store.messageCount(), 3);
        QCOMPARE(removed.count(), 2);
        store.clear();
        QCOMPARE(store.messageCount(), 0);
        QCOMPARE(store.bytesHeld(), 0);
        feed(store, u"x"_s, 1, 2);
        QCOMPARE(store.size(u"x"_s), 2); // usable after a clear
    }

    void modelShowsNewestFirstWithPrevious()
    {
        TopicHistoryStore store;
        MessageHistoryModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        store.ingest(batchOf({message(u"t"_s, "1", 0, true), message(u"other"_s, "x"), message(u"t"_s, "22", 1),
                              message(u"t"_s, "\x00\x01\x02"_ba, 2)}));
        model.setTopic(u"t"_s);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(rows(model), (QList<QByteArray>{"\x00\x01\x02"_ba, "22", "1"}));
        QCOMPARE(model.previousOf(0)->payload, "22"_ba);
        QCOMPARE(model.previousOf(1)->payload, "1"_ba);
        QVERIFY(!model.previousOf(2));
        QVERIFY(!model.previousOf(7));
        QVERIFY(!model.messageAt(-1));

        QCOMPARE(model.index(0, MessageHistoryModel::QosColumn).data().toInt(), 2);
        QCOMPARE(model.index(0, MessageHistoryModel::SizeColumn).data().toLongLong(), 3);
        QVERIFY(model.index(0, MessageHistoryModel::PreviewColumn).data().toString().startsWith(u"binary"_s));
        QCOMPARE(model.index(2, MessageHistoryModel::RetainColumn).data().toString(), u"retained"_s);
        QVERIFY(model.index(1, MessageHistoryModel::RetainColumn).data().toString().isEmpty());
        QVERIFY(!model.index(0, MessageHistoryModel::TimeColumn).data().toString().isEmpty());
        QCOMPARE(model.index(1, 0).data(MessageHistoryModel::MessageRole).value<bs::client::MqttMessagePtr>()->payload, "22"_ba);
    }

    void modelCoalescesArrivalsIntoOneInsertPerTick()
    {
        TopicHistoryStore store;
        MessageHistoryModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(u"t"_s);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        for (int i = 1; i <= 300; ++i)
            store.ingest({message(u"t"_s, QByteArray::number(i))});
        QCOMPARE(model.rowCount(), 0); // nothing until the tick
        QVERIFY(inserted.wait());
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(), 300);
        QCOMPARE(model.messageAt(0)->payload, "300"_ba);
        QCOMPARE(model.messageAt(299)->payload, "1"_ba);
    }

    void modelFollowsStoreEvictionAndRemoval()
    {
        TopicHistoryStore store;
        store.setCapacityPerTopic(4);
        MessageHistoryModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(u"t"_s);
        feed(store, u"t"_s, 1, 3);
        model.applyPending();
        QCOMPARE(rows(model), (QList<QByteArray>{"3", "2", "1"}));
        feed(store, u"t"_s, 4, 6);
        model.applyPending();
        QCOMPARE(rows(model), (QList<QByteArray>{"6", "5", "4", "3"}));
        feed(store, u"t"_s, 7, 20); // more than the capacity at once
        model.applyPending();
        QCOMPARE(rows(model), (QList<QByteArray>{"20", "19", "18", "17"}));

        store.removeTopic(u"t"_s);
        model.applyPending();
        QCOMPARE(model.rowCount(), 0);
        feed(store, u"t"_s, 1, 1); // the topic comes back
        model.applyPending();
        QCOMPARE(rows(model), (QList<QByteArray>{"1"}));
    }

    void pauseHoldsStillAndCountsThenResumeShows()
    {
        TopicHistoryStore store;
        store.setCapacityPerTopic(5);
        MessageHistoryModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setTopic(u"t"_s);
        feed(store, u"t"_s, 1, 3);
        model.applyPending();

        QSignalSpy pending(&model, &MessageHistoryModel::pendingWhilePaused);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.setPaused(true);
        QVERIFY(model.isPaused());
        feed(store, u"t"_s, 4, 5);
        QVERIFY(pending.wait());
        QCOMPARE(pending.last().first().toInt(), 2);
        feed(store, u"t"_s, 6, 10); // the store evicts 1..5, the paused view keeps them
        QTRY_COMPARE(model.pendingCount(), 7);
        QCOMPARE(pending.last().first().toInt(), 7);
        QCOMPARE(rows(model), (QList<QByteArray>{"3", "2", "1"}));
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(removed.count(), 0);

        model.setPaused(false); // at once, not at the next tick
        QCOMPARE(rows(model), (QList<QByteArray>{"10", "9", "8", "7", "6"}));
        QCOMPARE(model.pendingCount(), 0);
        QCOMPARE(pending.last().first().toInt(), 0);
    }

    void setTopicSwitchesAndResets()
    {
        TopicHistoryStore store;
        MessageHistoryModel model(&store);
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        feed(store, u"a"_s, 1, 2);
        feed(store, u"b"_s, 1, 5);
        model.setTopic(u"a"_s);
        QCOMPARE(model.rowCount(), 2);
        model.setTopic(u"b"_s);
        QCOMPARE(model.rowCount(), 5);
        QCOMPARE(model.topic(), u"b"_s);
        feed(store, u"a"_s, 3, 9); // another topic: nothing changes here
        model.applyPending();
        QCOMPARE(model.rowCount(), 5);
        model.setTopic(QString());
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TopicHistoryTest)
#include "tst_topic_history.moc"
