// SysStatsModel: $SYS/broker/... updates (Mosquitto's names) into chart series: counter
// deltas over time, restarts, retained replays, gauges, bounds, and a throttled changed().
#include "MessageFactory.h"
#include "models/overview/SysStatsModel.h"

#include <QSignalSpy>
#include <QTest>

using namespace bs::models;
using namespace bs::models::test;
using namespace Qt::StringLiterals;
using Series = SysStatsModel::Series;

namespace {

const QDateTime t0 = QDateTime::fromMSecsSinceEpoch(1'700'000'000'000, Qt::UTC);

bs::client::MqttMessagePtr sys(const QString& key, const QByteArray& value, qint64 atMs, bool retained = false)
{
    return message(u"$SYS/broker/"_s + key, value, 0, retained, t0.addMSecs(atMs));
}

} // namespace

class SysStatsModelTest : public QObject
{
    Q_OBJECT
private slots:
    void ratesFromTwoCounterUpdates()
    {
        SysStatsModel stats;
        stats.ingest(batchOf({sys(u"publish/messages/received"_s, "100", 0), sys(u"publish/messages/sent"_s, "1000", 0),
                              sys(u"bytes/received"_s, "5000", 0)}));
        QVERIFY(stats.series(Series::MessagesInPerSecond).isEmpty()); // one value is no rate yet
        stats.ingest(batchOf({sys(u"publish/messages/received"_s, "600", 10'000), sys(u"publish/messages/sent"_s, "1000", 10'000),
                              sys(u"bytes/received"_s, "25000", 10'000)}));
        const QList<QPointF> in = stats.series(Series::MessagesInPerSecond);
        QCOMPARE(in.size(), 1);
        QCOMPARE(in.first(), QPointF(double(t0.toMSecsSinceEpoch() + 10'000), 50.0));
        QCOMPARE(stats.latest(Series::MessagesOutPerSecond), std::optional<double>(0.0));
        QCOMPARE(stats.latest(Series::BytesInPerSecond), std::optional<double>(2000.0));
        QVERIFY(!stats.latest(Series::PacketsInPerSecond));

        stats.ingest({sys(u"publish/messages/received"_s, "700", 15'000)});
        QCOMPARE(stats.latest(Series::MessagesInPerSecond), std::optional<double>(20.0));
        QCOMPARE(stats.series(Series::MessagesInPerSecond).size(), 2);
    }

    void counterGoingDownIsARestartNotANegativeRate()
    {
        SysStatsModel stats;
        stats.ingest({sys(u"publish/messages/received"_s, "1000", 0)});
        stats.ingest({sys(u"publish/messages/received"_s, "1100", 10'000)});
        stats.ingest({sys(u"publish/messages/received"_s, "20", 20'000)}); // restarted
        QCOMPARE(stats.series(Series::MessagesInPerSecond).size(), 1);
        stats.ingest({sys(u"publish/messages/received"_s, "120", 30'000)});
        const QList<QPointF> in = stats.series(Series::MessagesInPerSecond);
        QCOMPARE(in.size(), 2);
        QCOMPARE(in.last().y(), 10.0);
        for (const QPointF& point : in)
            QVERIFY(point.y() >= 0);
    }

    void uptimeGoingDownResetsEveryCounter()
    {
        SysStatsModel stats;
        stats.ingest(batchOf({sys(u"uptime"_s, "500 seconds", 0), sys(u"publish/messages/sent"_s, "10", 0)}));
        // Restarted and already past the old count: only the uptime tells.
        stats.ingest(batchOf({sys(u"uptime"_s, "10 seconds", 10'000), sys(u"publish/messages/sent"_s, "40", 10'000)}));
        QVERIFY(stats.series(Series::MessagesOutPerSecond).isEmpty());
        QCOMPARE(stats.uptimeSeconds(), std::optional<qint64>(10));
        stats.ingest(batchOf({sys(u"uptime"_s, "20 seconds", 20'000), sys(u"publish/messages/sent"_s, "90", 20'000)}));
        QCOMPARE(stats.latest(Series::MessagesOutPerSecond), std::optional<double>(5.0));
    }

    void retainedReplayIsABaselineWithoutTime()
    {
        SysStatsModel stats;
        // On subscribe the broker replays the retained value, published up to an interval ago.
        stats.ingest({sys(u"publish/messages/received"_s, "100", 0, true)});
        stats.ingest({sys(u"publish/messages/received"_s, "200", 1'000)});
        QVERIFY(stats.series(Series::MessagesInPerSecond).isEmpty());
        stats.ingest({sys(u"publish/messages/received"_s, "300", 11'000)});
        QCOMPARE(stats.latest(Series::MessagesInPerSecond), std::optional<double>(10.0));
    }

    void gaugesAndTextValues()
    {
        SysStatsModel stats;
        QVERIFY(!stats.hasData());
        stats.ingest(batchOf({sys(u"clients/connected"_s, "3", 0), sys(u"subscriptions/count"_s, "12", 0),
                              sys(u"retained messages/count"_s, "7", 0), sys(u"version"_s, "mosquitto version 2.0.11", 0),
                              sys(u"uptime"_s, "3600 seconds", 0), sys(u"load/messages/received/1min"_s, "12.34", 0),
                              message(u"not/sys"_s, "99"), message(u"$SYS/other"_s, "1")}));
        stats.ingest({sys(u"clients/connected"_s, "5", 10'000)});
        QVERIFY(stats.hasData());
        QCOMPARE(stats.series(Series::ClientsConnected),
                 (QList<QPointF>{{double(t0.toMSecsSinceEpoch()), 3.0}, {double(t0.toMSecsSinceEpoch() + 10'000), 5.0}}));
        QCOMPARE(stats.latest(Series::Subscriptions), std::optional<double>(12.0));
        QCOMPARE(stats.latest(Series::RetainedMessages), std::optional<double>(7.0));
        QCOMPARE(stats.version(), u"mosquitto version 2.0.11"_s);
        QCOMPARE(stats.uptimeSeconds(), std::optional<qint64>(3600));
        QCOMPARE(stats.latestText(u"load/messages/received/1min"_s), u"12.34"_s);
        QVERIFY(!stats.knownKeys().contains(u"other"_s));
        QCOMPARE(stats.knownKeys().size(), 6);
    }

    void garbageValuesAreKeptAsTextButNotPlotted()
    {
        SysStatsModel stats;
        stats.ingest(batchOf({sys(u"clients/connected"_s, "lots", 0), sys(u"subscriptions/count"_s, "\xff\xfe", 0)}));
        QVERIFY(stats.series(Series::ClientsConnected).isEmpty());
        QCOMPARE(stats.latestText(u"clients/connected"_s), u"lots"_s);
        QVERIFY(stats.series(Series::Subscriptions).isEmpty());
    }

    void seriesAreBoundedInTime()
    {
        SysStatsModel stats;
        QCOMPARE(stats.historyWindow(), 15 * 60 * 1000);
        for (int i = 0; i <= 40; ++i) // 40 minutes, one update a minute
            stats.ingest({sys(u"clients/connected"_s, QByteArray::number(i), qint64(i) * 60'000)});
        const QList<QPointF> clients = stats.series(Series::ClientsConnected);
        QCOMPARE(clients.size(), 16); // minutes 25..40
        QCOMPARE(clients.first().y(), 25.0);
        QCOMPARE(clients.last().y(), 40.0);

        stats.setHistoryWindow(3600 * 1000);
        for (int i = 0; i < SysStatsModel::kMaxPoints + 100; ++i)
            stats.ingest({sys(u"subscriptions/count"_s, "1", qint64(i) * 10)});
        QCOMPARE(stats.series(Series::Subscriptions).size(), SysStatsModel::kMaxPoints);
    }

    void changedIsThrottled()
    {
        SysStatsModel stats;
        QSignalSpy changed(&stats, &SysStatsModel::changed);
        for (int i = 0; i < 200; ++i)
            stats.ingest({sys(u"clients/connected"_s, QByteArray::number(i), i)});
        QCOMPARE(changed.count(), 0);
        QVERIFY(changed.wait());
        QCOMPARE(changed.count(), 1);
        stats.clear();
        QVERIFY(!stats.hasData());
        QVERIFY(stats.series(Series::ClientsConnected).isEmpty());
        QVERIFY(changed.wait());
    }
};

QTEST_GUILESS_MAIN(SysStatsModelTest)
#include "tst_sys_stats_model.moc"
