// The connections dialog with a real ProfileStore on a temporary ini file: the editor
// round-trips every field of a profile, the TLS verify-off warning stays visible, Connect
// emits what is on screen (password included) after saving it, the embedded broker is the
// fixed first row, add/duplicate/delete work, passwords never reach the settings file, and
// "Test connection" shows a verdict from a real broker (our engine) and from a closed port.
//
// There is no desktop keychain here: QtKeychain fails, ProfileStore keeps passwords for the
// session and reports keychainError(), which the editor shows under the password.

#include "broker/BrokerHost.h"
#include "client/ProfileStore.h"
#include "ui/dialogs/ConnectionsDialog.h"
#include "ui/dialogs/ProfileEditor.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSettings>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>
#include <limits>

using namespace Qt::StringLiterals;
using bs::client::ConnectionProfile;
using bs::client::ConnectionVerdict;
using bs::client::MqttVersion;
using bs::client::ProfileStore;
using bs::ui::ConnectionsDialog;
using bs::ui::ProfileEditor;

Q_DECLARE_METATYPE(bs::client::ConnectionProfile)

namespace {

template<typename W>
W* child(QObject* parent, const QString& name)
{
    W* widget = parent->findChild<W*>(name);
    if (!widget)
        qFatal("no child %s", qPrintable(name));
    return widget;
}

ConnectionProfile fullProfile()
{
    ConnectionProfile p;
    p.name = u"Production"_s;
    p.host = u"broker.example.net"_s;
    p.port = 8883;
    p.clientId = u"console-7"_s;
    p.version = MqttVersion::V311;
    p.username = u"ops"_s;
    p.password = u"s3cret-Pa55"_s;
    p.tls.enabled = true;
    p.tls.caFile = u"/etc/ssl/ca.pem"_s;
    p.tls.certificateFile = u"/etc/ssl/client.pem"_s;
    p.tls.privateKeyFile = u"/etc/ssl/client.key"_s;
    p.tls.verifyPeer = false;
    p.keepAliveSeconds = 45;
    p.cleanStart = false;
    p.sessionExpirySeconds = 7200;
    return p;
}

} // namespace

class TestConnectionsDialog : public QObject
{
    Q_OBJECT

private slots:
    void init();
    void cleanup();

    void editorRoundTripsAProfile();
    void tlsVerifyOffWarningStaysVisible();
    void embeddedBrokerIsTheFixedFirstRow();
    void connectEmitsTheSelectedProfileWithItsPassword();
    void editsAreSavedBeforeConnectAndOnSelectionChange();
    void addDuplicateAndDelete();
    void passwordsComeFromTheStoreAndNeverReachTheSettingsFile();
    void testConnectionShowsTheVerdict();

private:
    std::unique_ptr<QSettings> settings() const
    {
        return std::make_unique<QSettings>(m_dir->filePath(u"profiles.ini"_s), QSettings::IniFormat);
    }
    std::unique_ptr<ProfileStore> newStore() const
    {
        return std::make_unique<ProfileStore>(settings(), u"brokerscope-ui-test"_s);
    }
    QListWidget* list() const { return child<QListWidget>(m_dialog.get(), u"profileList"_s); }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<ProfileStore> m_store;
    std::unique_ptr<ConnectionsDialog> m_dialog;
};

void TestConnectionsDialog::init()
{
    m_dir = std::make_unique<QTemporaryDir>();
    QVERIFY(m_dir->isValid());
    m_store = newStore();
}

void TestConnectionsDialog::cleanup()
{
    m_dialog.reset();
    m_store.reset();
    m_dir.reset();
}

void TestConnectionsDialog::editorRoundTripsAProfile()
{
    ProfileEditor editor;
    QSignalSpy edited(&editor, &ProfileEditor::edited);
    ConnectionProfile p = fullProfile();
    p.id = u"0b8d3a5e-profile"_s;
    editor.setProfile(p);
    QCOMPARE(editor.profile(), p);
    QVERIFY(edited.isEmpty()); // filling is not editing
    QCOMPARE(child<QLineEdit>(&editor, u"passwordEdit"_s)->echoMode(), QLineEdit::Password);
    QVERIFY(!child<QSpinBox>(&editor, u"sessionExpirySpin"_s)->isEnabled()); // 3.1.1 has none

    ConnectionProfile v5;
    v5.id = u"second"_s;
    v5.name = u"Local"_s;
    v5.version = MqttVersion::V5;
    v5.sessionExpirySeconds = std::numeric_limits<quint32>::max(); // never expires
    v5.keepAliveSeconds = 0;
    editor.setProfile(v5);
    QCOMPARE(editor.profile(), v5);
    QCOMPARE(child<QSpinBox>(&editor, u"sessionExpirySpin"_s)->text(), u"Never expires"_s);

    // Typing is editing, and what is typed comes back.
    editor.show();
    QTest::keyClicks(child<QLineEdit>(&editor, u"hostEdit"_s), u"x"_s);
    QVERIFY(!edited.isEmpty());
    QCOMPARE(editor.profile().host, u"127.0.0.1x"_s);
}

void TestConnectionsDialog::tlsVerifyOffWarningStaysVisible()
{
    ProfileEditor editor;
    editor.show();
    QVERIFY(QTest::qWaitForWindowExposed(&editor));
    auto* warning = child<QLabel>(&editor, u"tlsVerifyWarning"_s);
    auto* tls = child<QGroupBox>(&editor, u"tlsGroup"_s);
    auto* verify = child<QCheckBox>(&editor, u"verifyPeerCheck"_s);
    QVERIFY(!warning->isVisible());

    tls->setChecked(true);
    QCOMPARE(child<QSpinBox>(&editor, u"portSpin"_s)->value(), 8883); // followed TLS
    QVERIFY(verify->isChecked());
    QVERIFY(!warning->isVisible());
    QTest::mouseClick(verify, Qt::LeftButton, {}, QPoint(5, verify->height() / 2));
    QVERIFY(!verify->isChecked());
    QVERIFY(warning->isVisible());
    QVERIFY(warning->text().contains(u"verification is off"_s));
    QVERIFY(!editor.profile().tls.verifyPeer);

    tls->setChecked(false); // no TLS, nothing to verify
    QVERIFY(!warning->isVisible());

    ConnectionProfile p = fullProfile(); // TLS on, verify off
    editor.setProfile(p);
    QVERIFY(warning->isVisible());
    p.tls.verifyPeer = true;
    editor.setProfile(p);
    QVERIFY(!warning->isVisible());
}

void TestConnectionsDialog::embeddedBrokerIsTheFixedFirstRow()
{
    m_store->save(fullProfile());
    m_dialog = std::make_unique<ConnectionsDialog>(*m_store);
    ConnectionProfile embedded;
    embedded.name = u"Embedded broker"_s;
    embedded.port = 41883;
    m_dialog->setEmbeddedProfile(embedded);
    m_dialog->show();

    QCOMPARE(list()->count(), 2);
    QCOMPARE(list()->currentRow(), 0);
    QVERIFY(list()->item(0)->text().startsWith(u"Embedded broker"_s));
    QVERIFY(m_dialog->editor()->isReadOnly());
    QVERIFY(!child<QPushButton>(m_dialog.get(), u"deleteProfileButton"_s)->isEnabled());
    QVERIFY(!child<QPushButton>(m_dialog.get(), u"duplicateProfileButton"_s)->isEnabled());

    QSignalSpy connectRequested(m_dialog.get(), &ConnectionsDialog::connectRequested);
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"connectButton"_s), Qt::LeftButton);
    QCOMPARE(connectRequested.size(), 1);
    const auto emitted = connectRequested.first().first().value<ConnectionProfile>();
    QVERIFY(emitted.embedded);
    QCOMPARE(emitted.port, quint16(41883));
    QCOMPARE(m_store->profiles().size(), 1); // the embedded broker is never saved
    QVERIFY(!m_dialog->isVisible());
}

void TestConnectionsDialog::connectEmitsTheSelectedProfileWithItsPassword()
{
    const QString id = m_store->save(fullProfile());
    m_dialog = std::make_unique<ConnectionsDialog>(*m_store);
    m_dialog->show();
    m_dialog->selectProfile(id);
    QCOMPARE(list()->currentRow(), 1);
    QVERIFY(!m_dialog->editor()->isReadOnly());
    // The password arrives from the store (asynchronously, as from a keychain).
    auto* password = child<QLineEdit>(m_dialog.get(), u"passwordEdit"_s);
    QTRY_COMPARE(password->text(), fullProfile().password);

    QSignalSpy connectRequested(m_dialog.get(), &ConnectionsDialog::connectRequested);
    // The TLS files of fullProfile() do not exist here: Connect says so and emits nothing.
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"connectButton"_s), Qt::LeftButton);
    QVERIFY(connectRequested.isEmpty());
    QVERIFY(child<QLabel>(m_dialog.get(), u"statusLabel"_s)->text().contains(u"not found"_s));

    ConnectionProfile usable = fullProfile();
    usable.id = id;
    usable.tls = {};
    m_store->save(usable);
    m_dialog->selectProfile({});
    m_dialog->selectProfile(id);
    QTRY_COMPARE(password->text(), usable.password);
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"connectButton"_s), Qt::LeftButton);
    QCOMPARE(connectRequested.size(), 1);
    QCOMPARE(connectRequested.first().first().value<ConnectionProfile>(), usable);
}

void TestConnectionsDialog::editsAreSavedBeforeConnectAndOnSelectionChange()
{
    ConnectionProfile a;
    a.name = u"Alpha"_s;
    ConnectionProfile b;
    b.name = u"Bravo"_s;
    const QString idA = m_store->save(a);
    const QString idB = m_store->save(b);
    m_dialog = std::make_unique<ConnectionsDialog>(*m_store);
    m_dialog->show();
    m_dialog->selectProfile(idA);

    auto* host = child<QLineEdit>(m_dialog.get(), u"hostEdit"_s);
    host->selectAll();
    QTest::keyClicks(host, u"alpha.local"_s);
    QVERIFY(child<QPushButton>(m_dialog.get(), u"saveProfileButton"_s)->isEnabled());
    list()->setCurrentRow(2); // Bravo: Alpha's edit is saved, not lost
    QCOMPARE(m_store->profile(idA)->host, u"alpha.local"_s);
    QCOMPARE(m_dialog->currentProfile().id, idB);
    QCOMPARE(host->text(), u"127.0.0.1"_s);

    host->selectAll();
    QTest::keyClicks(host, u"bravo.local"_s);
    QSignalSpy connectRequested(m_dialog.get(), &ConnectionsDialog::connectRequested);
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"connectButton"_s), Qt::LeftButton);
    QCOMPARE(connectRequested.size(), 1);
    QCOMPARE(connectRequested.first().first().value<ConnectionProfile>().host, u"bravo.local"_s);
    QCOMPARE(m_store->profile(idB)->host, u"bravo.local"_s);
}

void TestConnectionsDialog::addDuplicateAndDelete()
{
    m_dialog = std::make_unique<ConnectionsDialog>(*m_store);
    m_dialog->show();
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"addProfileButton"_s), Qt::LeftButton);
    QCOMPARE(m_store->profiles().size(), 1);
    QCOMPARE(m_dialog->currentProfile().name, u"New connection"_s);
    QCOMPARE(m_dialog->currentProfile().id, m_store->profiles().first().id);

    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"duplicateProfileButton"_s), Qt::LeftButton);
    QCOMPARE(m_store->profiles().size(), 2);
    QCOMPARE(m_dialog->currentProfile().name, u"New connection (copy)"_s);
    QCOMPARE(list()->count(), 3);

    const QString doomed = m_dialog->currentProfile().id;
    QTest::mouseClick(child<QPushButton>(m_dialog.get(), u"deleteProfileButton"_s), Qt::LeftButton);
    auto* confirm = m_dialog->findChild<QMessageBox*>(u"confirmDeleteBox"_s);
    QVERIFY(confirm);
    QTRY_VERIFY(confirm->isVisible());
    QCOMPARE(m_store->profiles().size(), 2); // nothing happens before the answer
    confirm->button(QMessageBox::Yes)->click();
    QCOMPARE(m_store->profiles().size(), 1);
    QVERIFY(!m_store->profile(doomed));
    QCOMPARE(list()->count(), 2);
}

void TestConnectionsDialog::passwordsComeFromTheStoreAndNeverReachTheSettingsFile()
{
    const QString id = m_store->save(fullProfile());
    QFile ini(m_dir->filePath(u"profiles.ini"_s));
    QVERIFY(ini.open(QIODevice::ReadOnly));
    QVERIFY(!ini.readAll().contains(fullProfile().password.toUtf8()));

    // A new store (a new session) has no keychain here: the editor says why it is empty.
    m_store = newStore();
    m_dialog = std::make_unique<ConnectionsDialog>(*m_store);
    m_dialog->show();
    m_dialog->selectProfile(id);
    auto* note = child<QLabel>(m_dialog.get(), u"passwordNote"_s);
    QTRY_VERIFY_WITH_TIMEOUT(note->isVisible(), 15000);
    QVERIFY(note->text().contains(u"session only"_s));
    QVERIFY(child<QLineEdit>(m_dialog.get(), u"passwordEdit"_s)->text().isEmpty());
}

void TestConnectionsDialog::testConnectionShowsTheVerdict()
{
    bs::broker::BrokerConfig config;
    bs::broker::BrokerHost host(config);
    QSignalSpy started(&host, &bs::broker::BrokerHost::started);
    host.start();
    QVERIFY(started.wait());

    ProfileEditor editor;
    editor.show();
    ConnectionProfile p;
    p.name = u"Engine"_s;
    p.port = host.port();
    editor.setProfile(p);
    QSignalSpy finished(&editor, &ProfileEditor::testFinished);
    auto* verdict = child<QLabel>(&editor, u"verdictLabel"_s);
    QTest::mouseClick(child<QPushButton>(&editor, u"testConnectionButton"_s), Qt::LeftButton);
    QVERIFY(verdict->text().startsWith(u"Testing"_s));
    QVERIFY(!child<QPushButton>(&editor, u"testConnectionButton"_s)->isEnabled());
    QVERIFY(finished.wait(15000));
    QVERIFY2(finished.first().first().value<ConnectionVerdict>().ok, qPrintable(verdict->text()));
    QVERIFY(verdict->text().startsWith(u"✔"_s));
    QVERIFY(child<QPushButton>(&editor, u"testConnectionButton"_s)->isEnabled());

    // A port nobody listens on (taken, then released).
    quint16 closedPort = 0;
    {
        QTcpServer probe;
        QVERIFY(probe.listen(QHostAddress::LocalHost));
        closedPort = probe.serverPort();
    }
    p.port = closedPort;
    editor.setProfile(p);
    finished.clear();
    editor.testConnection();
    QVERIFY(finished.wait(15000));
    QVERIFY(!finished.first().first().value<ConnectionVerdict>().ok);
    QVERIFY(verdict->text().startsWith(u"✘"_s));
}

QTEST_MAIN(TestConnectionsDialog)
#include "tst_connections_dialog.moc"
