// The Consumer groups page end to end: the engine in process (BrokerHost, with a data
// directory and group stats every 200 ms), the console's real PahoMqttClient feeding an
// AdminClient and a GroupStatsFeed, and a raw MQTT 5 worker in $share/work/jobs taking one
// message at a time (Receive Maximum 1). While the worker stops acknowledging, the group's
// lag rises in the table and in the LagHistory as jobs are published; when it acknowledges
// again they drain to 0; a seek to the earliest message, confirmed with force through the
// page (the worker is connected), hands the whole history to the worker again.

#include "client/AdminClient.h"
#include "client/PahoMqttClient.h"
#include "models/groups/GroupStatsFeed.h"
#include "models/groups/GroupTableModel.h"
#include "models/lag/LagHistory.h"
#include "raw/Expect.h"
#include "ui/groups/GroupDetailsPanel.h"
#include "ui/groups/GroupsPage.h"
#include "ui/groups/SeekGroupDialog.h"

#include "broker/BrokerHost.h"

#include <QDialogButtonBox>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalSpy>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>

using namespace Qt::StringLiterals;
using namespace bs::client;
using namespace bs::raw;
using bs::models::GroupTableModel;

namespace {

constexpr int kJobs = 20;
constexpr int kTimeoutMs = 15'000;

QByteArray job(int number)
{
    return "job-" + QByteArray::number(number);
}

double lagInTable(const GroupTableModel& groups)
{
    return groups.group(u"work"_s).value(u"lag"_s).toDouble(-1);
}

double lagInHistory(const bs::models::LagHistory& history)
{
    const auto latest = history.latest(u"work"_s);
    return latest ? latest->lag : -1;
}

/// The worker receives every job in order, acknowledging each.
void workThroughJobs(RawClient& worker)
{
    for (int number = 1; number <= kJobs; ++number) {
        Packet delivered;
        BS_CALL(expectPublish(worker, "jobs"_ba, job(number), 1, &delivered));
        BS_CALL(acknowledge(worker, delivered));
    }
}

} // namespace

class TestGroupsRealEngine : public QObject
{
    Q_OBJECT

private slots:
    void lagRisesDrainsAndSeekRedelivers()
    {
        QTemporaryDir dataDirectory;
        QVERIFY(dataDirectory.isValid());
        bs::broker::BrokerConfig config;
        config.dataDirectory = dataDirectory.path();
        config.groupStatsIntervalMs = 200;
        bs::broker::BrokerHost host(config);
        QSignalSpy started(&host, &bs::broker::BrokerHost::started);
        host.start();
        QVERIFY(started.wait(kTimeoutMs));

        // The console, wired as ConsoleSession wires it.
        PahoMqttClient console;
        AdminClient admin(console);
        bs::models::LagHistory history;
        GroupTableModel groups(&history);
        bs::models::GroupStatsFeed feed(groups, history);
        connect(&console, &MqttClient::messagesReceived, this, [&](const MqttMessageBatch& batch) {
            admin.handleMessages(batch);
            feed.handleMessages(batch);
        });
        console.subscribe(bs::models::GroupStatsFeed::kSubscriptionFilter.toString(), 0);
        bs::ui::GroupsPage page(admin, groups, history);
        page.resize(1200, 800);
        page.show();
        ConnectionProfile profile;
        profile.port = host.port();
        profile.clientId = u"groups-console"_s;
        console.connectToBroker(profile);
        QTRY_COMPARE_WITH_TIMEOUT(admin.availability(), AdminClient::Availability::Available, kTimeoutMs);
        QVERIFY(page.isShowingGroups());

        // A worker that takes one job at a time, and stops acknowledging.
        RawClient worker(host.port());
        ConnectOptions oneAtATime{.clientId = "worker"};
        oneAtATime.properties.add(prop::ReceiveMaximum, 1);
        BS_CALL(connectClient(worker, oneAtATime));
        BS_CALL(subscribe(worker, "$share/work/jobs"_ba, subscriptionOptions(1)));
        RawClient producer(host.port());
        BS_CALL(connectClient(producer, "producer"_ba));
        // The lag rises with every job published, in the table and in the history.
        for (int half : {kJobs / 2, kJobs}) {
            for (int number = half - kJobs / 2 + 1; number <= half; ++number)
                BS_CALL(publish(producer, {.topic = "jobs"_ba, .payload = job(number), .qos = 1, .packetId = quint16(number)}));
            QTRY_COMPARE_WITH_TIMEOUT(lagInTable(groups), double(half), kTimeoutMs);
            QTRY_COMPARE_WITH_TIMEOUT(lagInHistory(history), double(half), kTimeoutMs);
        }
        // The page lists the group (listGroups) with its member and topic.
        // (After the listGroups in flight, if any: its answer may predate the last jobs.)
        QTRY_VERIFY_WITH_TIMEOUT(!page.isListing(), kTimeoutMs);
        page.refresh();
        QVERIFY(page.isListing());
        QTRY_VERIFY_WITH_TIMEOUT(!page.isListing(), kTimeoutMs);
        QCOMPARE(groups.group(u"work"_s).value(u"kind"_s).toString(), u"shared"_s);
        page.selectGroups({u"work"_s});
        const QAbstractItemModel* members = page.details()->membersView()->model();
        const QAbstractItemModel* topics = page.details()->topicsView()->model();
        QTRY_COMPARE_WITH_TIMEOUT(members->rowCount(), 1, kTimeoutMs);
        QCOMPARE(members->index(0, 0).data().toString(), u"worker"_s);
        QCOMPARE(topics->index(0, 0).data().toString(), u"jobs"_s);
        QCOMPARE(topics->index(0, 3).data().toString(), QString::number(kJobs)); // lag of the topic

        // The worker catches up: the lag drains to 0.
        BS_CALL(workThroughJobs(worker));
        QTRY_COMPARE_WITH_TIMEOUT(lagInTable(groups), 0.0, kTimeoutMs);
        QTRY_COMPARE_WITH_TIMEOUT(lagInHistory(history), 0.0, kTimeoutMs);

        // Seek to the earliest message through the page; the worker is connected, so the
        // broker refuses until the user confirms, and the retry goes with force.
        page.findChild<QToolButton*>(u"seekButton"_s)->click();
        auto* dialog = page.findChild<bs::ui::SeekGroupDialog*>();
        QVERIFY(dialog);
        QCOMPARE(dialog->target(), bs::ui::SeekGroupDialog::Target::Earliest);
        dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok)->click();
        QMessageBox* confirm = nullptr;
        QTRY_VERIFY_WITH_TIMEOUT((confirm = page.findChild<QMessageBox*>(u"confirmForce"_s)) != nullptr, kTimeoutMs);
        confirm->button(QMessageBox::Yes)->click();
        QTRY_VERIFY_WITH_TIMEOUT(page.statusText().startsWith(u"Group 'work' moved"_s), kTimeoutMs);
        // The whole history comes again, oldest first.
        BS_CALL(workThroughJobs(worker));
        QTRY_COMPARE_WITH_TIMEOUT(lagInTable(groups), 0.0, kTimeoutMs);
    }
};

QTEST_MAIN(TestGroupsRealEngine)
#include "tst_groups_real_engine.moc"
