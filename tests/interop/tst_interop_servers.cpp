// The servers the interop tests run against, started and stopped as the tests do it: our
// daemon and Mosquitto start on a free loopback port and accept connections, two instances
// get different ports, and each exits by itself with code 0 on SIGTERM and on SIGINT.

#include "peers/BrokerProcess.h"
#include "peers/Network.h"
#include "peers/ServerMatrix.h"

#include <QTest>

#include <csignal>

using namespace Qt::StringLiterals;
using namespace bs::peers;

class InteropServers : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase();
    void startsAndStopsCleanly_data();
    void startsAndStopsCleanly();
    void twoInstancesGetDifferentPorts_data();
    void twoInstancesGetDifferentPorts();
};

void InteropServers::initTestCase()
{
    QString error;
    QVERIFY2(!selectedServers(&error).isEmpty() && error.isEmpty(), qPrintable(error));
}

void InteropServers::startsAndStopsCleanly_data()
{
    addServerColumn();
    QTest::addColumn<int>("signal");
    for (ServerKind kind : selectedServers()) {
        addServerRow(kind, u"/SIGTERM"_s) << int(SIGTERM);
        addServerRow(kind, u"/SIGINT"_s) << int(SIGINT);
    }
}

void InteropServers::startsAndStopsCleanly()
{
    QFETCH(QString, server);
    QFETCH(int, signal);
    auto broker = BrokerProcess::create(*serverKindFromName(server));
    QVERIFY2(broker->start(), qPrintable(broker->errorString()));
    QVERIFY(broker->isRunning());
    QVERIFY(broker->pid() > 0);
    QVERIFY(broker->port() != 0);
    QCOMPARE(broker->host(), u"127.0.0.1"_s);
    QVERIFY(waitUntilAcceptingConnections(broker->port(), std::chrono::seconds(5)));

    QVERIFY2(
        broker->stopWithSignal(signal),
        qPrintable(u"%1 did not exit with code 0 on signal %2 (exit code %3%4)\n%5"_s.arg(server)
                       .arg(signal)
                       .arg(broker->exitCode())
                       .arg(broker->wasKilled() ? u", had to be killed"_s : QString())
                       .arg(broker->log().right(3000))));
    QVERIFY(!broker->isRunning());
}

void InteropServers::twoInstancesGetDifferentPorts_data()
{
    addServerRows();
}

void InteropServers::twoInstancesGetDifferentPorts()
{
    QFETCH(QString, server);
    const ServerKind kind = *serverKindFromName(server);
    auto first = BrokerProcess::create(kind);
    auto second = BrokerProcess::create(kind);
    QVERIFY2(first->start(), qPrintable(first->errorString()));
    QVERIFY2(second->start(), qPrintable(second->errorString()));
    QVERIFY(first->port() != second->port());
    QVERIFY(first->pid() != second->pid());
    QVERIFY(first->stop());
    QVERIFY(second->isRunning());
    QVERIFY(second->stop());
}

QTEST_GUILESS_MAIN(InteropServers)
#include "tst_interop_servers.moc"
