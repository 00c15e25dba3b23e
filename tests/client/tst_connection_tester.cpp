// ConnectionTester: one short-lived connection, then one verdict a person can read.
//  - a broker that accepts: ok, with the protocol named;
//  - nothing listening: "connection refused by 127.0.0.1:<port>", no reason code;
//  - Mosquitto with allow_anonymous false and a password file made by mosquitto_passwd: a
//    wrong password gets the broker's CONNACK code in the verdict (MQTT 5: 0x86/0x87;
//    MQTT 3.1.1: return code 4/5), the right one connects;
//  - a server that accepts TCP but never answers MQTT: a verdict within the timeout;
//  - a second test() abandons the first: one verdict only.

#include "ClientTestBroker.h"

#include "client/ConnectionTester.h"
#include "client/ReasonCodes.h"
#include "peers/ChildProcess.h"
#include "peers/Network.h"

#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::clienttest;
using bs::client::ConnectionProfile;
using bs::client::ConnectionTester;
using bs::client::ConnectionVerdict;
using bs::client::MqttVersion;

namespace {

constexpr int kVerdictWaitMs = 15'000;

ConnectionVerdict runTest(const ConnectionProfile& profile, int timeoutMs = 5000)
{
    ConnectionTester tester;
    QSignalSpy finished(&tester, &ConnectionTester::finished);
    tester.test(profile, timeoutMs);
    if (!finished.wait(kVerdictWaitMs))
        return {false, -2, u"no verdict at all"_s, 0};
    return finished.first().first().value<ConnectionVerdict>();
}

} // namespace

class TestConnectionTester : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        m_engine = ClientTestBroker::create(BrokerKind::Engine);
        QVERIFY2(m_engine->start(), qPrintable(m_engine->errorString()));

        // mosquitto_passwd writes the password file; anonymous clients are refused.
        const QString passwords = m_dir.filePath(u"passwords"_s);
        bs::peers::ChildProcess passwd(u"/usr/bin/mosquitto_passwd"_s,
                                       {u"-c"_s, u"-b"_s, passwords, u"console"_s, u"right"_s});
        QVERIFY2(passwd.run(std::chrono::seconds(10)) && passwd.succeeded(),
                 qPrintable(passwd.describe()));
        m_secured = ClientTestBroker::create(
            BrokerKind::Mosquitto, {u"allow_anonymous false"_s, u"password_file "_s + passwords});
        QVERIFY2(m_secured->start(), qPrintable(m_secured->errorString()));
    }

    void acceptedConnection()
    {
        const ConnectionVerdict verdict = runTest(m_engine->profile(MqttVersion::V5, u"ok"_s));
        QVERIFY2(verdict.ok, qPrintable(verdict.text));
        QCOMPARE(verdict.reasonCode, 0);
        QVERIFY2(verdict.text.startsWith(
                     u"Connected to 127.0.0.1:%1 with MQTT 5"_s.arg(m_engine->port())),
                 qPrintable(verdict.text));
    }

    void nothingListening()
    {
        ConnectionProfile profile = m_engine->profile(MqttVersion::V5, u"refused"_s);
        profile.port = bs::peers::pickFreeLoopbackPort();
        const ConnectionVerdict verdict = runTest(profile);
        QVERIFY(!verdict.ok);
        QCOMPARE(verdict.reasonCode, -1);
        QCOMPARE(verdict.text,
                 u"Cannot connect: connection refused by 127.0.0.1:%1"_s.arg(profile.port));
    }

    void refusedCredentials_data()
    {
        QTest::addColumn<MqttVersion>("version");
        QTest::addColumn<QString>("password");
        QTest::addColumn<QList<int>>("codes");
        QTest::newRow("v5-wrong-password")
            << MqttVersion::V5 << u"wrong"_s << QList<int>{0x86, 0x87};
        QTest::newRow("v5-anonymous") << MqttVersion::V5 << QString() << QList<int>{0x86, 0x87};
        QTest::newRow("v311-wrong-password") << MqttVersion::V311 << u"wrong"_s << QList<int>{4, 5};
    }

    void refusedCredentials()
    {
        QFETCH(MqttVersion, version);
        QFETCH(QString, password);
        QFETCH(QList<int>, codes);
        ConnectionProfile profile = m_secured->profile(version, u"auth"_s);
        if (!password.isEmpty()) {
            profile.username = u"console"_s;
            profile.password = password;
        }
        const ConnectionVerdict verdict = runTest(profile);
        QVERIFY(!verdict.ok);
        QVERIFY2(codes.contains(verdict.reasonCode), qPrintable(verdict.text));
        // e.g. "Not authorized (0x87)" or "Bad user name or password (return code 4)"
        const QString reason = version == MqttVersion::V5
                                   ? bs::client::reasonCodeText(verdict.reasonCode)
                                   : bs::client::connackReturnCodeText(verdict.reasonCode);
        QVERIFY2(verdict.text.endsWith(reason), qPrintable(verdict.text));
        QVERIFY2(verdict.text.startsWith(u"Refused by 127.0.0.1:"_s), qPrintable(verdict.text));
    }

    void acceptedCredentials()
    {
        ConnectionProfile profile = m_secured->profile(MqttVersion::V5, u"auth-ok"_s);
        profile.username = u"console"_s;
        profile.password = u"right"_s;
        const ConnectionVerdict verdict = runTest(profile);
        QVERIFY2(verdict.ok, qPrintable(verdict.text));
    }

    void silentServerTimesOut()
    {
        QTcpServer silent; // accepts TCP, never says a word of MQTT
        QVERIFY(silent.listen(QHostAddress::LocalHost));
        ConnectionProfile profile = m_engine->profile(MqttVersion::V5, u"silent"_s);
        profile.port = silent.serverPort();
        constexpr int kTimeoutMs = 1500;
        const ConnectionVerdict verdict = runTest(profile, kTimeoutMs);
        QVERIFY(!verdict.ok);
        QCOMPARE(verdict.reasonCode, -1);
        QVERIFY2(verdict.text.startsWith(u"No answer from 127.0.0.1:%1 within"_s.arg(profile.port)),
                 qPrintable(verdict.text));
        QVERIFY(verdict.elapsedMs >= kTimeoutMs);
    }

    void secondTestAbandonsTheFirst()
    {
        ConnectionTester tester;
        QSignalSpy finished(&tester, &ConnectionTester::finished);
        ConnectionProfile unreachable = m_engine->profile(MqttVersion::V5, u"first"_s);
        unreachable.port = bs::peers::pickFreeLoopbackPort();
        tester.test(unreachable);
        tester.test(m_engine->profile(MqttVersion::V5, u"second"_s));
        QVERIFY(finished.wait(kVerdictWaitMs));
        QVERIFY(finished.first().first().value<ConnectionVerdict>().ok);
        QVERIFY(!finished.wait(1000)); // no late verdict from the abandoned test
        QCOMPARE(finished.size(), 1);
    }

private:
    QTemporaryDir m_dir;
    std::unique_ptr<ClientTestBroker> m_engine;
    std::unique_ptr<ClientTestBroker> m_secured;
};

QTEST_GUILESS_MAIN(TestConnectionTester)
#include "tst_connection_tester.moc"
