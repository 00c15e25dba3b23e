// The Consumer groups page's models under QAbstractItemModelTester: the groups table fed
// by listGroups answers (rows stable, no reset for an update) and by live $SYS statistics
// (coalesced into one dataChanged pass per 250 ms), the lag-growing flag from the group's
// LagHistory trend, the filter/sort proxy, and a group's members and topics.

#include "GroupsTestData.h"
#include "models/groups/GroupFilterProxy.h"
#include "models/groups/GroupMembersModel.h"
#include "models/groups/GroupStatsFeed.h"
#include "models/groups/GroupTableModel.h"
#include "models/groups/GroupTopicsModel.h"
#include "models/lag/LagHistory.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::models;
using bs::test::groupStat;
using bs::test::groupTick;
using bs::test::sessionGroup;
using bs::test::sharedGroup;

namespace {

constexpr qint64 kStartMs = 1'700'000'000'000;

/// A groups table fed live: its history, the model (under the tester) and the feed.
struct LiveGroups
{
    LagHistory history;
    GroupTableModel model{&history};
    QAbstractItemModelTester tester{&model, QAbstractItemModelTester::FailureReportingMode::QtTest};
    GroupStatsFeed feed{model, history};
};

QString cell(const QAbstractItemModel& model, int row, int column)
{
    return model.index(row, column).data().toString();
}

} // namespace

class TestGroupModels : public QObject
{
    Q_OBJECT

private slots:
    void listGroupsKeepsRowsStable()
    {
        GroupTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroups({sharedGroup(u"work"_s, 12), sharedGroup(u"billing"_s, 3, u"orders/#"_s)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.columnCount(), int(GroupTableModel::ColumnCount));
        const int work = model.rowOfGroup(u"work"_s);
        QCOMPARE(cell(model, work, GroupTableModel::KindColumn), u"shared"_s);
        QCOMPARE(cell(model, work, GroupTableModel::FilterColumn), u"jobs"_s);
        QCOMPARE(cell(model, work, GroupTableModel::MembersColumn), u"2"_s);
        QCOMPARE(cell(model, work, GroupTableModel::LagColumn), u"12"_s);
        QCOMPARE(cell(model, work, GroupTableModel::LagSecondsColumn), u"2.5"_s);
        QCOMPARE(cell(model, work, GroupTableModel::DeliveredRateColumn), u"1.5"_s);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        QSignalSpy listed(&model, &GroupTableModel::groupsListed);
        // billing goes, work's lag changes, audit comes.
        model.setGroups({sharedGroup(u"work"_s, 12'345), sharedGroup(u"audit"_s, 0)});
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(listed.size(), 1);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowOfGroup(u"billing"_s), -1);
        QCOMPARE(cell(model, model.rowOfGroup(u"work"_s), GroupTableModel::LagColumn), u"12,345"_s);
        QCOMPARE(changed.size(), 1);
        // The same answer again changes nothing.
        model.setGroups({sharedGroup(u"work"_s, 12'345), sharedGroup(u"audit"_s, 0)});
        QCOMPARE(changed.size(), 1);
        QCOMPARE(reset.size(), 0);
    }

    void sessionsAreKeyedApartFromGroups()
    {
        GroupTableModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroups({sharedGroup(u"work"_s, 1), sessionGroup(u"work"_s, 7)});
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.group(u"session/work"_s).value(u"lag"_s).toInteger(), 7);
        QCOMPARE(model.group(u"work"_s).value(u"lag"_s).toInteger(), 1);
        const int session = model.rowOf(u"session/work"_s);
        QCOMPARE(model.index(session, 0).data(GroupTableModel::KindRole).toString(), u"session"_s);
        QCOMPARE(cell(model, session, GroupTableModel::DeliveredRateColumn), QString()); // sessions have no rates
    }

    void liveStatsAreCoalesced()
    {
        LiveGroups live;
        auto& [history, model, tester, feed] = live;
        model.setGroups({sharedGroup(u"work"_s, 0), sharedGroup(u"billing"_s, 0)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        for (int tick = 1; tick <= 10; ++tick) {
            feed.handleMessages(groupTick(u"work"_s, tick * 10, 2, kStartMs + tick * 100));
            feed.handleMessages(groupTick(u"billing"_s, tick, 1, kStartMs + tick * 100));
        }
        QCOMPARE(changed.size(), 0); // nothing yet: one pass later
        QVERIFY(changed.wait(2 * GroupTableModel::kCoalesceIntervalMs + 1000));
        // One pass: both rows (adjacent) in one signal, with the newest values.
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(model, model.rowOfGroup(u"work"_s), GroupTableModel::LagColumn), u"100"_s);
        QCOMPARE(cell(model, model.rowOfGroup(u"billing"_s), GroupTableModel::LagColumn), u"10"_s);
        QCOMPARE(cell(model, model.rowOfGroup(u"work"_s), GroupTableModel::LagSecondsColumn), u"1.5"_s);
        // The history got one sample per lag message.
        QCOMPARE(history.latest(u"work"_s)->lag, 100.0);
        QCOMPARE(history.latest(u"work"_s)->timeMs, kStartMs + 1000);
        // The ack rate of a sample is the newest seen before its lag (the previous tick's).
        QCOMPARE(history.latest(u"work"_s)->ackRate, 2.0);
    }

    void retainedStatsNeverMakeRows()
    {
        LiveGroups live;
        auto& [history, model, tester, feed] = live;
        model.setGroups({sharedGroup(u"work"_s, 0)});
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        // A retained value of a group deleted long ago, and one of a known group.
        feed.handleMessages({groupStat(u"gone"_s, u"lag"_s, 5, kStartMs, true),
                             groupStat(u"work"_s, u"lag"_s, 42, kStartMs, true)});
        QVERIFY(changed.wait());
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, 0, GroupTableModel::LagColumn), u"42"_s);
        QVERIFY(!history.contains(u"gone"_s));
        QVERIFY(!history.contains(u"work"_s));
        // A live value of a new group makes its row at once (at the next pass).
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        feed.handleMessages(groupTick(u"fresh"_s, 3, 0, kStartMs + 1000));
        QVERIFY(inserted.wait());
        const int fresh = model.rowOfGroup(u"fresh"_s);
        QVERIFY(fresh >= 0);
        QCOMPARE(cell(model, fresh, GroupTableModel::LagColumn), u"3"_s);
        QCOMPARE(cell(model, fresh, GroupTableModel::MembersColumn), u"2"_s);
        QVERIFY(history.contains(u"fresh"_s));
    }

    void statTopicsAreParsed()
    {
        QVERIFY(GroupStatsFeed::isGroupStatsTopic(u"$SYS/brokerscope/groups/work/lag"_s));
        QVERIFY(!GroupStatsFeed::isGroupStatsTopic(u"$SYS/broker/clients/connected"_s));
        const auto stat = GroupStatsFeed::parseTopic(u"$SYS/brokerscope/groups/work/lag-seconds"_s);
        QVERIFY(stat);
        QCOMPARE(stat->group, u"work"_s);
        QCOMPARE(stat->key, u"lag-seconds"_s);
        QVERIFY(!GroupStatsFeed::parseTopic(u"$SYS/brokerscope/groups/work"_s));
        QCOMPARE(GroupTableModel::fieldForStat(u"dead-letters"_s), u"deadLetters"_s);
        QCOMPARE(GroupTableModel::fieldForStat(u"bogus"_s), QString());
    }

    void growingLagIsFlagged()
    {
        LiveGroups live;
        auto& [history, model, tester, feed] = live;
        model.setGroups({sharedGroup(u"work"_s, 0), sharedGroup(u"calm"_s, 0)});
        // work: +100 messages a second for 12 s; calm: nothing owed.
        for (int second = 0; second < 12; ++second) {
            feed.handleMessages(groupTick(u"work"_s, second * 100.0, 0, kStartMs + second * 1000));
            feed.handleMessages(groupTick(u"calm"_s, 0, 0, kStartMs + second * 1000));
        }
        const int work = model.rowOfGroup(u"work"_s);
        const int calm = model.rowOfGroup(u"calm"_s);
        QTRY_VERIFY(model.index(work, 0).data(GroupTableModel::LagGrowingRole).toBool());
        QVERIFY(model.index(work, GroupTableModel::TrendColumn).data().toString().startsWith(u"growing by 100"_s));
        QVERIFY(!model.index(calm, 0).data(GroupTableModel::LagGrowingRole).toBool());
        QCOMPARE(model.index(calm, GroupTableModel::TrendColumn).data().toString(), u"caught up"_s);
        // Draining: the flag goes.
        for (int second = 12; second < 52; ++second)
            feed.handleMessages(groupTick(u"work"_s, 1100 - (second - 11) * 20, 20, kStartMs + second * 1000));
        QTRY_VERIFY(!model.index(work, 0).data(GroupTableModel::LagGrowingRole).toBool());
        QVERIFY(model.index(work, GroupTableModel::TrendColumn).data(GroupTableModel::TrendTextRole).toString().startsWith(u"draining"_s));
    }

    void proxyFiltersByNameOrFilterAndSortsNumbers()
    {
        GroupTableModel model;
        GroupFilterProxy proxy;
        proxy.setSourceModel(&model);
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setGroups({sharedGroup(u"Work"_s, 9), sharedGroup(u"billing"_s, 100, u"orders/#"_s),
                         sharedGroup(u"audit"_s, 10, u"orders/eu/+"_s)});
        proxy.sort(GroupTableModel::LagColumn, Qt::AscendingOrder);
        QStringList order;
        for (int row = 0; row < proxy.rowCount(); ++row)
            order.append(proxy.index(row, 0).data().toString());
        QCOMPARE(order, (QStringList{u"Work"_s, u"audit"_s, u"billing"_s})); // 9 < 10 < 100
        proxy.sort(GroupTableModel::NameColumn, Qt::AscendingOrder);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"audit"_s);
        QCOMPARE(proxy.index(2, 0).data().toString(), u"Work"_s); // case-insensitive

        proxy.setFilterText(u"ORDERS"_s);
        QCOMPARE(proxy.rowCount(), 2); // billing and audit, by their filters
        proxy.setFilterText(u" work "_s);
        QCOMPARE(proxy.rowCount(), 1);
        QCOMPARE(proxy.index(0, 0).data().toString(), u"Work"_s);
        proxy.setFilterText(QString());
        QCOMPARE(proxy.rowCount(), 3);

        // Sorted by lag, a live update re-sorts.
        proxy.sort(GroupTableModel::LagColumn, Qt::DescendingOrder);
        model.setGroups({sharedGroup(u"Work"_s, 1'000), sharedGroup(u"billing"_s, 100, u"orders/#"_s),
                         sharedGroup(u"audit"_s, 10, u"orders/eu/+"_s)});
        QCOMPARE(proxy.index(0, 0).data().toString(), u"Work"_s);
    }

    void membersAndTopicsOfAGroup()
    {
        GroupMembersModel members;
        GroupTopicsModel topics;
        QAbstractItemModelTester membersTester(&members, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QAbstractItemModelTester topicsTester(&topics, QAbstractItemModelTester::FailureReportingMode::QtTest);
        members.setGroup(sharedGroup(u"work"_s, 12));
        topics.setGroup(sharedGroup(u"work"_s, 12));
        QCOMPARE(members.rowCount(), 2);
        QCOMPARE(cell(members, 0, GroupMembersModel::ClientIdColumn), u"m1"_s);
        QCOMPARE(cell(members, 0, GroupMembersModel::AddressColumn), u"127.0.0.1:5000"_s);
        QCOMPARE(cell(members, 1, GroupMembersModel::AddressColumn), u"not connected"_s);
        QCOMPARE(members.index(1, 0).data(GroupMembersModel::ConnectedRole).toBool(), false);
        QCOMPARE(cell(members, 0, GroupMembersModel::DeliveredColumn), u"10"_s);
        QCOMPARE(topics.rowCount(), 1);
        QCOMPARE(cell(topics, 0, GroupTopicsModel::CommittedColumn), u"100"_s);
        QCOMPARE(cell(topics, 0, GroupTopicsModel::EndColumn), u"112"_s);
        QCOMPARE(cell(topics, 0, GroupTopicsModel::LagColumn), u"12"_s);
        QCOMPARE(topics.topics(), QStringList{u"jobs"_s});

        // Newer numbers of the same group: rows stay, only values change.
        QSignalSpy reset(&members, &QAbstractItemModel::modelReset);
        QSignalSpy changed(&topics, &QAbstractItemModel::dataChanged);
        members.setGroup(sharedGroup(u"work"_s, 20));
        topics.setGroup(sharedGroup(u"work"_s, 20));
        QCOMPARE(reset.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(cell(topics, 0, GroupTopicsModel::LagColumn), u"20"_s);
        // A session has no topics; no group shows nothing.
        topics.setGroup(sessionGroup(u"s1"_s, 3));
        QCOMPARE(topics.rowCount(), 0);
        members.setGroup({});
        QCOMPARE(members.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(TestGroupModels)
#include "tst_group_models.moc"
