#pragma once
// Shared by the inject dialog tests: finding widgets by object name, a message that uses
// every field, and comparing two messages field by field.

#include "FakeMqttClient.h"
#include "client/MqttMessage.h"
#include "ui/dialogs/InjectDialog.h"
#include "ui/dialogs/TemplateStore.h"

#include <QLabel>
#include <QPushButton>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>
#include <memory>
#include <QWidget>

namespace bs::test {

using namespace Qt::StringLiterals;

template<typename W>
W* child(QObject* parent, const QString& name)
{
    W* widget = parent->findChild<W*>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

/// Every field and property set, binary correlation data, a repeated user property name.
inline client::MqttMessage fullMessage()
{
    client::MqttMessage m;
    m.topic = u"plant/line1/temperature"_s;
    m.payload = R"({"celsius": 21.5, "ok": true})"_ba;
    m.qos = 2;
    m.retain = true;
    m.properties.payloadFormatIndicator = 1;
    m.properties.messageExpiryInterval = 3600;
    m.properties.contentType = u"application/json"_s;
    m.properties.responseTopic = u"plant/line1/replies"_s;
    m.properties.correlationData = QByteArray::fromHex("00ff10ab");
    m.properties.userProperties = {{u"b"_s, u"2"_s}, {u"a"_s, u"1"_s}, {u"b"_s, u"again"_s}};
    return m;
}

/// Everything a publisher sets (not duplicate, timestamp or subscription identifiers).
inline void compareMessages(const client::MqttMessage& actual, const client::MqttMessage& expected)
{
    QCOMPARE(actual.topic, expected.topic);
    QCOMPARE(actual.payload, expected.payload);
    QCOMPARE(actual.qos, expected.qos);
    QCOMPARE(actual.retain, expected.retain);
    QCOMPARE(actual.properties.payloadFormatIndicator, expected.properties.payloadFormatIndicator);
    QCOMPARE(actual.properties.messageExpiryInterval, expected.properties.messageExpiryInterval);
    QCOMPARE(actual.properties.contentType, expected.properties.contentType);
    QCOMPARE(actual.properties.responseTopic, expected.properties.responseTopic);
    QCOMPARE(actual.properties.correlationData, expected.properties.correlationData);
    QCOMPARE(actual.properties.userProperties, expected.properties.userProperties);
}

/// What both inject dialog test classes start from: a dialog on a FakeMqttClient, with
/// templates in a temporary ini file. init() opens it, cleanup() tears it down.
class InjectDialogTestBase : public QObject
{
protected:
    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<FakeMqttClient> m_client;
    std::unique_ptr<ui::TemplateStore> m_templates;
    std::unique_ptr<ui::InjectDialog> m_dialog;

    std::unique_ptr<QSettings> settings() const
    {
        return std::make_unique<QSettings>(m_dir->filePath(u"templates.ini"_s), QSettings::IniFormat);
    }
    QString status() const { return child<QLabel>(m_dialog.get(), u"statusLabel"_s)->text(); }
    void click(const QString& button) const
    {
        QTest::mouseClick(child<QPushButton>(m_dialog.get(), button), Qt::LeftButton);
    }
    void openDialog()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_client = std::make_unique<FakeMqttClient>();
        m_templates = std::make_unique<ui::TemplateStore>(settings());
        m_dialog = std::make_unique<ui::InjectDialog>(*m_client, *m_templates, nullptr);
        m_dialog->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_dialog.get()));
    }
    void closeDialog()
    {
        m_dialog.reset();
        m_templates.reset();
        m_client.reset();
        m_dir.reset();
    }
};

} // namespace bs::test
