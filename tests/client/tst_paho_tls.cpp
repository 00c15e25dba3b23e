// PahoMqttClient over TLS against a Mosquitto TLS listener. The test makes its own CA,
// server certificate (SAN IP:127.0.0.1) and client certificate with the openssl CLI in a
// temporary directory:
//  - trust store = our CA, verification on: connects;
//  - a CA that did not sign the server: Disconnected with the TLS reason in words (from a
//    QSslSocket probe, as paho only says "TCP/TLS connect failure"), no reconnect loop;
//  - the same with verification off: connects (the UI warns about it);
//  - a listener that requires a client certificate: connects with certificate and key,
//    refused without.

#include "ClientRecorder.h"
#include "ClientTestBroker.h"

#include "client/PahoMqttClient.h"
#include "peers/ChildProcess.h"

#include <QFile>
#include <QFileInfo>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::clienttest;
using bs::client::ConnectionProfile;
using bs::client::ConnectionState;
using bs::client::MqttVersion;
using bs::client::PahoMqttClient;
using bs::client::toString;

class TestPahoTls : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void verifiedServer();
    void unknownCaIsRefused();
    void unknownCaWithoutVerification();
    void clientCertificate();

private:
    bool openssl(const QStringList& arguments);
    bool makeCa(const QString& name);
    bool makeCertificate(const QString& name, const QString& ca, const QString& extensions);
    QString path(const QString& file) const { return m_dir.filePath(file); }
    ConnectionProfile tlsProfile(const ClientTestBroker& broker, const QString& ca) const;

    QTemporaryDir m_dir;
    std::unique_ptr<ClientTestBroker> m_broker;       // server certificate only
    std::unique_ptr<ClientTestBroker> m_mutualBroker; // requires a client certificate
};

bool TestPahoTls::openssl(const QStringList& arguments)
{
    bs::peers::ChildProcess process(u"/usr/bin/openssl"_s, arguments);
    process.setWorkingDirectory(m_dir.path());
    if (!process.run(std::chrono::seconds(30)) || !process.succeeded()) {
        qWarning("%s", qPrintable(process.describe()));
        return false;
    }
    return true;
}

bool TestPahoTls::makeCa(const QString& name)
{
    return openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                    name + u".key"_s, u"-out"_s, name + u".pem"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                    u"/CN=Brokerscope test "_s + name});
}

bool TestPahoTls::makeCertificate(const QString& name, const QString& ca, const QString& extensions)
{
    QFile ext(path(name + u".ext"_s));
    if (!ext.open(QIODevice::WriteOnly))
        return false;
    ext.write(extensions.toUtf8() + '\n');
    ext.close();
    return openssl({u"req"_s, u"-newkey"_s, u"rsa:2048"_s, u"-nodes"_s, u"-keyout"_s,
                    name + u".key"_s, u"-out"_s, name + u".csr"_s, u"-subj"_s,
                    u"/CN=127.0.0.1"_s}) &&
           openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, ca + u".pem"_s,
                    u"-CAkey"_s, ca + u".key"_s, u"-CAcreateserial"_s, u"-out"_s, name + u".pem"_s,
                    u"-days"_s, u"2"_s, u"-extfile"_s, name + u".ext"_s});
}

void TestPahoTls::initTestCase()
{
    QVERIFY(m_dir.isValid());
    if (!QFileInfo(u"/usr/bin/openssl"_s).isExecutable())
        QSKIP("needs the openssl command (Debian package openssl) to make certificates");
    QVERIFY(makeCa(u"ca"_s));
    QVERIFY(makeCa(u"other-ca"_s));
    QVERIFY(makeCertificate(u"server"_s, u"ca"_s, u"subjectAltName=IP:127.0.0.1"_s));
    QVERIFY(makeCertificate(u"client"_s, u"ca"_s, u"extendedKeyUsage=clientAuth"_s));

    const QStringList tls{u"cafile "_s + path(u"ca.pem"_s), u"certfile "_s + path(u"server.pem"_s),
                          u"keyfile "_s + path(u"server.key"_s)};
    m_broker = ClientTestBroker::create(BrokerKind::Mosquitto, tls);
    QVERIFY2(m_broker->start(), qPrintable(m_broker->errorString()));
    m_mutualBroker = ClientTestBroker::create(BrokerKind::Mosquitto,
                                              tls + QStringList{u"require_certificate true"_s});
    QVERIFY2(m_mutualBroker->start(), qPrintable(m_mutualBroker->errorString()));
}

ConnectionProfile TestPahoTls::tlsProfile(const ClientTestBroker& broker, const QString& ca) const
{
    ConnectionProfile profile = broker.profile(MqttVersion::V5, u"tls"_s);
    profile.tls.enabled = true;
    profile.tls.caFile = path(ca + u".pem"_s);
    return profile;
}

void TestPahoTls::verifiedServer()
{
    PahoMqttClient client;
    ClientRecorder recorder(client);
    const ConnectionProfile profile = tlsProfile(*m_broker, u"ca"_s);
    QVERIFY(profile.serverUri().startsWith(u"ssl://"_s));
    client.connectToBroker(profile);
    QVERIFY2(recorder.waitForState(ConnectionState::Connected),
             qPrintable(recorder.describeStates()));
    const quint64 subscription = client.subscribe(u"tls/#"_s, 1);
    QVERIFY(recorder.waitForSubscribed(subscription));
    QVERIFY(
        recorder.waitForPublished(client.publish({u"tls/x"_s, "secret", 1, false, false, {}, {}})));
    QVERIFY(recorder.waitForMessages(1));
    QCOMPARE(recorder.messages.first()->payload, "secret"_ba);
}

void TestPahoTls::unknownCaIsRefused()
{
    PahoMqttClient client;
    ClientRecorder recorder(client);
    client.connectToBroker(tlsProfile(*m_broker, u"other-ca"_s));
    QVERIFY2(recorder.waitForState(ConnectionState::Disconnected),
             qPrintable(recorder.describeStates()));
    QVERIFY2(recorder.lastDetail().startsWith(
                 u"TLS handshake with 127.0.0.1:%1 failed"_s.arg(m_broker->port())),
             qPrintable(recorder.lastDetail()));
    QVERIFY2(recorder.lastDetail().contains(u"certificate"_s), qPrintable(recorder.lastDetail()));
    for (const auto& [state, detail] : recorder.states)
        QVERIFY2(state != ConnectionState::Reconnecting, qPrintable(recorder.describeStates()));
}

void TestPahoTls::unknownCaWithoutVerification()
{
    ConnectionProfile profile = tlsProfile(*m_broker, u"other-ca"_s);
    profile.tls.verifyPeer = false;
    PahoMqttClient client;
    ClientRecorder recorder(client);
    client.connectToBroker(profile);
    QVERIFY2(recorder.waitForState(ConnectionState::Connected),
             qPrintable(recorder.describeStates()));
}

void TestPahoTls::clientCertificate()
{
    ConnectionProfile profile = tlsProfile(*m_mutualBroker, u"ca"_s);
    {
        PahoMqttClient client;
        ClientRecorder recorder(client);
        client.setAutomaticReconnect(false);
        client.connectToBroker(profile);
        QVERIFY2(recorder.waitForState(ConnectionState::Disconnected),
                 qPrintable(recorder.describeStates()));
        QVERIFY(!recorder.lastDetail().isEmpty());
        qInfo("without a client certificate: %s", qPrintable(recorder.lastDetail()));
    }
    profile.tls.certificateFile = path(u"client.pem"_s);
    profile.tls.privateKeyFile = path(u"client.key"_s);
    PahoMqttClient client;
    ClientRecorder recorder(client);
    client.connectToBroker(profile);
    QVERIFY2(recorder.waitForState(ConnectionState::Connected),
             qPrintable(recorder.describeStates()));
}

QTEST_GUILESS_MAIN(TestPahoTls)
#include "tst_paho_tls.moc"
