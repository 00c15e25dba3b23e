// TopicTreeModel: the live topic tree, fed with message batches, always under
// QAbstractItemModelTester (a broken signal sequence fails the test).
#include "MessageFactory.h"
#include "models/topics/TopicNode.h"
#include "models/topics/TopicTreeModel.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace bs::models;
using namespace bs::models::test;
using namespace Qt::StringLiterals;

namespace {

QVariant cell(const TopicTreeModel& model, const QString& topic, int role, int column = 0)
{
    const QModelIndex index = model.indexOfTopic(topic, column);
    return index.isValid() ? index.data(role) : QVariant();
}

quint64 countOf(const TopicTreeModel& model, const QString& topic)
{
    return cell(model, topic, TopicTreeModel::MessageCountRole).toULongLong();
}

double rateOf(const TopicTreeModel& model, const QString& topic)
{
    return cell(model, topic, TopicTreeModel::RateRole).toDouble();
}

/// Checks recursively that every node's count is its own messages plus its children's.
void verifyAggregates(const QAbstractItemModel& model, const QModelIndex& parent,
                      const QHash<QString, quint64>& own, quint64* subtreeTotal)
{
    quint64 total = 0;
    for (int row = 0; row < model.rowCount(parent); ++row) {
        const QModelIndex child = model.index(row, 0, parent);
        quint64 childTotal = 0;
        verifyAggregates(model, child, own, &childTotal);
        const QString topic = child.data(TopicTreeModel::FullTopicRole).toString();
        QCOMPARE(child.data(TopicTreeModel::MessageCountRole).toULongLong(), childTotal + own.value(topic));
        total += childTotal + own.value(topic);
    }
    *subtreeTotal = total;
}

} // namespace

class TopicTreeModelTest : public QObject
{
    Q_OBJECT
private slots:
    void buildsLevelsWithAggregatedCounts()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.ingest(batchOf({message(u"home/kitchen/temp"_s), message(u"home/kitchen/hum"_s),
                              message(u"home/hall"_s), message(u"home/kitchen/temp"_s),
                              message(u"garden"_s)}));
        model.applyPending();

        QCOMPARE(model.rowCount(), 2);
        const QModelIndex home = model.index(0, 0);
        QCOMPARE(home.data().toString(), u"home"_s);
        QCOMPARE(model.rowCount(home), 2);
        const QModelIndex kitchen = model.index(0, 0, home);
        QCOMPARE(kitchen.data().toString(), u"kitchen"_s);
        QCOMPARE(kitchen.data(TopicTreeModel::FullTopicRole).toString(), u"home/kitchen"_s);
        QCOMPARE(model.parent(kitchen), home);
        QCOMPARE(countOf(model, u"home/kitchen/temp"_s), 2u);
        QCOMPARE(countOf(model, u"home/kitchen"_s), 3u);
        QCOMPARE(countOf(model, u"home"_s), 4u);
        QCOMPARE(countOf(model, u"garden"_s), 1u);
        QCOMPARE(model.data(model.indexOfTopic(u"home"_s, TopicTreeModel::MessagesColumn)).toULongLong(), 4u);
        QCOMPARE(model.totalMessageCount(), 5u);
        QCOMPARE(model.topicCount(), 4); // "home" and "home/kitchen" are levels, not topics
        QVERIFY(!cell(model, u"home/kitchen"_s, TopicTreeModel::LastMessageRole).value<bs::client::MqttMessagePtr>());
        QVERIFY(cell(model, u"home/hall"_s, TopicTreeModel::LastMessageRole).value<bs::client::MqttMessagePtr>());
    }

    void emptyLevelsAndLeadingSlashAreLevelsToo()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.ingest(batchOf({message(u"/a"_s), message(u"a//b"_s)}));
        model.applyPending();
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(countOf(model, u"/a"_s), 1u);
        QCOMPARE(countOf(model, u"a//b"_s), 1u);
        QCOMPARE(cell(model, u""_s, Qt::DisplayRole).toString(), u"(empty level)"_s);
        QCOMPARE(cell(model, u"a/"_s, TopicTreeModel::FullTopicRole).toString(), u"a/"_s);
    }

    void ingestOnlyQueuesUntilTheTimerTicks()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy applied(&model, &TopicTreeModel::batchApplied);
        model.ingest(batchOf({message(u"a/b"_s), message(u"a/c"_s)}));
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.pendingMessageCount(), 2);
        QVERIFY(model.isTicking());
        QVERIFY(applied.wait());
        QCOMPARE(applied.first().first().toInt(), 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(countOf(model, u"a"_s), 2u);
        QCOMPARE(model.pendingMessageCount(), 0);
    }

    void hundredThousandMessagesOverTenThousandTopics()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QStringList topics;
        for (int i = 0; i < 10'000; ++i)
            topics.append(u"plant/line%1/cell%2/sensor%3"_s.arg(i / 1000).arg((i / 100) % 10).arg(i % 100));
        // Every 7th topic also gets messages on its cell level, so levels are topics too.
        QHash<QString, quint64> own;
        bs::client::MqttMessageBatch batch;
        for (int k = 0; k < 100'000; ++k) {
            const int i = int((quint64(k) * 7919u + quint64(k / 10'000)) % 10'000u);
            QString topic = topics[i];
            if (k % 7 == 0)
                topic = topic.section(u'/', 0, 2);
            ++own[topic];
            batch.append(message(topic, QByteArray::number(k)));
            if (batch.size() == 2500) { // one tick's worth at 50,000 msg/s
                model.ingest(batch);
                batch.clear();
                // A few ticks only: the tester walks the whole tree after every signal.
                if (k == 2'499)
                    model.applyPending();
            }
        }
        model.ingest(batch);
        model.applyPending();

        QCOMPARE(model.totalMessageCount(), 100'000u);
        QCOMPARE(model.topicCount(), own.size());
        for (auto it = own.cbegin(); it != own.cend(); ++it) {
            const QModelIndex index = model.indexOfTopic(it.key());
            QVERIFY2(index.isValid(), qPrintable(it.key()));
            if (!model.hasChildren(index))
                QCOMPARE(index.data(TopicTreeModel::MessageCountRole).toULongLong(), it.value());
        }
        quint64 total = 0;
        verifyAggregates(model, {}, own, &total);
        QCOMPARE(total, 100'000u);
        QCOMPARE(countOf(model, u"plant"_s), 100'000u);
        QCOMPARE(model.rowCount(model.indexOfTopic(u"plant"_s)), 10);
        QCOMPARE(model.rowCount(model.indexOfTopic(u"plant/line3/cell4"_s)), 100);
    }

    void changeSignalsAreBoundedByTicksNotMessages()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QSignalSpy applied(&model, &TopicTreeModel::batchApplied);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);

        // 10,000 single-message batches over 100 new topics: one tick, one insert (the new
        // "fleet" level carries its 100 children).
        for (int k = 0; k < 10'000; ++k)
            model.ingest({message(u"fleet/truck%1"_s.arg(k % 100))});
        QCOMPARE(inserted.count(), 0);
        QCOMPARE(changed.count(), 0);
        QVERIFY(applied.wait());
        QCOMPARE(applied.count(), 1);
        QCOMPARE(inserted.count(), 1);
        QCOMPARE(model.rowCount(model.indexOfTopic(u"fleet"_s)), 100);

        // 10,000 more on the known topics: at most one dataChanged per parent per tick
        // ("fleet"'s children, and the top level for "fleet" itself).
        inserted.clear();
        changed.clear();
        applied.clear();
        for (int k = 0; k < 10'000; ++k)
            model.ingest({message(u"fleet/truck%1"_s.arg(k % 100))});
        QVERIFY(applied.wait());
        QCOMPARE(applied.count(), 1);
        QCOMPARE(inserted.count(), 0);
        QVERIFY2(changed.count() <= 2, qPrintable(QString::number(changed.count())));
        QCOMPARE(countOf(model, u"fleet"_s), 20'000u);

        // New siblings under known parents: one contiguous insert per parent.
        inserted.clear();
        model.ingest(batchOf({message(u"fleet/truck100"_s), message(u"depot/a"_s), message(u"fleet/truck101"_s),
                              message(u"depot/b"_s)}));
        model.applyPending();
        QCOMPARE(inserted.count(), 2); // root gets "depot" (with its 2 children), "fleet" gets 2
        for (const QList<QVariant>& args : std::as_const(inserted)) {
            const QModelIndex parent = args.at(0).value<QModelIndex>();
            QCOMPARE(args.at(2).toInt() - args.at(1).toInt() + 1, parent.isValid() ? 2 : 1);
        }
    }

    void aBacklogDrainsOverSeveralTicks()
    {
        TopicTreeModel model;
        QSignalSpy applied(&model, &TopicTreeModel::batchApplied);
        bs::client::MqttMessageBatch backlog;
        for (int k = 0; k < 50'000; ++k)
            backlog.append(message(u"burst/%1"_s.arg(k % 50)));
        model.ingest(backlog);
        QVERIFY(applied.wait());
        QCOMPARE(applied.first().first().toInt(), TopicTreeModel::kMaxMessagesPerTick);
        QTRY_COMPARE(model.totalMessageCount(), 50'000u);
        QCOMPARE(model.pendingMessageCount(), 0);
        int total = 0;
        for (const QList<QVariant>& args : std::as_const(applied))
            total += args.first().toInt();
        QCOMPARE(total, 50'000);
    }

    void ratesRiseAggregateAndDecayToZero()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        ManualClock clock;
        *clock.now = 1'700'000'000'000; // on a 500 ms slot boundary
        model.setClock(clock.function());

        // 20 msg/s on r/a and 10 msg/s on r/b for 6 s, a tick every 100 ms.
        double previous = 0;
        bool rose = false;
        for (int step = 0; step < 60; ++step) {
            model.ingest(batchOf({message(u"r/a"_s), message(u"r/a"_s), message(u"r/b"_s)}));
            model.applyPending();
            const double rate = rateOf(model, u"r/a"_s);
            QVERIFY(rate >= previous); // never drops while the flow is steady
            rose = rose || (rate > 0 && rate < 20.0);
            previous = rate;
            clock.advance(100);
        }
        QVERIFY(rose);
        QCOMPARE(rateOf(model, u"r/a"_s), 20.0);
        QCOMPARE(rateOf(model, u"r/b"_s), 10.0);
        QCOMPARE(rateOf(model, u"r"_s), 30.0);
        QCOMPARE(cell(model, u"r"_s, Qt::DisplayRole, TopicTreeModel::RateColumn).toString(), u"30.0"_s);

        // Quiet: the timer keeps ticking by itself until every rate is back to 0, then stops.
        QVERIFY(model.isTicking());
        clock.advance(2000);
        QTRY_VERIFY(rateOf(model, u"r"_s) > 0 && rateOf(model, u"r"_s) < 30.0);
        clock.advance(4000);
        QTRY_COMPARE(rateOf(model, u"r"_s), 0.0);
        QCOMPARE(rateOf(model, u"r/a"_s), 0.0);
        QCOMPARE(rateOf(model, u"r/b"_s), 0.0);
        QTRY_VERIFY(!model.isTicking());
        QCOMPARE(countOf(model, u"r"_s), 180u); // counts stay
    }

    void retainedFlagAndRetainedTopicsUnder()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.ingest(batchOf({message(u"cfg/a"_s, "1", 1, true), message(u"cfg/b"_s, "2", 0, true),
                              message(u"cfg/sub/c"_s, "3", 2, true), message(u"cfg/live"_s, "4", 0, false),
                              message(u"other/x"_s, "5", 0, true)}));
        model.applyPending();
        QVERIFY(cell(model, u"cfg/a"_s, TopicTreeModel::IsRetainedRole).toBool());
        QCOMPARE(cell(model, u"cfg/a"_s, Qt::DisplayRole, TopicTreeModel::RetainedColumn).toString(), u"retained"_s);
        QVERIFY(!cell(model, u"cfg/live"_s, TopicTreeModel::IsRetainedRole).toBool());
        QCOMPARE(cell(model, u"cfg/sub/c"_s, TopicTreeModel::QosRole).toInt(), 2);
        QCOMPARE(cell(model, u"cfg/sub/c"_s, Qt::DisplayRole, TopicTreeModel::QosColumn).toInt(), 2);
        QCOMPARE(cell(model, u"cfg"_s, TopicTreeModel::QosRole).toInt(), -1);
        QCOMPARE(model.retainedTopicsUnder(model.indexOfTopic(u"cfg"_s)),
                 (QStringList{u"cfg/a"_s, u"cfg/b"_s, u"cfg/sub/c"_s}));
        QCOMPARE(model.retainedTopicsUnder({}).size(), 4);

        // A retained message with an empty payload clears the retained value.
        model.ingest({message(u"cfg/b"_s, QByteArray(), 0, true)});
        model.applyPending();
        QVERIFY(!cell(model, u"cfg/b"_s, TopicTreeModel::IsRetainedRole).toBool());
        QCOMPARE(model.retainedTopicsUnder(model.indexOfTopic(u"cfg"_s)), (QStringList{u"cfg/a"_s, u"cfg/sub/c"_s}));
        // A later live message on a retained topic: the last message is no longer retained.
        model.ingest({message(u"cfg/a"_s, "9", 0, false)});
        model.applyPending();
        QCOMPARE(model.retainedTopicsUnder(model.indexOfTopic(u"cfg"_s)), (QStringList{u"cfg/sub/c"_s}));
    }

    void payloadPreviewIsSafe_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("expectedStart");
        QTest::addColumn<bool>("binary");
        QTest::newRow("text") << QByteArray("23.5") << u"23.5"_s << false;
        QTest::newRow("lines folded") << QByteArray("{\n  \"a\": 1\n}") << u"{ \"a\": 1 }"_s << false;
        QTest::newRow("utf8") << QByteArray("caf\xc3\xa9") << u"café"_s << false;
        QTest::newRow("nul bytes") << QByteArray("a\0b", 3) << QString() << true;
        QTest::newRow("invalid utf8") << QByteArray("\xff\xfe\x00\x01", 4) << QString() << true;
        QTest::newRow("escape sequence") << QByteArray("\x1b[2J\x1b[31m\x07\x07\x07\x07") << QString() << true;
    }
    void payloadPreviewIsSafe()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, expectedStart);
        QFETCH(bool, binary);
        TopicTreeModel model;
        model.ingest({message(u"p"_s, payload)});
        model.applyPending();
        const QString preview = cell(model, u"p"_s, Qt::DisplayRole, TopicTreeModel::PayloadColumn).toString();
        if (binary) {
            QVERIFY2(preview.startsWith(u"binary"_s), qPrintable(preview));
            QVERIFY2(preview.contains(QString::fromLatin1(payload.first(2).toHex(' '))), qPrintable(preview));
        } else {
            QCOMPARE(preview, expectedStart);
        }
        for (const QChar c : preview)
            QVERIFY(c.unicode() >= 0x20); // never a control character in a cell
    }

    void longAndHugePayloadsArePreviewedBriefly()
    {
        TopicTreeModel model;
        model.ingest(batchOf({message(u"long"_s, QByteArray(500, 'x')), message(u"huge"_s, QByteArray(20 * 1024 * 1024, 'y'))}));
        model.applyPending();
        const QString longPreview = cell(model, u"long"_s, Qt::DisplayRole, TopicTreeModel::PayloadColumn).toString();
        QVERIFY(longPreview.size() <= TopicTreeModel::kPreviewChars);
        QVERIFY(longPreview.endsWith(u'…'));
        const QString hugePreview = cell(model, u"huge"_s, Qt::DisplayRole, TopicTreeModel::PayloadColumn).toString();
        QVERIFY(hugePreview.size() <= TopicTreeModel::kPreviewChars);
        // The full message is still there for the inspector.
        QCOMPARE(cell(model, u"huge"_s, TopicTreeModel::LastMessageRole).value<bs::client::MqttMessagePtr>()->payload.size(),
                 20 * 1024 * 1024);
    }

    void lastChangedMovesOnlyWhenThePayloadChanges()
    {
        TopicTreeModel model;
        ManualClock clock;
        model.setClock(clock.function());
        model.ingest({message(u"s"_s, "1")});
        model.applyPending();
        const qint64 first = cell(model, u"s"_s, TopicTreeModel::LastChangedRole).toLongLong();
        QCOMPARE(first, *clock.now);
        clock.advance(1000);
        model.ingest({message(u"s"_s, "1")});
        model.applyPending();
        QCOMPARE(cell(model, u"s"_s, TopicTreeModel::LastChangedRole).toLongLong(), first);
        QCOMPARE(cell(model, u"s"_s, TopicTreeModel::LastUpdateRole).toLongLong(), first + 1000);
        clock.advance(1000);
        model.ingest({message(u"s"_s, "2")});
        model.applyPending();
        QCOMPARE(cell(model, u"s"_s, TopicTreeModel::LastChangedRole).toLongLong(), first + 2000);
        QVERIFY(!cell(model, u"s"_s, Qt::DisplayRole, TopicTreeModel::LastUpdateColumn).toString().isEmpty());
    }

    void removeTopicSubtreeAndClear()
    {
        TopicTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.ingest(batchOf({message(u"a/b/c"_s), message(u"a/b/c"_s), message(u"a/b"_s), message(u"a/b/d"_s),
                              message(u"a/x/y/z"_s), message(u"q"_s)}));
        model.applyPending();
        QCOMPARE(countOf(model, u"a"_s), 5u);

        // A leaf: its row goes, the counts above drop.
        QVERIFY(model.removeTopic(u"a/b/d"_s));
        QVERIFY(!model.indexOfTopic(u"a/b/d"_s).isValid());
        QCOMPARE(countOf(model, u"a/b"_s), 3u);
        QCOMPARE(countOf(model, u"a"_s), 4u);

        // A topic with children: it stays as a level without its own messages.
        QVERIFY(model.removeTopic(u"a/b"_s));
        QVERIFY(model.indexOfTopic(u"a/b"_s).isValid());
        QCOMPARE(countOf(model, u"a/b"_s), 2u);
        QVERIFY(!cell(model, u"a/b"_s, TopicTreeModel::LastMessageRole).value<bs::client::MqttMessagePtr>());
        QCOMPARE(model.topicCount(), 3);

        // A deep leaf: the levels left empty above it go too.
        QVERIFY(model.removeTopic(u"a/x/y/z"_s));
        QVERIFY(!model.indexOfTopic(u"a/x"_s).isValid());
        QCOMPARE(model.rowCount(model.indexOfTopic(u"a"_s)), 1);

        QVERIFY(!model.removeTopic(u"nope"_s));
        QVERIFY(!model.removeTopic(u"a"_s)); // a level, not a topic

        // Queued messages count too: they are applied, then removed.
        model.ingest({message(u"a/b/e"_s)});
        QVERIFY(model.removeSubtree(u"a/b/#"_s));
        QVERIFY(!model.indexOfTopic(u"a"_s).isValid());
        QCOMPARE(model.totalMessageCount(), 1u);
        QCOMPARE(model.rowCount(), 1);

        model.ingest({message(u"z/z"_s)});
        model.clear();
        QCOMPARE(model.rowCount(), 0);
        QCOMPARE(model.totalMessageCount(), 0u);
        QCOMPARE(model.pendingMessageCount(), 0);
        model.ingest({message(u"z/z"_s)});
        model.applyPending();
        QCOMPARE(countOf(model, u"z"_s), 1u); // usable after a clear
    }

    void removingKeepsAncestorRatesConsistent()
    {
        TopicTreeModel model;
        ManualClock clock;
        *clock.now = 1'700'000'000'000;
        model.setClock(clock.function());
        for (int step = 0; step < 20; ++step) {
            model.ingest(batchOf({message(u"m/a"_s), message(u"m/b"_s)}));
            model.applyPending();
            clock.advance(250);
        }
        model.applyPending();
        QCOMPARE(rateOf(model, u"m"_s), 8.0); // 2 topics x 4 msg/s
        QVERIFY(model.removeTopic(u"m/a"_s));
        QCOMPARE(rateOf(model, u"m"_s), 4.0);
        QCOMPARE(countOf(model, u"m"_s), 20u);
    }

    void nodesStaySmall()
    {
        // Per topic: a node (plus its name strings and one hash entry); no message history.
        QVERIFY(sizeof(TopicNode) <= 256);
    }
};

QTEST_GUILESS_MAIN(TopicTreeModelTest)
#include "tst_topic_tree_model.moc"
