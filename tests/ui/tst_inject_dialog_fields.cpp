// The inject dialog's fields: JSON problems are marked with line and column but never block,
// setMessage() fills every field, binary and huge payloads survive unchanged, bad fields
// are refused with a reason, templates persist across TemplateStore instances, and topic
// completion uses the given role.

#include "FakeMqttClient.h"
#include "InjectTestSupport.h"
#include "ui/dialogs/InjectDialog.h"
#include "ui/dialogs/PayloadEditor.h"
#include "ui/dialogs/TemplateStore.h"
#include "ui/dialogs/UserPropertiesTable.h"

#include <QAbstractItemModelTester>
#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStandardItemModel>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using bs::client::MqttMessage;
using bs::test::FakeMqttClient;
using bs::test::child;
using bs::test::compareMessages;
using bs::test::fullMessage;
using bs::ui::InjectDialog;
using bs::ui::TemplateStore;

class TestInjectDialogFields : public bs::test::InjectDialogTestBase
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void brokenJsonIsMarkedWithLineAndColumnButStillSent();
    void contentTypeJsonChecksAnyPayload();
    void setMessageFillsEveryField();
    void binaryPayloadRoundTripsAsHex();
    void largePayloadIsKeptUnchanged();
    void invalidFieldsAreRefusedWithAReason();
    void templatesPersistAcrossStores();
    void topicCompletionUsesTheGivenRole();

};

void TestInjectDialogFields::init()
{
    openDialog();
}

void TestInjectDialogFields::cleanup()
{
    closeDialog();
}

void TestInjectDialogFields::brokenJsonIsMarkedWithLineAndColumnButStillSent()
{
    auto* editor = child<bs::ui::PayloadEditor>(m_dialog.get(), u"payloadEditor"_s);
    auto* text = child<QPlainTextEdit>(m_dialog.get(), u"payloadEdit"_s);
    auto* label = child<QLabel>(m_dialog.get(), u"payloadStatus"_s);
    const QString broken = u"{\n  \"a\": 1,\n  \"b\" 2\n}"_s;
    text->setPlainText(broken);

    // The check is debounced: it appears shortly after typing stops.
    QTRY_VERIFY(label->text().contains(u"Line 3, column"_s));
    QVERIFY(label->property("warning").toBool());
    const auto problem = editor->jsonProblem();
    QVERIFY(problem);
    QCOMPARE(problem->line, 3);
    QCOMPARE(problem->column, 7); // the 2 that should have followed a colon
    QCOMPARE(text->extraSelections().size(), 1); // the line is marked
    QCOMPARE(text->extraSelections().first().cursor.blockNumber(), 2);

    // A warning only: it is sent as typed.
    child<QLineEdit>(m_dialog.get(), u"topicEdit"_s)->setText(u"a/b"_s);
    QSignalSpy finished(m_dialog.get(), &InjectDialog::publishFinished);
    click(u"publishButton"_s);
    QVERIFY(finished.wait());
    QCOMPARE(m_client->publishedMessages().first().payload, broken.toUtf8());

    text->setPlainText(u"{\"a\": [1, 2]}"_s);
    QTRY_VERIFY(label->text().contains(u"valid JSON"_s));
    QVERIFY(!label->property("warning").toBool());
    QVERIFY(text->extraSelections().isEmpty());

    text->setPlainText(u"plain words, not JSON"_s);
    QTRY_COMPARE(label->text(), u"21 bytes"_s); // no JSON verdict on plain text
}

void TestInjectDialogFields::contentTypeJsonChecksAnyPayload()
{
    auto* text = child<QPlainTextEdit>(m_dialog.get(), u"payloadEdit"_s);
    auto* label = child<QLabel>(m_dialog.get(), u"payloadStatus"_s);
    text->setPlainText(u"hello"_s);
    QTRY_COMPARE(label->text(), u"5 bytes"_s);
    child<QComboBox>(m_dialog.get(), u"contentTypeBox"_s)->setCurrentText(u"application/vnd.x+json"_s);
    QTRY_VERIFY(label->text().contains(u"Line 1, column 1"_s));
    text->setPlainText(u"42"_s); // a JSON scalar is valid JSON
    QTRY_VERIFY(label->text().contains(u"valid JSON"_s));
}

void TestInjectDialogFields::setMessageFillsEveryField()
{
    const MqttMessage m = fullMessage();
    m_dialog->setMessage(m);
    InjectDialog* d = m_dialog.get();
    QCOMPARE(child<QLineEdit>(d, u"topicEdit"_s)->text(), m.topic);
    QCOMPARE(child<QComboBox>(d, u"qosBox"_s)->currentIndex(), 2);
    QVERIFY(child<QCheckBox>(d, u"retainCheck"_s)->isChecked());
    QCOMPARE(child<QPlainTextEdit>(d, u"payloadEdit"_s)->toPlainText(), QString::fromUtf8(m.payload));
    QCOMPARE(child<QComboBox>(d, u"contentTypeBox"_s)->currentText(), u"application/json"_s);
    QCOMPARE(child<QComboBox>(d, u"payloadFormatBox"_s)->currentIndex(), 2);
    QCOMPARE(child<QSpinBox>(d, u"expirySpin"_s)->value(), 3600);
    QCOMPARE(child<QLineEdit>(d, u"responseTopicEdit"_s)->text(), m.properties.responseTopic);
    QCOMPARE(child<QLineEdit>(d, u"correlationDataEdit"_s)->text(), u"0x00ff10ab"_s); // binary: hex
    QCOMPARE(child<bs::ui::UserPropertiesTable>(d, u"userProperties"_s)->properties(),
             m.properties.userProperties);
    const auto filled = d->message();
    QVERIFY(filled);
    compareMessages(*filled, m);

    // Absent properties stay absent, and text correlation data stays text.
    MqttMessage bare;
    bare.topic = u"x"_s;
    bare.properties.correlationData = "request-17"_ba;
    bare.properties.payloadFormatIndicator = 0;
    d->setMessage(bare);
    QCOMPARE(child<QLineEdit>(d, u"correlationDataEdit"_s)->text(), u"request-17"_s);
    QCOMPARE(child<QSpinBox>(d, u"expirySpin"_s)->text(), u"No expiry"_s);
    compareMessages(*d->message(), bare);
}

void TestInjectDialogFields::binaryPayloadRoundTripsAsHex()
{
    MqttMessage m;
    m.topic = u"bin"_s;
    m.payload = QByteArray("\x00\x01\xfe\xff invalid utf-8 \xc3\x28", 20);
    m_dialog->setMessage(m);
    auto* editor = child<bs::ui::PayloadEditor>(m_dialog.get(), u"payloadEditor"_s);
    QCOMPARE(editor->mode(), bs::ui::PayloadEditor::Mode::Hex);
    QVERIFY(child<QPlainTextEdit>(m_dialog.get(), u"payloadEdit"_s)->toPlainText().startsWith(u"00 01 fe ff"_s));
    QCOMPARE(m_dialog->message()->payload, m.payload);
    // Switching to text would change the bytes: refused, with a reason, bytes untouched.
    QVERIFY(!editor->setMode(bs::ui::PayloadEditor::Mode::Text));
    QVERIFY(child<QLabel>(m_dialog.get(), u"payloadStatus"_s)->text().contains(u"not UTF-8"_s));
    QCOMPARE(m_dialog->message()->payload, m.payload);
}

void TestInjectDialogFields::largePayloadIsKeptUnchanged()
{
    MqttMessage m;
    m.topic = u"big"_s;
    m.payload = QByteArray(3 * 1024 * 1024, 'x');
    m.payload[100] = '\0'; // binary, and far larger than what the editor shows
    m_dialog->setMessage(m);
    auto* label = child<QLabel>(m_dialog.get(), u"payloadStatus"_s);
    QVERIFY(label->text().contains(u"kept as it is"_s));
    QVERIFY(child<QPlainTextEdit>(m_dialog.get(), u"payloadEdit"_s)->isReadOnly());
    QCOMPARE(m_dialog->message()->payload, m.payload);
}

void TestInjectDialogFields::invalidFieldsAreRefusedWithAReason()
{
    InjectDialog* d = m_dialog.get();
    click(u"publishButton"_s);
    QCOMPARE(status(), u"Enter a topic."_s);
    child<QLineEdit>(d, u"topicEdit"_s)->setText(u"sensors/#"_s);
    click(u"publishButton"_s);
    QVERIFY(status().contains(u"wildcards"_s));
    child<QLineEdit>(d, u"topicEdit"_s)->setText(u"sensors/1"_s);
    child<QLineEdit>(d, u"correlationDataEdit"_s)->setText(u"0xabc"_s);
    QVERIFY(child<QLabel>(d, u"correlationDataError"_s)->isVisible());
    click(u"publishButton"_s);
    QCOMPARE(status(), u"Correlation data: odd number of hex digits"_s);
    QVERIFY(m_client->publishedMessages().isEmpty());
    QVERIFY(!d->isPublishing());
}

void TestInjectDialogFields::templatesPersistAcrossStores()
{
    m_dialog->setMessage(fullMessage());
    auto* names = child<QComboBox>(m_dialog.get(), u"templateNameBox"_s);
    names->setCurrentText(u"Line 1 reading"_s);
    click(u"saveTemplateButton"_s);
    QVERIFY(status().contains(u"Saved template"_s));
    m_dialog->setMessage(MqttMessage{u"other"_s, "x"_ba, 0, false, false, {}, {}});
    names->setCurrentText(u"Second"_s);
    click(u"saveTemplateButton"_s);
    m_dialog.reset();
    m_templates.reset();

    // A new store on the same file, and a new dialog: both templates are there, in order.
    m_templates = std::make_unique<TemplateStore>(settings());
    QCOMPARE(m_templates->names(), (QStringList{u"Line 1 reading"_s, u"Second"_s}));
    compareMessages(*m_templates->find(u"Line 1 reading"_s), fullMessage());
    m_dialog = std::make_unique<InjectDialog>(*m_client, *m_templates, nullptr);
    child<QComboBox>(m_dialog.get(), u"templateNameBox"_s)->setCurrentText(u"Line 1 reading"_s);
    click(u"loadTemplateButton"_s);
    compareMessages(*m_dialog->message(), fullMessage());

    child<QComboBox>(m_dialog.get(), u"templateNameBox"_s)->setCurrentText(u"Second"_s);
    click(u"deleteTemplateButton"_s);
    m_dialog.reset();
    m_templates.reset();
    m_templates = std::make_unique<TemplateStore>(settings());
    QCOMPARE(m_templates->names(), QStringList{u"Line 1 reading"_s});
}

void TestInjectDialogFields::topicCompletionUsesTheGivenRole()
{
    QStandardItemModel topics;
    QAbstractItemModelTester tester(&topics);
    for (const char* topic : {"plant/line1/temperature", "plant/line2/temperature", "plant/line1/pressure"}) {
        auto* item = new QStandardItem(QString::fromLatin1(topic).section(u'/', -1)); // leaf name
        item->setData(QString::fromLatin1(topic), Qt::UserRole + 1);                  // full topic
        topics.appendRow(item);
    }
    InjectDialog dialog(*m_client, *m_templates, &topics);
    QCOMPARE(dialog.topicCompletionRole(), int(Qt::DisplayRole));
    dialog.setTopicCompletionRole(Qt::UserRole + 1);
    QCompleter* completer = child<QLineEdit>(&dialog, u"topicEdit"_s)->completer();
    QVERIFY(completer);
    completer->setCompletionPrefix(u"LINE1"_s); // contains, case-insensitive
    QCOMPARE(completer->completionCount(), 2);
    QStringList found;
    for (int i = 0; completer->setCurrentRow(i); ++i)
        found << completer->currentCompletion();
    found.sort();
    QCOMPARE(found, (QStringList{u"plant/line1/pressure"_s, u"plant/line1/temperature"_s}));
}

QTEST_MAIN(TestInjectDialogFields)
#include "tst_inject_dialog_fields.moc"
