// LagChartView offscreen: one line per shown group, window buttons and the time axis,
// live redraws on LagHistory::changed, PNG and CSV export (directly and through the
// non-modal file dialog).

#include "models/lag/LagCsv.h"
#include "models/lag/LagHistory.h"
#include "ui/charts/LagChartView.h"

#include <QChart>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QImage>
#include <QImageReader>
#include <QLegend>
#include <QLineSeries>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QToolButton>
#include <QValueAxis>

using namespace Qt::StringLiterals;
using bs::models::LagCsv;
using bs::models::LagHistory;
using bs::ui::LagChartView;

namespace {

constexpr qint64 kT0 = 1'699'999'980'000;
constexpr qint64 kHour = 3'600'000;

/// Two hours of three groups, one sample a second.
void fill(LagHistory& history)
{
    for (qint64 s = 0; s < 2 * 3600; ++s) {
        history.append(u"orders"_s, kT0 + s * 1000, double(1'000 + s % 600), 50);
        history.append(u"payments"_s, kT0 + s * 1000, double(s % 90 == 0 ? 4'000 : 200), 80);
        history.append(u"audit"_s, kT0 + s * 1000, 0, 10);
    }
}

/// A view of fill()'s history showing some of its groups.
struct Shown
{
    explicit Shown(const QStringList& series, QSize size = {900, 500})
    {
        fill(history);
        view.resize(size);
        view.setHistory(&history);
        view.setShownSeries(series);
    }

    LagHistory history;
    LagChartView view;
};

qint64 axisSpanMs(const LagChartView& view)
{
    return view.timeAxis()->min().msecsTo(view.timeAxis()->max());
}

/// The view's button of type Button with this text; null when there is none.
template<typename Button>
Button* button(const LagChartView& view, const QString& text)
{
    const QList<Button*> buttons = view.findChildren<Button*>();
    for (Button* candidate : buttons) {
        if (candidate->text() == text)
            return candidate;
    }
    return nullptr;
}

} // namespace

class LagChartViewTest : public QObject
{
    Q_OBJECT
private slots:
    void shownSeriesAreLinesWithALegend()
    {
        Shown shown({u"orders"_s, u"payments"_s, u"orders"_s});
        LagChartView& view = shown.view;
        QCOMPARE(view.chart()->series().size(), 2);
        QVERIFY(view.chart()->legend()->isVisible());
        QLineSeries* payments = view.lineSeries(u"payments"_s);
        QVERIFY(payments);
        QCOMPARE(payments->name(), u"payments"_s);
        QVERIFY(payments->count() > 0);
        QVERIFY(view.lineSeries(u"orders"_s)->count() > 0);
        QCOMPARE(view.chart()->animationOptions(), QChart::NoAnimation);
        QVERIFY(!payments->useOpenGL());
        // The spikes set the lag axis.
        QVERIFY(view.valueAxis()->max() >= 4'000);
        QCOMPARE(view.valueAxis()->min(), 0.0);

        view.setShownSeries({u"payments"_s, u"audit"_s});
        QCOMPARE(view.chart()->series().size(), 2);
        QVERIFY(!view.lineSeries(u"orders"_s));
        QCOMPARE(view.lineSeries(u"payments"_s), payments); // kept, not made again
        QVERIFY(view.lineSeries(u"audit"_s)->count() > 0);

        view.setShownSeries({});
        QVERIFY(view.chart()->series().isEmpty());
    }

    void crowdedChartsDropTheLegend()
    {
        LagHistory history;
        QStringList many;
        for (int g = 0; g < LagChartView::kMaxLegendSeries + 5; ++g) {
            many.append(u"group-%1"_s.arg(g));
            history.append(many.last(), kT0, g);
        }
        LagChartView view;
        view.resize(900, 500);
        view.setHistory(&history);
        view.setShownSeries(many);
        QVERIFY(!view.chart()->legend()->isVisible());
        view.setShownSeries(many.mid(0, 3));
        QVERIFY(view.chart()->legend()->isVisible());
        QTemporaryDir dir;
        QVERIFY(view.exportPng(dir.filePath(u"few.png"_s)));
        QVERIFY(view.chart()->legend()->geometry().height() > 0);
    }

    void windowButtonsSetTheTimeAxis()
    {
        Shown shown({u"orders"_s}, QSize(1000, 600)); // a plot wide enough for a point a second over a minute
        LagChartView& view = shown.view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qint64 newest = kT0 + (2 * 3600 - 1) * 1000;
        QCOMPARE(view.windowMs(), 15 * 60'000); // the default
        QCOMPARE(axisSpanMs(view), 15 * 60'000);
        QCOMPARE(view.timeAxis()->max().toMSecsSinceEpoch(), newest);

        const std::pair<QString, qint64> windows[] = {
            {u"1 min"_s, 60'000}, {u"1 h"_s, kHour}, {u"24 h"_s, 24 * kHour}, {u"15 min"_s, 15 * 60'000}};
        for (const auto& [text, windowMs] : windows) {
            QToolButton* windowButton = button<QToolButton>(view, text);
            QVERIFY2(windowButton, qPrintable(text));
            windowButton->click();
            QVERIFY(windowButton->isChecked());
            QCOMPARE(view.windowMs(), windowMs);
            QCOMPARE(axisSpanMs(view), windowMs);
            QCOMPARE(view.timeAxis()->max().toMSecsSinceEpoch(), newest);
            // Every point lies in the window.
            const QList<QPointF> points = view.lineSeries(u"orders"_s)->points();
            QVERIFY(!points.isEmpty());
            QVERIFY(points.first().x() >= double(newest - windowMs));
            QCOMPARE(points.last().x(), double(newest));
        }
        // A 1 min window shows each second; longer ones are decimated to the plot: at most
        // a min/max pair every 2 px (the width of a lone line).
        view.setWindowMs(60'000);
        QCOMPARE(view.lineSeries(u"orders"_s)->count(), 61);
        view.setWindowMs(24 * kHour);
        const qsizetype dayPoints = view.lineSeries(u"orders"_s)->count();
        QVERIFY2(dayPoints <= qsizetype(view.chart()->plotArea().width()) + 2, qPrintable(QString::number(dayPoints)));
        QVERIFY(dayPoints > 0);
    }

    void redrawsLiveWhenTheHistoryChanges()
    {
        Shown shown({u"orders"_s}, QSize(900, 500));
        LagChartView& view = shown.view;
        LagHistory& history = shown.history;
        view.setWindowMs(60'000);
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        const qint64 next = kT0 + 2 * 3600 * 1000;
        history.append(u"orders"_s, next, 123'456, 50);
        QCOMPARE(view.windowEndMs(), next - 1000); // not synchronously…
        QTRY_COMPARE(view.windowEndMs(), next);  // …but soon
        QCOMPARE(view.lineSeries(u"orders"_s)->points().last(), QPointF(double(next), 123'456));
        QVERIFY(view.valueAxis()->max() >= 123'456);
    }

    void exportsAPng()
    {
        Shown shown({u"orders"_s, u"payments"_s}, QSize(800, 450));
        LagChartView& view = shown.view;
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString path = dir.filePath(u"lag.png"_s);
        QSignalSpy exported(&view, &LagChartView::exported);
        QVERIFY(view.exportPng(path));
        QCOMPARE(exported.count(), 1);
        QCOMPARE(exported.first().at(1).toBool(), true);
        QImageReader reader(path);
        QCOMPARE(reader.format(), "png"_ba);
        const QImage image = reader.read();
        QVERIFY(!image.isNull());
        QVERIFY(image.width() >= 400 && image.height() >= 200);
        // Something is drawn: not a single colour.
        const QRgb corner = image.pixel(0, 0);
        bool varied = false;
        for (int y = 0; y < image.height() && !varied; y += 7) {
            for (int x = 0; x < image.width() && !varied; x += 7)
                varied = image.pixel(x, y) != corner;
        }
        QVERIFY(varied);
        QVERIFY(!view.exportPng(dir.filePath(u"missing/dir/lag.png"_s)));
        QCOMPARE(exported.last().at(1).toBool(), false);
    }

    void exportsTheShownDataAsCsv()
    {
        Shown shown({u"payments"_s, u"orders"_s});
        LagChartView& view = shown.view;
        LagHistory& history = shown.history;
        view.setWindowMs(60'000);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"lag.csv"_s);
        QVERIFY(view.exportCsv(path));
        QFile file(path);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QByteArray csv = file.readAll();
        QCOMPARE(csv, LagCsv::toCsv(history, {u"payments"_s, u"orders"_s}, 60'000, history.latestTimeMs()));
        QCOMPARE(csv.count("\r\n"), 1 + 2 * 61);
        QVERIFY(csv.contains(",payments,200,200,200\r\n"));
        QVERIFY(!csv.contains(",audit,"));
    }

    void exportButtonAsksWithoutBlocking()
    {
        Shown shown({u"orders"_s});
        LagChartView& view = shown.view;
        view.show();
        QVERIFY(QTest::qWaitForWindowExposed(&view));
        QPushButton* csvButton = button<QPushButton>(view, u"Export CSV…"_s);
        QVERIFY(csvButton);
        csvButton->click(); // returns at once: the dialog is open()ed
        QFileDialog* dialog = view.findChild<QFileDialog*>();
        QVERIFY(dialog);
        QTRY_VERIFY(dialog->isVisible());
        QCOMPARE(dialog->acceptMode(), QFileDialog::AcceptSave);

        QTemporaryDir dir;
        const QString path = dir.filePath(u"chosen.csv"_s);
        QSignalSpy exported(&view, &LagChartView::exported);
        emit dialog->fileSelected(path);
        QCOMPARE(exported.count(), 1);
        QCOMPARE(exported.first().at(0).toString(), path);
        QVERIFY(QFile::exists(path));
        dialog->reject();
    }
};

QTEST_MAIN(LagChartViewTest)
#include "tst_lag_chart_view.moc"
