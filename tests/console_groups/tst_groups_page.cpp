// The Consumer groups page offscreen, with a FakeMqttClient under a real AdminClient and
// the test answering the admin API: the groups table fills from listGroups, selecting a
// group shows its members and topics and charts the selected groups, the page says in a
// sentence what a broker without the admin API cannot show, and seek / create / delete
// send the right JSON — with a conflict asked about and retried with force.

#include "FakeAdminBroker.h"
#include "GroupsTestData.h"
#include "models/groups/GroupFilterProxy.h"
#include "models/groups/GroupStatsFeed.h"
#include "models/groups/GroupTableModel.h"
#include "models/lag/LagHistory.h"
#include "ui/charts/LagChartView.h"
#include "ui/groups/CreateGroupDialog.h"
#include "ui/groups/GroupDetailsPanel.h"
#include "ui/groups/GroupActions.h"
#include "ui/groups/GroupLagPanel.h"
#include "ui/groups/GroupsPage.h"
#include "ui/groups/SeekGroupDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableView>
#include <QTest>
#include <QToolButton>

#include <memory>

using namespace Qt::StringLiterals;
using bs::client::AdminClient;
using bs::models::GroupTableModel;
using bs::test::FakeAdminBroker;
using bs::ui::GroupsPage;

namespace {

/// The visible child of this type (and name), skipping closed ones not yet deleted.
template <typename T>
T* visibleChild(const QWidget& parent, const QString& name = {})
{
    for (T* child : parent.findChildren<T*>(name)) {
        if (child->isVisible())
            return child;
    }
    return nullptr;
}

void clickDialogButton(QDialog* dialog, QDialogButtonBox::StandardButton which)
{
    QPushButton* button = dialog->findChild<QDialogButtonBox*>()->button(which);
    QVERIFY(button->isEnabled());
    button->click();
}

} // namespace

class TestGroupsPage : public QObject
{
    Q_OBJECT

private:
    struct Fixture
    {
        bs::test::FakeMqttClient client;
        AdminClient admin{client};
        bs::models::LagHistory history;
        GroupTableModel groups{&history};
        FakeAdminBroker broker{client, admin};
        GroupsPage page{admin, groups, history};
    };
    std::unique_ptr<Fixture> m_f;

    /// Answers the availability probe, then the first listGroups with these groups.
    void bringUp(const QJsonArray& groups)
    {
        QTRY_COMPARE(m_f->broker.count(u"stats"_s), 1);
        m_f->broker.answer(*m_f->broker.last(u"stats"_s), {{u"clients"_s, 1}});
        QCOMPARE(m_f->admin.availability(), AdminClient::Availability::Available);
        QVERIFY(m_f->page.isShowingGroups());
        QTRY_COMPARE(m_f->broker.count(u"listGroups"_s), 1);
        m_f->broker.answer(*m_f->broker.last(u"listGroups"_s), {{u"groups"_s, groups}});
    }
    QToolButton* button(const QString& name) const { return m_f->page.findChild<QToolButton*>(name); }
    /// Answers the refresh every action ends with, so the next one can go out.
    void answerRefresh(int expectedCount, const QJsonArray& groups)
    {
        QTRY_COMPARE(m_f->broker.count(u"listGroups"_s), expectedCount);
        m_f->broker.answer(*m_f->broker.last(u"listGroups"_s), {{u"groups"_s, groups}});
    }

private slots:
    void init()
    {
        m_f = std::make_unique<Fixture>();
        m_f->page.resize(1200, 800);
        m_f->page.show();
    }
    void cleanup() { m_f.reset(); }

    void saysWhatItChecksAndWhatAGenericBrokerCannotShow()
    {
        QTRY_COMPARE(m_f->admin.availability(), AdminClient::Availability::Probing);
        QVERIFY(!m_f->page.isShowingGroups());
        QVERIFY(m_f->page.noticeText().contains(u"Checking what this broker can show…"_s));
        // Mosquitto never answers the probe.
        QTRY_COMPARE_WITH_TIMEOUT(m_f->admin.availability(), AdminClient::Availability::Unavailable,
                                  AdminClient::kProbeTimeoutMs + 2000);
        QVERIFY(!m_f->page.isShowingGroups());
        const QString notice = m_f->page.noticeText();
        QVERIFY2(notice.contains(u"This broker does not expose consumer groups"_s), qPrintable(notice));
        QVERIFY(notice.contains(u"Embedded broker"_s));
        QVERIFY(notice.contains(u"$DLQ/#"_s));
        QCOMPARE(m_f->broker.count(u"listGroups"_s), 0);
        // Its links lead to what is available.
        QSignalSpy topics(&m_f->page, &GroupsPage::topicsPageRequested);
        QSignalSpy deadLetters(&m_f->page, &GroupsPage::deadLettersPageRequested);
        auto* label = m_f->page.findChild<QLabel*>(u"noticeLabel"_s);
        emit label->linkActivated(u"topics"_s);
        emit label->linkActivated(u"deadletters"_s);
        QCOMPARE(topics.size(), 1);
        QCOMPARE(deadLetters.size(), 1);
    }

    void tableShowsGroupsAndSelectionShowsDetails()
    {
        bringUp({bs::test::sharedGroup(u"work"_s, 12), bs::test::sharedGroup(u"billing"_s, 3, u"orders/#"_s),
                 bs::test::sessionGroup(u"sensor-7"_s, 4)});
        QTableView* table = m_f->page.groupsView();
        QCOMPARE(table->model()->rowCount(), 3);
        QVERIFY(!m_f->page.findChild<QLabel*>(u"emptyHint"_s)->isVisible());
        QVERIFY(!button(u"seekButton"_s)->isEnabled()); // nothing selected yet

        m_f->page.selectGroups({u"work"_s});
        QCOMPARE(m_f->page.currentGroup().value(u"group"_s).toString(), u"work"_s);
        QCOMPARE(m_f->page.details()->membersView()->model()->rowCount(), 2);
        QCOMPARE(m_f->page.details()->topicsView()->model()->rowCount(), 1);
        QCOMPARE(m_f->page.details()->topicsView()->model()->index(0, 0).data().toString(), u"jobs"_s);
        QVERIFY(button(u"seekButton"_s)->isEnabled());
        QCOMPARE(m_f->page.lagPanel()->chart()->shownSeries(), QStringList{u"work"_s});

        // Several selected: overlaid in the chart, each with its trend in words.
        m_f->page.selectGroups({u"work"_s, u"billing"_s, u"sensor-7"_s});
        QCOMPARE(m_f->page.lagPanel()->chart()->shownSeries(), (QStringList{u"billing"_s, u"work"_s}));
        bs::models::GroupStatsFeed feed(m_f->groups, m_f->history);
        for (int second = 0; second < 12; ++second)
            feed.handleMessages(bs::test::groupTick(u"work"_s, second * 50.0, 0, 1'700'000'000'000 + second * 1000));
        QTRY_VERIFY(m_f->page.lagPanel()->trendText().contains(u"work: growing by 50 msg/s"_s));
        QVERIFY(m_f->page.lagPanel()->trendText().contains(u"billing: no live lag yet"_s));
        QTRY_VERIFY(m_f->groups.index(m_f->groups.rowOfGroup(u"work"_s), 0).data(GroupTableModel::LagGrowingRole).toBool());
        QVERIFY(!m_f->page.grab().isNull()); // the delegate paints the marked row

        // A session is shown but cannot be sought or deleted.
        m_f->page.selectGroups({u"sensor-7"_s});
        QVERIFY(m_f->page.details()->title().contains(u"Persistent session sensor-7"_s));
        QVERIFY(!button(u"seekButton"_s)->isEnabled());
        QVERIFY(!button(u"deleteButton"_s)->isEnabled());

        // The filter.
        m_f->page.findChild<QLineEdit*>(u"groupFilter"_s)->setText(u"orders"_s);
        QCOMPARE(table->model()->rowCount(), 1);
        QCOMPARE(table->model()->index(0, 0).data().toString(), u"billing"_s);
    }

    void refreshesWithOneListRequestInFlight()
    {
        bringUp({bs::test::sharedGroup(u"work"_s, 12)});
        m_f->page.refresh();
        QCOMPARE(m_f->broker.count(u"listGroups"_s), 2);
        m_f->page.refresh();
        m_f->page.refresh();
        QCOMPARE(m_f->broker.count(u"listGroups"_s), 2); // one in flight at most
        m_f->broker.answer(*m_f->broker.last(u"listGroups"_s), {{u"groups"_s, QJsonArray{}}});
        QCOMPARE(m_f->broker.count(u"listGroups"_s), 3); // the refresh asked meanwhile
        QCOMPARE(m_f->groups.rowCount(), 0);
        QVERIFY(m_f->page.findChild<QLabel*>(u"emptyHint"_s)->isVisible());
        // Hidden: no timer refresh; shown again: one at once.
        m_f->broker.answer(*m_f->broker.last(u"listGroups"_s), {{u"groups"_s, QJsonArray{}}});
        m_f->page.hide();
        m_f->page.show();
        QCOMPARE(m_f->broker.count(u"listGroups"_s), 4);
    }

    void seekConflictIsAskedAboutAndRetriedWithForce()
    {
        const QJsonArray groups{bs::test::sharedGroup(u"work"_s, 12)};
        bringUp(groups);
        m_f->page.selectGroups({u"work"_s});
        button(u"seekButton"_s)->click();
        auto* dialog = visibleChild<bs::ui::SeekGroupDialog>(m_f->page);
        QVERIFY(dialog);
        dialog->findChild<QRadioButton*>(u"targetOffset"_s)->click();
        dialog->findChild<QLineEdit*>(u"offsetEdit"_s)->setText(u"5"_s);
        dialog->setTopic(u"jobs"_s);
        QVERIFY(dialog->findChild<QLabel*>(u"summaryLabel"_s)->text().contains(u"offset 5 in jobs"_s));
        clickDialogButton(dialog, QDialogButtonBox::Ok);
        QCOMPARE(m_f->broker.count(u"seekGroup"_s), 1);
        const auto first = *m_f->broker.last(u"seekGroup"_s);
        QCOMPARE(first.body, (QJsonObject{{u"command"_s, u"seekGroup"_s}, {u"group"_s, u"work"_s}, {u"to"_s, u"offset"_s},
                                          {u"offset"_s, 5}, {u"topic"_s, u"jobs"_s}, {u"force"_s, false}}));
        QVERIFY(!button(u"seekButton"_s)->isEnabled()); // one action at a time

        m_f->broker.fail(first, u"conflict"_s, u"group 'work' has members connected; seek with \"force\": true"_s);
        QMessageBox* box = visibleChild<QMessageBox>(m_f->page, u"confirmForce"_s);
        QVERIFY(box);
        QVERIFY(box->text().contains(u"members connected"_s));
        box->button(QMessageBox::Yes)->click();
        QCOMPARE(m_f->broker.count(u"seekGroup"_s), 2);
        const auto forced = *m_f->broker.last(u"seekGroup"_s);
        QCOMPARE(forced.body.value(u"force"_s).toBool(), true);
        QCOMPARE(forced.body.value(u"offset"_s).toInteger(), 5);
        m_f->broker.answer(forced, {{u"group"_s, u"work"_s},
                                    {u"topics"_s, QJsonArray{QJsonObject{{u"topic"_s, u"jobs"_s}, {u"committed"_s, 5}, {u"lag"_s, 107}}}}});
        QCOMPARE(m_f->page.statusText(), u"Group 'work' moved in 1 topic(s): it now owes 107 message(s)."_s);
        answerRefresh(2, groups); // every action ends with a refresh
        QVERIFY(button(u"seekButton"_s)->isEnabled());
    }

    void seekConflictDeclinedLeavesTheGroup()
    {
        bringUp({bs::test::sharedGroup(u"work"_s, 12)});
        m_f->page.selectGroups({u"work"_s});
        button(u"seekButton"_s)->click();
        auto* dialog = visibleChild<bs::ui::SeekGroupDialog>(m_f->page);
        QVERIFY(dialog);
        dialog->setTarget(bs::ui::SeekGroupDialog::Target::Time);
        dialog->setTime(QDateTime::fromMSecsSinceEpoch(1'700'000'000'000));
        clickDialogButton(dialog, QDialogButtonBox::Ok);
        const auto request = *m_f->broker.last(u"seekGroup"_s);
        QCOMPARE(request.body.value(u"to"_s).toString(), u"time"_s);
        QCOMPARE(request.body.value(u"time"_s).toInteger(), 1'700'000'000'000);
        QVERIFY(!request.body.contains(u"topic"_s));
        m_f->broker.fail(request, u"conflict"_s, u"members connected"_s);
        QMessageBox* box = visibleChild<QMessageBox>(m_f->page, u"confirmForce"_s);
        QVERIFY(box);
        box->button(QMessageBox::Cancel)->click();
        QCOMPARE(m_f->broker.count(u"seekGroup"_s), 1);
        QCOMPARE(m_f->page.statusText(), u"Group 'work' left as it was."_s);
    }

    void createSendsTheGroupsFields()
    {
        bringUp({});
        button(u"createButton"_s)->click();
        auto* dialog = visibleChild<bs::ui::CreateGroupDialog>(m_f->page);
        QVERIFY(dialog);
        QPushButton* create = dialog->findChild<QDialogButtonBox*>()->button(QDialogButtonBox::Ok);
        QVERIFY(!create->isEnabled()); // no name yet
        dialog->findChild<QLineEdit*>(u"nameEdit"_s)->setText(u"bad/name"_s);
        dialog->findChild<QLineEdit*>(u"filterEdit"_s)->setText(u"orders/#"_s);
        QVERIFY(!create->isEnabled());
        QVERIFY(dialog->problem().contains(u"cannot contain"_s));
        dialog->findChild<QLineEdit*>(u"nameEdit"_s)->setText(u"audit"_s);
        dialog->findChild<QRadioButton*>(u"startEarliest"_s)->click();
        dialog->findChild<QSpinBox*>(u"maxDeliveries"_s)->setValue(3);
        clickDialogButton(dialog, QDialogButtonBox::Ok);
        QCOMPARE(m_f->broker.count(u"createGroup"_s), 1);
        QCOMPARE(m_f->broker.last(u"createGroup"_s)->body,
                 (QJsonObject{{u"command"_s, u"createGroup"_s}, {u"group"_s, u"audit"_s}, {u"filter"_s, u"orders/#"_s},
                              {u"start"_s, u"earliest"_s}, {u"maxDeliveries"_s, 3}}));
        // A broker refusal is told in words.
        m_f->broker.fail(*m_f->broker.last(u"createGroup"_s), u"exists"_s, u"group 'audit' exists already"_s);
        QCOMPARE(m_f->page.statusText(), u"Could not create group 'audit': a group named 'audit' exists already."_s);
    }

    void deleteAsksFirstThenForcesAfterAConflict()
    {
        bringUp({bs::test::sharedGroup(u"work"_s, 12)});
        m_f->page.selectGroups({u"work"_s});
        button(u"deleteButton"_s)->click();
        QMessageBox* confirm = visibleChild<QMessageBox>(m_f->page, u"confirmDelete"_s);
        QVERIFY(confirm);
        QCOMPARE(m_f->broker.count(u"deleteGroup"_s), 0); // nothing before the answer
        confirm->button(QMessageBox::Yes)->click();
        QCOMPARE(m_f->broker.last(u"deleteGroup"_s)->body,
                 (QJsonObject{{u"command"_s, u"deleteGroup"_s}, {u"group"_s, u"work"_s}, {u"force"_s, false}}));
        m_f->broker.fail(*m_f->broker.last(u"deleteGroup"_s), u"conflict"_s, u"members connected"_s);
        QMessageBox* force = visibleChild<QMessageBox>(m_f->page, u"confirmForce"_s);
        QVERIFY(force);
        force->button(QMessageBox::Yes)->click();
        QCOMPARE(m_f->broker.last(u"deleteGroup"_s)->body.value(u"force"_s).toBool(), true);
        m_f->broker.answer(*m_f->broker.last(u"deleteGroup"_s), {{u"group"_s, u"work"_s}, {u"deleted"_s, true}});
        QCOMPARE(m_f->page.statusText(), u"Group 'work' deleted."_s);
        answerRefresh(2, {});
        QCOMPARE(m_f->groups.rowCount(), 0);
        QVERIFY(m_f->page.currentGroup().isEmpty());
        QVERIFY(!button(u"deleteButton"_s)->isEnabled());
    }

    void failuresAreToldInWords()
    {
        QCOMPARE(bs::ui::GroupActions::failureText(u"deleteGroup"_s, u"work"_s, u"not-found"_s, u"no group 'work'"_s),
                 u"Could not delete group 'work': there is no group 'work' (any more)."_s);
        QCOMPARE(bs::ui::GroupActions::failureText(u"seekGroup"_s, u"work"_s, u"timeout"_s, {}),
                 u"Could not seek group 'work': the broker did not answer in time."_s);
        QCOMPARE(bs::ui::GroupActions::failureText(u"seekGroup"_s, u"work"_s, u"bad-request"_s, u"'to' must be earliest, latest, offset or time"_s),
                 u"Could not seek group 'work': 'to' must be earliest, latest, offset or time"_s);
    }
};

QTEST_MAIN(TestGroupsPage)
#include "tst_groups_page.moc"
