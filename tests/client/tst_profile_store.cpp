// ProfileStore with a temporary ini file:
//  - every field of a profile survives a round trip, also through a second store on the
//    same file (a new session), except the password;
//  - the password goes to the desktop keychain or, where there is none (headless CI),
//    keychainError() says so and the password is kept in memory for the session only;
//  - the ini file never contains the password, whatever the keychain did;
//  - an empty id gets a UUID; remove() forgets a profile; profilesChanged() follows changes.

#include "client/ProfileStore.h"

#include <QCoreApplication>
#include <QFile>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

using namespace Qt::StringLiterals;
using bs::client::ConnectionProfile;
using bs::client::MqttVersion;
using bs::client::ProfileStore;

namespace {

constexpr int kKeychainWaitMs = 20'000;

ConnectionProfile everyField()
{
    ConnectionProfile profile;
    profile.name = u"Plant floor ✓"_s;
    profile.host = u"broker.plant.local"_s;
    profile.port = 8883;
    profile.clientId = u"console-7"_s;
    profile.version = MqttVersion::V311;
    profile.username = u"operator"_s;
    profile.tls.enabled = true;
    profile.tls.caFile = u"/etc/ssl/plant-ca.pem"_s;
    profile.tls.certificateFile = u"/home/op/client.pem"_s;
    profile.tls.privateKeyFile = u"/home/op/client.key"_s;
    profile.tls.verifyPeer = false;
    profile.keepAliveSeconds = 45;
    profile.cleanStart = false;
    profile.sessionExpirySeconds = 7200;
    profile.embedded = false;
    return profile;
}

} // namespace

class TestProfileStore : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        m_ini = m_dir.filePath(u"profiles.ini"_s);
        m_service = u"brokerscope-test-%1"_s.arg(QCoreApplication::applicationPid());
        m_password = u"pw-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    }

    void roundTripWithoutPasswordInTheFile()
    {
        ProfileStore store(settings(), m_service);
        QSignalSpy changed(&store, &ProfileStore::profilesChanged);
        QSignalSpy keychainErrors(&store, &ProfileStore::keychainError);

        ConnectionProfile profile = everyField();
        profile.password = m_password;
        const QString id = store.save(profile);
        QVERIFY(!QUuid::fromString(id).isNull()); // an empty id got a UUID
        QCOMPARE(changed.size(), 1);
        profile.id = id;

        // This session knows the password (from the keychain or from memory).
        QCOMPARE(store.profiles().size(), 1);
        QCOMPARE(store.profiles().first(), profile);
        QCOMPARE(store.profile(id), std::optional<ConnectionProfile>(profile));

        // A new session on the same file: everything but the password.
        ProfileStore reopened(settings(), m_service);
        ConnectionProfile withoutPassword = profile;
        withoutPassword.password.clear();
        QCOMPARE(reopened.profile(id), std::optional<ConnectionProfile>(withoutPassword));

        QSignalSpy loaded(&reopened, &ProfileStore::passwordLoaded);
        QSignalSpy reopenedErrors(&reopened, &ProfileStore::keychainError);
        reopened.loadPassword(id);
        QVERIFY(QTest::qWaitFor([&] { return !loaded.isEmpty() || !reopenedErrors.isEmpty(); },
                                kKeychainWaitMs));
        if (!loaded.isEmpty()) {
            qInfo("a keychain is available: the password came back from it");
            QCOMPARE(loaded.first().at(0).toString(), id);
            QCOMPARE(loaded.first().at(1).toString(), m_password);
        } else {
            // No keychain (headless): saving said so, and the password lived in memory only.
            qInfo("no keychain: %s", qPrintable(reopenedErrors.first().at(1).toString()));
            QVERIFY(QTest::qWaitFor([&] { return !keychainErrors.isEmpty(); }, kKeychainWaitMs));
            QCOMPARE(keychainErrors.first().at(0).toString(), id);
            QVERIFY(keychainErrors.first().at(1).toString().contains(u"session only"_s));
            QVERIFY(reopened.profile(id)->password.isEmpty());
        }
        QVERIFY(QFile(m_ini).size() > 0); // the profile is in there...
        QVERIFY(fileHasNoPassword());     // ...its password is not

        store.remove(id);
        QCOMPARE(changed.size(), 2);
        QVERIFY(store.profiles().isEmpty());
        QVERIFY(!store.profile(id).has_value());
        QVERIFY(fileHasNoPassword());
    }

    void replacesByIdAndSortsByName()
    {
        ProfileStore store(settings(), m_service);
        ConnectionProfile b = everyField();
        b.name = u"b broker"_s;
        ConnectionProfile a = everyField();
        a.name = u"A broker"_s;
        b.id = store.save(b);
        a.id = store.save(a);
        QCOMPARE(store.profiles().size(), 2);
        QCOMPARE(store.profiles().first().name, u"A broker"_s);

        b.port = 1999;
        b.tls.enabled = false;
        QCOMPARE(store.save(b), b.id);
        QCOMPARE(store.profiles().size(), 2);
        QCOMPARE(store.profile(b.id)->port, quint16(1999));
        QVERIFY(!store.profile(b.id)->tls.enabled);
        store.remove(a.id);
        store.remove(b.id);
        QVERIFY(store.profiles().isEmpty());
    }

private:
    std::unique_ptr<QSettings> settings() const
    {
        return std::make_unique<QSettings>(m_ini, QSettings::IniFormat);
    }
    bool fileHasNoPassword() const
    {
        QFile file(m_ini);
        if (!file.open(QIODevice::ReadOnly))
            return false;
        const QByteArray text = file.readAll();
        return !text.contains(m_password.toUtf8()) && !text.contains("password");
    }

    QTemporaryDir m_dir;
    QString m_ini;
    QString m_service;
    QString m_password;
};

QTEST_GUILESS_MAIN(TestProfileStore)
#include "tst_profile_store.moc"
