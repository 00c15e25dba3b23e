// brokerscope-broker as a process: where it listens, clean exit on SIGTERM/SIGINT, a broken
// config (exit 2, naming the line), a port in use (exit 1, clear message), and two engines
// in one process (no global state).
#include "broker/BrokerHost.h"

#include <QProcess>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QTest>
#include <csignal>

using namespace bs::broker;

namespace {

const QString kDaemon = QStringLiteral(BROKERSCOPE_DAEMON_PATH);

/// Waits for the "listening on" line and returns the port, or 0.
quint16 waitForListening(QProcess& process)
{
    QByteArray out;
    (void)QTest::qWaitFor([&] {
        out += process.readAllStandardOutput();
        return out.contains('\n') || process.state() == QProcess::NotRunning;
    }, 10'000);
    const QByteArray prefix = "brokerscope-broker: listening on 127.0.0.1:";
    if (!out.startsWith(prefix))
        return 0;
    return quint16(out.mid(prefix.size()).trimmed().toUInt());
}

/// Sends one MQTT 3.1.1 CONNECT and returns the CONNACK return code, or -1.
int connectOnce(quint16 port)
{
    QTcpSocket socket;
    socket.connectToHost(QHostAddress::LocalHost, port);
    QSignalSpy connected(&socket, &QTcpSocket::connected);
    if (!connected.wait(5000))
        return -1;
    socket.write(QByteArray("\x10\x0D\x00\x04MQTT\x04\x02\x00\x3C\x00\x01x", 15));
    QByteArray in;
    (void)QTest::qWaitFor([&] { return (in += socket.readAll()).size() >= 4; }, 5000);
    return in.size() >= 4 && in[0] == 0x20 ? int(in[3]) : -1;
}

} // namespace

class DaemonTest : public QObject
{
    Q_OBJECT
private slots:
    void printsWhereItListensAndStopsOnSignals_data()
    {
        QTest::addColumn<int>("signalNumber");
        QTest::newRow("SIGTERM") << SIGTERM;
        QTest::newRow("SIGINT") << SIGINT;
    }
    void printsWhereItListensAndStopsOnSignals()
    {
        QFETCH(int, signalNumber);
        QTemporaryDir data;
        QProcess daemon;
        daemon.start(kDaemon, {QStringLiteral("--address"), QStringLiteral("127.0.0.1"), QStringLiteral("--port"),
                               QStringLiteral("0"), QStringLiteral("--data-dir"), data.path()});
        const quint16 port = waitForListening(daemon);
        QVERIFY(port != 0);
        QCOMPARE(connectOnce(port), 0);
        ::kill(pid_t(daemon.processId()), signalNumber);
        QVERIFY(daemon.waitForFinished(10'000));
        QCOMPARE(daemon.exitStatus(), QProcess::NormalExit);
        QCOMPARE(daemon.exitCode(), 0);
    }

    void brokenConfigNamesTheLine()
    {
        QTemporaryDir dir;
        const QString path = dir.filePath(QStringLiteral("broker.conf"));
        QFile file(path);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write("listener 0 127.0.0.1\nmax_topic_alias many\n");
        file.close();
        QProcess daemon;
        daemon.start(kDaemon, {QStringLiteral("--config"), path});
        QVERIFY(daemon.waitForFinished(10'000));
        QCOMPARE(daemon.exitCode(), 2);
        const QString err = QString::fromUtf8(daemon.readAllStandardError());
        QVERIFY2(err.contains(path + QStringLiteral(": line 2: 'many' is not a number")), qPrintable(err));
    }

    void portInUseIsClear()
    {
        QTcpServer occupier;
        QVERIFY(occupier.listen(QHostAddress::LocalHost, 0));
        QProcess daemon;
        daemon.start(kDaemon, {QStringLiteral("--port"), QString::number(occupier.serverPort())});
        QVERIFY(daemon.waitForFinished(10'000));
        QCOMPARE(daemon.exitCode(), 1);
        const QString err = QString::fromUtf8(daemon.readAllStandardError());
        QVERIFY2(err.contains(QStringLiteral("cannot listen on 127.0.0.1:%1").arg(occupier.serverPort())), qPrintable(err));
        QVERIFY2(err.contains(QStringLiteral("in use")), qPrintable(err));
    }

    void dataDirectoryIsLocked()
    {
        QTemporaryDir data;
        QProcess first;
        first.start(kDaemon, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), data.path()});
        QVERIFY(waitForListening(first) != 0);
        QProcess second;
        second.start(kDaemon, {QStringLiteral("--port"), QStringLiteral("0"), QStringLiteral("--data-dir"), data.path()});
        QVERIFY(second.waitForFinished(10'000));
        QCOMPARE(second.exitCode(), 1);
        QVERIFY(QString::fromUtf8(second.readAllStandardError()).contains(QStringLiteral("in use by another broker")));
        first.terminate();
        QVERIFY(first.waitForFinished(10'000));
    }

    void unknownArgumentIsUsageError()
    {
        QProcess daemon;
        daemon.start(kDaemon, {QStringLiteral("--no-such-option")});
        QVERIFY(daemon.waitForFinished(10'000));
        QCOMPARE(daemon.exitCode(), 2);
    }

    void twoEnginesInOneProcess()
    {
        BrokerConfig config;
        BrokerHost a(config);
        BrokerHost b(config);
        QSignalSpy aStarted(&a, &BrokerHost::started);
        QSignalSpy bStarted(&b, &BrokerHost::started);
        a.start();
        b.start();
        QVERIFY(aStarted.wait(5000));
        QVERIFY(bStarted.count() == 1 || bStarted.wait(5000));
        QVERIFY(a.port() != b.port());
        QCOMPARE(connectOnce(a.port()), 0);
        QCOMPARE(connectOnce(b.port()), 0);
        QTRY_COMPARE_WITH_TIMEOUT(a.stats().packetsReceived, quint64(1), 5000);
        QCOMPARE(b.stats().packetsReceived, quint64(1)); // separate counters: no shared state
    }
};

QTEST_GUILESS_MAIN(DaemonTest)
#include "tst_daemon.moc"
