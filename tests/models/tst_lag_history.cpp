// LagHistory, LagTrend, LagCsv: tiers (1 s / 10 s / 1 min) with their min/max, the 24 h
// bound, decimation for drawing, trend words on synthetic series, CSV quoting, and the
// throttled changed(). Time is driven through the timeMs arguments: nothing waits for the
// clock except the one throttled signal.
#include "models/lag/LagCsv.h"
#include "models/lag/LagHistory.h"
#include "models/lag/LagText.h"
#include "models/lag/LagTrend.h"

#include <QDir>
#include <QFile>
#include <QSignalSpy>
#include <QTest>

#include <cmath>
#include <functional>
#include <random>

using namespace bs::models;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kT0 = 1'699'999'980'000; // 2023-11-14T22:13:00Z, a whole minute
constexpr qint64 kMinute = 60'000;
constexpr qint64 kHour = 3'600'000;

/// Lag at second s: a ramp with a spike every 7 s and a dip every 11 s.
double shape(qint64 s)
{
    if (s % 7 == 3)
        return 5'000 + double(s);
    if (s % 11 == 5)
        return 0;
    return 1'000 + double(s % 100);
}

void fill(LagHistory& history, const QString& series, qint64 fromS, qint64 toS)
{
    for (qint64 s = fromS; s < toS; ++s)
        history.append(series, kT0 + s * 1000, shape(s), 100);
}

LagTrend trendOf(const std::function<double(int)>& lagAt, int seconds, double ackRate)
{
    LagTrend trend;
    for (int s = 0; s < seconds; ++s)
        trend.add(kT0 + s * 1000, lagAt(s), ackRate);
    return trend;
}

} // namespace

class LagHistoryTest : public QObject
{
    Q_OBJECT
private slots:
    void recentWindowIsReadAtOneSecond()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 3600);
        const qint64 now = kT0 + 3599 * 1000;
        QCOMPARE(history.bucketWidthMs(u"orders"_s, 15 * kMinute, now), 1000);
        const QList<LagBucket> buckets = history.buckets(u"orders"_s, 15 * kMinute, now);
        QCOMPARE(buckets.size(), 901); // [now − 15 min, now], both ends included
        for (const LagBucket& bucket : buckets) {
            const qint64 s = (bucket.timeMs - kT0) / 1000;
            QCOMPARE(bucket.min, shape(s));
            QCOMPARE(bucket.max, shape(s));
        }
    }

    void olderThanFifteenMinutesComesFromTenSecondBuckets()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 3 * 3600);
        const qint64 now = kT0 + (3 * 3600 - 1) * 1000;
        QCOMPARE(history.bucketWidthMs(u"orders"_s, kHour, now), 10'000);
        const QList<LagBucket> buckets = history.buckets(u"orders"_s, kHour, now);
        QVERIFY(buckets.size() >= 360 && buckets.size() <= 361);
        QVERIFY(buckets.first().timeMs < now - 15 * kMinute); // reaches back past tier 0
        for (const LagBucket& bucket : buckets) {
            const qint64 firstS = (bucket.timeMs - kT0) / 10'000 * 10; // the bucket's 10 s
            double low = shape(firstS);
            double high = low;
            for (qint64 s = firstS; s < firstS + 10; ++s) {
                low = std::min(low, shape(s));
                high = std::max(high, shape(s));
            }
            QCOMPARE(bucket.timeMs, kT0 + (firstS + 9) * 1000); // its newest sample
            QCOMPARE(bucket.min, low);
            QCOMPARE(bucket.max, high);
            QCOMPARE(bucket.last, shape(firstS + 9));
        }
    }

    void beyondSixHoursComesFromMinuteBuckets()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 7 * 3600);
        const qint64 now = kT0 + (7 * 3600 - 1) * 1000;
        QCOMPARE(history.bucketWidthMs(u"orders"_s, 24 * kHour, now), 60'000);
        const QList<LagBucket> buckets = history.buckets(u"orders"_s, 24 * kHour, now);
        QCOMPARE(buckets.size(), 7 * 60);
        const LagBucket& second = buckets[1]; // seconds 60..119
        double low = shape(60);
        double high = low;
        for (qint64 s = 60; s < 120; ++s) {
            low = std::min(low, shape(s));
            high = std::max(high, shape(s));
        }
        QCOMPARE(second.min, low);
        QCOMPARE(second.max, high);
        QCOMPARE(second.min, 0.0);
        QCOMPARE(second.max, 5'000.0 + 115);
    }

    void youngSeriesIsReadAtOneSecondWhateverTheWindow()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 300);
        QCOMPARE(history.bucketWidthMs(u"orders"_s, 24 * kHour, kT0 + 299'000), 1000);
        QCOMPARE(history.buckets(u"orders"_s, 24 * kHour, kT0 + 299'000).size(), 300);
    }

    void memoryStopsGrowingAtTwentyFourHours()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 24 * 3600 + 600);
        const qint64 full = history.memoryBytes();
        fill(history, u"orders"_s, 24 * 3600 + 600, 27 * 3600);
        QCOMPARE(history.memoryBytes(), full);
        QVERIFY2(full < 200'000, qPrintable(QString::number(full))); // one group, 24 h

        const qint64 now = kT0 + (27 * 3600 - 1) * 1000;
        const QList<LagBucket> day = history.buckets(u"orders"_s, 24 * kHour, now);
        QVERIFY(day.size() <= 24 * 60 + 2);
        QVERIFY(day.first().timeMs >= now - 24 * kHour - 2 * kMinute);
        // Nothing older than the longest tier is kept.
        QVERIFY(history.buckets(u"orders"_s, 27 * kHour, now).size() <= 24 * 60 + 2);
    }

    void pointsAreBoundedAndKeepTheExtremes()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 900);
        const qint64 now = kT0 + 899'000;
        for (const int maxPoints : {1, 7, 50, 450, 5000}) {
            const QList<QPointF> points = history.points(u"orders"_s, 15 * kMinute, now, maxPoints);
            QVERIFY2(points.size() <= 2 * maxPoints, qPrintable(QString::number(points.size())));
            double low = points.first().y();
            double high = low;
            for (qsizetype i = 0; i < points.size(); ++i) {
                low = std::min(low, points[i].y());
                high = std::max(high, points[i].y());
                if (i > 0)
                    QVERIFY(points[i].x() >= points[i - 1].x());
            }
            QCOMPARE(low, 0.0);          // the dips never vanish…
            QCOMPARE(high, 5'000.0 + 899); // …nor the highest spike (s = 899)
        }
        QCOMPARE(history.points(u"orders"_s, 15 * kMinute, now, 5000).size(), 900); // one a sample
        QVERIFY(history.points(u"nobody"_s, 15 * kMinute, now, 100).isEmpty());
    }

    void clockSetBackStartsTheSeriesOver()
    {
        LagHistory history;
        fill(history, u"orders"_s, 0, 600);
        history.append(u"orders"_s, kT0 - kHour, 42, 0);
        QCOMPARE(history.buckets(u"orders"_s, 24 * kHour, kT0).size(), 1);
        QCOMPARE(history.latest(u"orders"_s)->lag, 42.0);
        // A little late is folded into the newest bucket, not reordered.
        history.append(u"orders"_s, kT0 - kHour - 5'000, 7, 0);
        const QList<LagBucket> buckets = history.buckets(u"orders"_s, 24 * kHour, kT0);
        QCOMPARE(buckets.size(), 1);
        QCOMPARE(buckets.first().min, 7.0);
    }

    void seriesRemoveAndClear()
    {
        LagHistory history;
        history.append(u"b"_s, kT0, 1);
        history.append(u"a"_s, kT0 + 1000, 2);
        QCOMPARE(history.series(), QStringList({u"a"_s, u"b"_s}));
        QCOMPARE(history.latestTimeMs(), kT0 + 1000);
        history.remove(u"a"_s);
        QCOMPARE(history.series(), QStringList({u"b"_s}));
        QVERIFY(!history.latest(u"a"_s));
        history.clear();
        QVERIFY(history.series().isEmpty());
        QCOMPARE(history.memoryBytes(), 0);
        QCOMPARE(history.trend(u"b"_s).text(), u"no data"_s);
    }

    void changedIsThrottledAndCoalesced()
    {
        LagHistory history;
        QSignalSpy spy(&history, &LagHistory::changed);
        fill(history, u"orders"_s, 0, 100);
        fill(history, u"payments"_s, 0, 100);
        QCOMPARE(spy.count(), 0); // never synchronously
        QVERIFY(spy.wait(5'000));
        QCOMPARE(spy.count(), 1); // 200 appends, one signal
        history.append(u"orders"_s, kT0 + 100'000, 1);
        QVERIFY(spy.wait(5'000));
        QCOMPARE(spy.count(), 2);
    }

    void drainingSaysWhenItWillBeEmpty()
    {
        // 30,000 draining by 100 msg/s reaches 24,000 at the last sample: 240 s to go.
        const LagTrend trend = trendOf([](int s) { return 30'000.0 - 100.0 * s; }, 61, 900);
        QCOMPARE(trend.state(), LagTrend::State::Draining);
        QVERIFY(std::abs(trend.slope() + 100) < 1e-6);
        QVERIFY(std::abs(*trend.drainSeconds() - 240) < 1e-6);
        QVERIFY(std::abs(trend.publishRate() - 800) < 1e-6); // ack 900 − drain 100
        QCOMPARE(trend.text(), u"draining — empty in about 4 min"_s);
    }

    void growingSaysHowFast()
    {
        const LagTrend trend = trendOf([](int s) { return 1'000.0 + 120.0 * s; }, 40, 500);
        QCOMPARE(trend.state(), LagTrend::State::Growing);
        QCOMPARE(trend.text(), u"growing by 120 msg/s"_s);
        QVERIFY(!trend.drainSeconds());
    }

    void flatWithNoiseIsSteadyAndNeverFlickers()
    {
        std::mt19937 random(7);
        std::normal_distribution<double> noise(0, 40);
        LagTrend trend;
        int changes = 0;
        LagTrend::State previous = LagTrend::State::Steady;
        for (int s = 0; s < 3'600; ++s) {
            // Noise, and a lone spike every five minutes.
            const double spike = s % 300 == 150 ? 1'500 : 0;
            trend.add(kT0 + s * 1000, std::round(3'200 + noise(random) + spike), 400);
            if (s > 0 && trend.state() != previous)
                ++changes;
            previous = trend.state();
        }
        QCOMPARE(changes, 0);
        QCOMPARE(trend.state(), LagTrend::State::Steady);
        QVERIFY(trend.text().startsWith(u"steady at 3,"_s));
        const LagTrend flat = trendOf([](int) { return 3'187.0; }, 60, 100);
        QCOMPARE(flat.text(), u"steady at 3,200"_s);
    }

    void caughtUpWithinOneSecondOfWork()
    {
        QCOMPARE(trendOf([](int) { return 0.0; }, 10, 0).text(), u"caught up"_s);
        QCOMPARE(trendOf([](int) { return 80.0; }, 10, 100).state(), LagTrend::State::CaughtUp);
        QCOMPARE(trendOf([](int) { return 80.0; }, 10, 10).state(), LagTrend::State::Steady);
        // Left only above twice a second of work.
        LagTrend trend = trendOf([](int) { return 50.0; }, 10, 100);
        trend.add(kT0 + 10'000, 150, 100);
        QCOMPARE(trend.state(), LagTrend::State::CaughtUp);
    }

    void aNewStateIsConfirmedBeforeItShows()
    {
        // Growing for a minute, then flat: the fit goes flat gradually and the state must
        // not jump back and forth on the way.
        LagTrend trend;
        QList<LagTrend::State> seen;
        for (int s = 0; s < 180; ++s) {
            trend.add(kT0 + s * 1000, s < 60 ? 1'000.0 + 50 * s : 4'000.0, 100);
            if (seen.isEmpty() || seen.last() != trend.state())
                seen.append(trend.state());
        }
        QCOMPARE(seen, QList<LagTrend::State>({LagTrend::State::Steady, LagTrend::State::Growing, LagTrend::State::Steady}));
    }

    void durationsAndNumbersInWords()
    {
        QCOMPARE(approximateDuration(4), u"under 10 s"_s);
        QCOMPARE(approximateDuration(41), u"about 40 s"_s);
        QCOMPARE(approximateDuration(58), u"about 1 min"_s);
        QCOMPARE(approximateDuration(250), u"about 4 min"_s);
        QCOMPARE(approximateDuration(7'000), u"about 2 h"_s);
        QCOMPARE(approximateDuration(90'000), u"more than a day"_s);
        QCOMPARE(approximateDuration(std::numeric_limits<double>::infinity()), u"more than a day"_s);
        QCOMPARE(roundedCount(87), u"87"_s);
        QCOMPARE(roundedCount(3'187), u"3,200"_s);
        QCOMPARE(roundedCount(1'234'567), u"1,200,000"_s);
        QCOMPARE(roundedRate(0.44), u"0.4"_s);
        QCOMPARE(roundedRate(2), u"2"_s);
        QCOMPARE(roundedRate(123), u"120"_s);
    }

    void csvQuotesAndOrdersRows()
    {
        LagHistory history;
        const QString plain = u"orders"_s;
        const QString comma = u"eu,west"_s;
        const QString quote = u"say \"hi\""_s;
        const QString newline = u"two\nlines"_s;
        for (int s = 0; s < 3; ++s) {
            history.append(plain, kT0 + s * 1000, 10 + s);
            history.append(comma, kT0 + s * 1000, 20.5);
            history.append(quote, kT0 + s * 1000, 1e18);
            history.append(newline, kT0 + s * 1000, 0);
        }
        const QByteArray csv = LagCsv::toCsv(history, {plain, comma, quote, newline}, kMinute, kT0 + 2000);
        const QList<QByteArray> lines = csv.split('\n');
        QCOMPARE(lines.first(), "time,series,lag_min,lag_max,lag_last\r"_ba);
        QVERIFY(csv.endsWith("\r\n"));
        QVERIFY(csv.contains("2023-11-14T22:13:00.000Z,orders,10,10,10\r\n"));
        QVERIFY(csv.contains("2023-11-14T22:13:00.000Z,\"eu,west\",20.5,20.5,20.5\r\n"));
        QVERIFY(csv.contains("2023-11-14T22:13:00.000Z,\"say \"\"hi\"\"\",1000000000000000000,"));
        QVERIFY(csv.contains("2023-11-14T22:13:00.000Z,\"two\nlines\",0,0,0\r\n"));
        // By time, then in the order asked for.
        QVERIFY(csv.indexOf("22:13:00.000Z,orders") < csv.indexOf("22:13:00.000Z,\"eu,west\""));
        QVERIFY(csv.indexOf("22:13:00.000Z,\"two") < csv.indexOf("22:13:01.000Z,orders"));
        QCOMPARE(csv.count("\r\n"), 1 + 3 * 4);
        QCOMPARE(LagCsv::field(u"plain"_s), u"plain"_s);
        QCOMPARE(LagCsv::field(u"a\rb"_s), u"\"a\rb\""_s);
        // Only the window.
        QCOMPARE(LagCsv::toCsv(history, {plain}, 1000, kT0 + 2000).count("\r\n"), 1 + 2);
    }

    void csvWritesAFile()
    {
        LagHistory history;
        history.append(u"orders"_s, kT0, 5);
        const QString path = QDir::temp().filePath(u"tst_lag_history_%1.csv"_s.arg(QCoreApplication::applicationPid()));
        QVERIFY(LagCsv::write(path, history, {u"orders"_s}, kMinute, kT0));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QCOMPARE(file.readAll(), LagCsv::toCsv(history, {u"orders"_s}, kMinute, kT0));
        file.remove();
        QString error;
        QVERIFY(!LagCsv::write(u"/nonexistent-dir/x.csv"_s, history, {u"orders"_s}, kMinute, kT0, &error));
        QVERIFY(!error.isEmpty());
    }
};

QTEST_GUILESS_MAIN(LagHistoryTest)
#include "tst_lag_history.moc"
