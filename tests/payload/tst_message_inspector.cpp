// MessageInspector, PropertiesView and DiffView offscreen: every MQTT 5 property listed,
// user properties in order; the diff against the previous message; Copy, Save (through
// the non-blocking file dialog) and Edit and republish.
#include "models/payload/LineDiffModel.h"
#include "models/payload/MessagePropertyRows.h"
#include "ui/payload/DiffView.h"
#include "ui/payload/MessageInspector.h"
#include "ui/payload/PayloadViewer.h"
#include "ui/payload/PropertiesView.h"

#include <QAction>
#include <QCheckBox>
#include <QClipboard>
#include <QFileDialog>
#include <QGuiApplication>
#include <QMimeData>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTemporaryDir>
#include <QTest>
#include <QTreeView>

using namespace Qt::StringLiterals;
using bs::client::MqttMessage;
using bs::client::MqttMessagePtr;
using bs::ui::MessageInspector;

Q_DECLARE_METATYPE(bs::client::MqttMessage)

namespace {

MqttMessage fullMessage()
{
    MqttMessage m;
    m.topic = u"plant/line-3/temperature"_s;
    m.payload = "{\"t\": 21.5, \"unit\": \"C\"}"_ba;
    m.qos = 1;
    m.retain = true;
    m.duplicate = false;
    m.timestamp = QDateTime(QDate(2024, 5, 17), QTime(10, 30, 15, 250));
    m.properties.payloadFormatIndicator = 1;
    m.properties.messageExpiryInterval = 60;
    m.properties.contentType = u"application/json"_s;
    m.properties.responseTopic = u"plant/line-3/replies"_s;
    m.properties.correlationData = "req-42"_ba;
    // Order matters, and names may repeat (MQTT 5 §3.3.2.3.7).
    m.properties.userProperties = {{u"zone"_s, u"north"_s}, {u"alpha"_s, u"1"_s}, {u"zone"_s, u"south"_s}};
    m.properties.subscriptionIdentifiers = {7, 12};
    return m;
}

MqttMessagePtr ptr(MqttMessage m)
{
    return std::make_shared<const MqttMessage>(std::move(m));
}

} // namespace

class MessageInspectorTest : public QObject
{
    Q_OBJECT
private slots:
    void propertiesListEverything()
    {
        bs::ui::PropertiesView view;
        view.setMessage(fullMessage());
        QCOMPARE(view.valueOf(u"Topic"_s), u"plant/line-3/temperature"_s);
        QCOMPARE(view.valueOf(u"QoS"_s), u"1 (at least once)"_s);
        QCOMPARE(view.valueOf(u"Retain"_s), u"yes"_s);
        QCOMPARE(view.valueOf(u"DUP"_s), u"no"_s);
        QCOMPARE(view.valueOf(u"Payload size"_s), u"24 bytes"_s);
        QCOMPARE(view.valueOf(u"Arrival time"_s), u"2024-05-17 10:30:15.250"_s);
        QCOMPARE(view.valueOf(u"Message expiry"_s), u"60 seconds (expires 10:31:15)"_s);
        QCOMPARE(view.valueOf(u"Payload format"_s), u"1 (UTF-8 text)"_s);
        QCOMPARE(view.valueOf(u"Content type"_s), u"application/json"_s);
        QCOMPARE(view.valueOf(u"Response topic"_s), u"plant/line-3/replies"_s);
        QCOMPARE(view.valueOf(u"Correlation data"_s), u"req-42"_s);
        QCOMPARE(view.valueOf(u"User properties"_s), u"3 properties"_s);
        QCOMPARE(view.valueOf(u"Subscription identifiers"_s), u"7, 12"_s);
        const QList<std::pair<QString, QString>> expected = {
            {u"zone"_s, u"north"_s}, {u"alpha"_s, u"1"_s}, {u"zone"_s, u"south"_s}};
        QCOMPARE(view.userProperties(), expected);
    }

    void absentPropertiesSayNotSet()
    {
        MqttMessage m;
        m.topic = u"a/b"_s;
        m.payload = QByteArray(3000, 'x');
        bs::ui::PropertiesView view;
        view.setMessage(m);
        for (const QString& name : {u"Message expiry"_s, u"Payload format"_s, u"Content type"_s,
                                    u"Response topic"_s, u"Correlation data"_s, u"User properties"_s,
                                    u"Subscription identifiers"_s, u"Arrival time"_s})
            QCOMPARE(view.valueOf(name), u"not set"_s);
        QVERIFY(view.userProperties().isEmpty());
        QVERIFY(view.valueOf(u"Payload size"_s).contains(u"(2.9 KB)"_s));
    }

    void binaryCorrelationDataIsHex()
    {
        QCOMPARE(bs::models::describeBinaryValue("\x01\xAB\xFF"_ba, 256), u"0x01abff"_s);
        QCOMPARE(bs::models::describeBinaryValue("id-7"_ba, 256), u"id-7"_s);
        QCOMPARE(bs::models::describeBinaryValue(QByteArray(300, '\x05'), 256).size(), 2 + 512 + 1);
    }

    void showsAMessageAndItsDiff()
    {
        MessageInspector inspector;
        inspector.resize(1000, 600);
        inspector.show();
        QVERIFY(QTest::qWaitForWindowExposed(&inspector));
        QVERIFY(!inspector.copyPayloadAction()->isEnabled());

        MqttMessage before = fullMessage();
        before.payload = "{\"t\": 20.0, \"unit\": \"C\"}"_ba;
        inspector.setMessage(ptr(fullMessage()), ptr(before));
        QVERIFY(inspector.copyPayloadAction()->isEnabled());
        QCOMPARE(inspector.payloadViewer()->currentView(), bs::ui::PayloadView::Json);
        QCOMPARE(inspector.propertiesView()->valueOf(u"QoS"_s), u"1 (at least once)"_s);

        // The diff is computed when its tab is shown.
        inspector.tabs()->setCurrentWidget(inspector.diffView());
        const bs::models::LineDiffResult& diff = inspector.diffView()->model()->result();
        QCOMPARE(diff.added, 1);
        QCOMPARE(diff.removed, 1);
        QVERIFY(inspector.diffView()->summary().contains(u"+1 −1"_s));
        QVERIFY(inspector.tabs()->tabText(1).contains(u"+1 −1"_s));
        // Changes only, by default, with their context: all 5 rows of this short diff.
        QVERIFY(inspector.diffView()->changesOnlyBox()->isChecked());
        QCOMPARE(inspector.diffView()->lineView()->model()->rowCount(), 5);

        // The diff follows the next selection while its tab is visible.
        inspector.setMessage(ptr(fullMessage()), nullptr);
        QVERIFY(inspector.diffView()->summary().contains(u"No previous message"_s));
        QCOMPARE(inspector.diffView()->model()->rowCount(), 0);
        inspector.setMessage(ptr(fullMessage()), ptr(fullMessage()));
        QVERIFY(inspector.diffView()->summary().contains(u"Same payload"_s));

        inspector.setMessage(nullptr, nullptr);
        QVERIFY(!inspector.currentMessage());
        QVERIFY(!inspector.republishAction()->isEnabled());
    }

    void editAndRepublishEmitsTheMessage()
    {
        MessageInspector inspector;
        QSignalSpy republish(&inspector, &MessageInspector::republishRequested);
        inspector.setMessage(ptr(fullMessage()), nullptr);
        inspector.republishAction()->trigger();
        QCOMPARE(republish.size(), 1);
        const auto sent = republish.first().first().value<MqttMessage>();
        const MqttMessage expected = fullMessage();
        QCOMPARE(sent.topic, expected.topic);
        QCOMPARE(sent.payload, expected.payload);
        QCOMPARE(sent.qos, expected.qos);
        QCOMPARE(sent.retain, expected.retain);
        QVERIFY(sent.properties == expected.properties);
    }

    void copyPayload()
    {
        MessageInspector inspector;
        inspector.setMessage(ptr(fullMessage()), nullptr);
        inspector.copyPayloadAction()->trigger();
        QCOMPARE(QGuiApplication::clipboard()->text(), QString::fromUtf8(fullMessage().payload));
        QVERIFY(inspector.statusText().contains(u"as text"_s));

        // Binary: the exact bytes (and hex for text editors), never mangled text.
        MqttMessage binary = fullMessage();
        binary.properties.contentType.clear();
        binary.payload = "\x00\xFF\x10"_ba;
        inspector.setMessage(ptr(binary), nullptr);
        inspector.copyPayloadAction()->trigger();
        const QMimeData* mime = QGuiApplication::clipboard()->mimeData();
        QVERIFY(mime);
        QCOMPARE(mime->data(u"application/octet-stream"_s), binary.payload);
        QCOMPARE(mime->text(), u"00 ff 10"_s);
    }

    void savePayloadThroughTheFileDialog()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        MessageInspector inspector;
        inspector.show();
        MqttMessage m = fullMessage();
        m.payload = QByteArray("bytes\0with\xFFnothing lost", 23);
        inspector.setMessage(ptr(m), nullptr);

        inspector.savePayloadAction()->trigger(); // returns at once: the dialog is open(), not exec()
        auto* dialog = inspector.findChild<QFileDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);
        QVERIFY(dialog->selectedFiles().value(0).endsWith(u"temperature.bin"_s)
                || dialog->selectedFiles().value(0).endsWith(u"temperature.json"_s));

        // Selecting another message while the dialog is open does not change what is saved.
        inspector.setMessage(ptr(fullMessage()), nullptr);
        const QString path = dir.filePath(u"saved.bin"_s);
        dialog->selectFile(path);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept is protected
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), m.payload);
        QVERIFY(inspector.statusText().startsWith(u"Saved 23 bytes"_s));
    }

    void saveErrorsAreReported()
    {
        MessageInspector inspector;
        inspector.setMessage(ptr(fullMessage()), nullptr);
        inspector.savePayloadAction()->trigger();
        auto* dialog = inspector.findChild<QFileDialog*>();
        QVERIFY(dialog);
        dialog->selectFile(u"/nonexistent-directory-for-brokerscope/x.json"_s);
        static_cast<QDialog*>(dialog)->accept(); // QFileDialog::accept is protected
        QVERIFY2(inspector.statusText().startsWith(u"Could not save"_s), qPrintable(inspector.statusText()));
    }

    void suggestedFileNames()
    {
        MqttMessage m;
        m.topic = u"cams/door:1/"_s;
        m.payload = "\x89PNG\r\n\x1A\n"_ba;
        QCOMPARE(MessageInspector::suggestedFileName(m), u"door_1.png"_s);
        m.topic = u"a/.hidden"_s;
        m.payload = "text"_ba;
        QCOMPARE(MessageInspector::suggestedFileName(m), u"payload.hidden.txt"_s);
    }
};

QTEST_MAIN(MessageInspectorTest)
#include "tst_message_inspector.moc"
