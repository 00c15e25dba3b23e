// The inject dialog publishing through FakeMqttClient: what is filled in is exactly what is
// published, repeats are paced by a timer and counted by answers, Cancel stops them, and
// broker refusals show their reason code.

#include "FakeMqttClient.h"
#include "InjectTestSupport.h"
#include "ui/dialogs/InjectDialog.h"
#include "ui/dialogs/TemplateStore.h"
#include "ui/dialogs/UserPropertiesTable.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTableWidget>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using bs::client::MqttMessage;
using bs::client::UserProperty;
using bs::test::FakeMqttClient;
using bs::test::child;
using bs::test::compareMessages;
using bs::test::fullMessage;
using bs::ui::InjectDialog;
using bs::ui::PublishSummary;
using bs::ui::TemplateStore;

class TestInjectDialog : public bs::test::InjectDialogTestBase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void publishesExactlyWhatWasFilledIn();
    void userPropertiesKeepTheirOrderAfterReordering();
    void repeatSendsNAtTheRateAndShowsProgress();
    void progressCountsAnswersNotCalls();
    void synchronousAnswersAreCounted();
    void cancelStopsARun();
    void notAuthorizedShowsTheReasonCode();
    void repeatSummaryNamesTheFirstError();
    void closingCancelsARun();

};

void TestInjectDialog::init()
{
    openDialog();
}

void TestInjectDialog::cleanup()
{
    closeDialog();
}

void TestInjectDialog::publishesExactlyWhatWasFilledIn()
{
    InjectDialog* d = m_dialog.get();
    QTest::keyClicks(child<QLineEdit>(d, u"topicEdit"_s), u"plant/line1/temperature"_s);
    child<QComboBox>(d, u"qosBox"_s)->setCurrentIndex(2);
    child<QCheckBox>(d, u"retainCheck"_s)->setChecked(true);
    child<QPlainTextEdit>(d, u"payloadEdit"_s)->setPlainText(u"{\"celsius\": 21.5, \"ok\": true}"_s);
    child<QComboBox>(d, u"contentTypeBox"_s)->setCurrentText(u"application/json"_s);
    child<QComboBox>(d, u"payloadFormatBox"_s)->setCurrentIndex(2); // indicator 1
    child<QSpinBox>(d, u"expirySpin"_s)->setValue(3600);
    child<QLineEdit>(d, u"responseTopicEdit"_s)->setText(u"plant/line1/replies"_s);
    child<QLineEdit>(d, u"correlationDataEdit"_s)->setText(u"0x00ff 10ab"_s);
    auto* properties = child<bs::ui::UserPropertiesTable>(d, u"userProperties"_s);
    properties->addRow(u"b"_s, u"2"_s);
    properties->addRow(u"a"_s, u"1"_s);
    properties->addRow(u"b"_s, u"again"_s);

    QSignalSpy finished(d, &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QVERIFY(finished.wait());

    QCOMPARE(m_client->publishedMessages().size(), 1);
    compareMessages(m_client->publishedMessages().first(), fullMessage());
    QCOMPARE(status(), u"Published."_s);
}

void TestInjectDialog::userPropertiesKeepTheirOrderAfterReordering()
{
    auto* properties = child<bs::ui::UserPropertiesTable>(m_dialog.get(), u"userProperties"_s);
    auto* table = child<QTableWidget>(properties, u"userPropertiesTable"_s);
    for (const char* name : {"first", "second", "third"}) {
        QTest::mouseClick(child<QPushButton>(properties, u"addUserProperty"_s), Qt::LeftButton);
        const int row = table->rowCount() - 1;
        table->item(row, 0)->setText(QString::fromLatin1(name));
        table->item(row, 1)->setText(QString::fromLatin1(name).toUpper());
    }
    // "third" is current: move it to the top, then drop "second".
    QTest::mouseClick(child<QPushButton>(properties, u"moveUserPropertyUp"_s), Qt::LeftButton);
    QTest::mouseClick(child<QPushButton>(properties, u"moveUserPropertyUp"_s), Qt::LeftButton);
    QVERIFY(!child<QPushButton>(properties, u"moveUserPropertyUp"_s)->isEnabled()); // at the top
    table->setCurrentCell(2, 0);
    QCOMPARE(table->item(2, 0)->text(), u"second"_s);
    QTest::mouseClick(child<QPushButton>(properties, u"removeUserProperty"_s), Qt::LeftButton);

    const QList<UserProperty> expected{{u"third"_s, u"THIRD"_s}, {u"first"_s, u"FIRST"_s}};
    QCOMPARE(properties->properties(), expected);

    child<QLineEdit>(m_dialog.get(), u"topicEdit"_s)->setText(u"t"_s);
    QSignalSpy finished(m_dialog.get(), &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QVERIFY(finished.wait());
    QCOMPARE(m_client->publishedMessages().first().properties.userProperties, expected);
}

void TestInjectDialog::repeatSendsNAtTheRateAndShowsProgress()
{
    InjectDialog* d = m_dialog.get();
    child<QLineEdit>(d, u"topicEdit"_s)->setText(u"load/test"_s);
    child<QPlainTextEdit>(d, u"payloadEdit"_s)->setPlainText(u"tick"_s);
    child<QSpinBox>(d, u"repeatCountSpin"_s)->setValue(25);
    child<QDoubleSpinBox>(d, u"repeatRateSpin"_s)->setValue(200);
    auto* progress = child<QProgressBar>(d, u"progressBar"_s);
    QSignalSpy values(progress, &QProgressBar::valueChanged);
    QSignalSpy finished(d, &InjectDialog::publishFinished);

    click(u"publishButton"_s);
    QVERIFY(progress->isVisible());
    QVERIFY(d->isPublishing());
    QVERIFY(!child<QPushButton>(d, u"publishButton"_s)->isEnabled());
    QVERIFY(child<QPushButton>(d, u"cancelButton"_s)->isVisible());
    // Paced by a timer: the first message leaves at once, the rest later.
    QVERIFY(m_client->publishedMessages().size() < 25);

    QVERIFY(finished.wait(10000));
    QCOMPARE(m_client->publishedMessages().size(), 25);
    QCOMPARE(progress->maximum(), 25);
    QCOMPARE(progress->value(), 25);
    QVERIFY(values.size() > 2); // it moved in steps, not in one jump
    const auto summary = finished.first().first().value<PublishSummary>();
    QCOMPARE(summary.succeeded, 25);
    QCOMPARE(summary.failed, 0);
    QCOMPARE(status(), u"Sent 25 of 25."_s);
    QVERIFY(!d->isPublishing());
    QVERIFY(child<QPushButton>(d, u"publishButton"_s)->isEnabled());
    for (const MqttMessage& m : m_client->publishedMessages())
        QCOMPARE(m.payload, "tick"_ba);
}

void TestInjectDialog::progressCountsAnswersNotCalls()
{
    m_client->setAnswerMode(FakeMqttClient::AnswerMode::Manual);
    InjectDialog* d = m_dialog.get();
    child<QLineEdit>(d, u"topicEdit"_s)->setText(u"load/test"_s);
    child<QSpinBox>(d, u"repeatCountSpin"_s)->setValue(3);
    child<QDoubleSpinBox>(d, u"repeatRateSpin"_s)->setValue(1000);
    auto* progress = child<QProgressBar>(d, u"progressBar"_s);
    QSignalSpy finished(d, &InjectDialog::publishFinished);

    click(u"publishButton"_s);
    QTRY_COMPARE(m_client->publishedMessages().size(), 3);
    QCOMPARE(progress->value(), 0); // three calls, no answer yet
    QVERIFY(d->isPublishing());
    QVERIFY(m_client->answerNext());
    QCOMPARE(progress->value(), 1);
    QVERIFY(m_client->answerNext(0x10)); // "No matching subscribers" is a success
    QCOMPARE(progress->value(), 2);
    QVERIFY(finished.isEmpty());
    QVERIFY(m_client->answerNext());
    QCOMPARE(progress->value(), 3);
    QCOMPARE(finished.size(), 1);
    QCOMPARE(status(), u"Sent 3 of 3."_s);
}

void TestInjectDialog::synchronousAnswersAreCounted()
{
    m_client->setAnswerMode(FakeMqttClient::AnswerMode::Synchronous);
    child<QLineEdit>(m_dialog.get(), u"topicEdit"_s)->setText(u"a/b"_s);
    child<QSpinBox>(m_dialog.get(), u"repeatCountSpin"_s)->setValue(4);
    child<QDoubleSpinBox>(m_dialog.get(), u"repeatRateSpin"_s)->setValue(1000);
    QSignalSpy finished(m_dialog.get(), &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QVERIFY(finished.size() == 1 || finished.wait());
    QCOMPARE(finished.first().first().value<PublishSummary>().succeeded, 4);
}

void TestInjectDialog::cancelStopsARun()
{
    InjectDialog* d = m_dialog.get();
    child<QLineEdit>(d, u"topicEdit"_s)->setText(u"load/test"_s);
    child<QSpinBox>(d, u"repeatCountSpin"_s)->setValue(1000);
    child<QDoubleSpinBox>(d, u"repeatRateSpin"_s)->setValue(20);
    QSignalSpy calls(m_client.get(), &FakeMqttClient::publishCalled);
    QSignalSpy finished(d, &InjectDialog::publishFinished);

    click(u"publishButton"_s);
    QTRY_VERIFY_WITH_TIMEOUT(calls.size() >= 3, 5000);
    click(u"cancelButton"_s);
    QCOMPARE(finished.size(), 1);
    const auto summary = finished.first().first().value<PublishSummary>();
    QVERIFY(summary.cancelled);
    QVERIFY(summary.issued < 1000);
    QVERIFY(!d->isPublishing());
    QVERIFY(status().contains(u"Cancelled"_s));
    QVERIFY(child<QPushButton>(d, u"publishButton"_s)->isEnabled());

    // At 20 per second, a few more would have left in this time had it not stopped.
    const qsizetype sent = calls.size();
    QVERIFY(!calls.wait(400));
    QCOMPARE(calls.size(), sent);
}

void TestInjectDialog::notAuthorizedShowsTheReasonCode()
{
    m_client->setAnswer(0x87); // the fake sends no text: the dialog names the code itself
    child<QLineEdit>(m_dialog.get(), u"topicEdit"_s)->setText(u"$SYS/forbidden"_s);
    QSignalSpy finished(m_dialog.get(), &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QVERIFY(finished.wait());
    QCOMPARE(status(), u"Not published: Not authorized (0x87)"_s);
    QVERIFY(child<QLabel>(m_dialog.get(), u"statusLabel"_s)->property("warning").toBool());

    // A client that already wrote the code is not repeated; one that says more keeps it.
    m_client->setAnswer(0x95, u"Packet too large (0x95)"_s);
    click(u"publishButton"_s);
    QVERIFY(finished.wait());
    QCOMPARE(status(), u"Not published: Packet too large (0x95)"_s);
    m_client->setAnswer(0x80, u"broker closed the connection"_s);
    click(u"publishButton"_s);
    QVERIFY(finished.wait());
    QCOMPARE(status(), u"Not published: Unspecified error (0x80): broker closed the connection"_s);
}

void TestInjectDialog::repeatSummaryNamesTheFirstError()
{
    m_client->setAnswerMode(FakeMqttClient::AnswerMode::Manual);
    child<QLineEdit>(m_dialog.get(), u"topicEdit"_s)->setText(u"a/b"_s);
    child<QSpinBox>(m_dialog.get(), u"repeatCountSpin"_s)->setValue(3);
    child<QDoubleSpinBox>(m_dialog.get(), u"repeatRateSpin"_s)->setValue(1000);
    QSignalSpy finished(m_dialog.get(), &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QTRY_COMPARE(m_client->unanswered(), 3);
    QVERIFY(m_client->answerNext(0));
    QVERIFY(m_client->answerNext(0x87));
    QVERIFY(m_client->answerNext(0x97));
    QCOMPARE(finished.size(), 1);
    QCOMPARE(status(), u"Sent 1, failed 2 of 3. First error: Not authorized (0x87)"_s);
}

void TestInjectDialog::closingCancelsARun()
{
    child<QLineEdit>(m_dialog.get(), u"topicEdit"_s)->setText(u"a/b"_s);
    child<QSpinBox>(m_dialog.get(), u"repeatCountSpin"_s)->setValue(100);
    child<QDoubleSpinBox>(m_dialog.get(), u"repeatRateSpin"_s)->setValue(1);
    QSignalSpy finished(m_dialog.get(), &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QVERIFY(m_dialog->isPublishing());
    click(u"closeButton"_s);
    QVERIFY(!m_dialog->isVisible());
    QCOMPARE(finished.size(), 1);
    QVERIFY(finished.first().first().value<PublishSummary>().cancelled);
}

QTEST_MAIN(TestInjectDialog)
#include "tst_inject_dialog.moc"
