// lag_chart_bench: how big 24 h of lag history is and how fast a lag chart redraws.
//
// Fills a LagHistory with 100 groups × 24 h of 1 s samples of synthetic but realistic
// shapes (steady with noise, saw teeth of a consumer that falls behind and catches up,
// idle with bursts, a random walk, a daily swell), then reports LagHistory::memoryBytes()
// and the growth of the process's resident memory (VmRSS). Then a 1280×720 LagChartView
// shows 1, 10 and 100 groups over each window (1 min, 15 min, 1 h, 24 h); each iteration
// appends one live second to every group (not timed), then times refresh() (the series'
// data replaced) plus rendering the whole widget into a 1280×720 QImage. Median and max
// over the iterations. Exits 1 when a target is missed: memory < 50 MB, redraw < 16 ms
// (the median; the max is reported alongside).
//
//   lag_chart_bench [--groups N] [--hours H] [--iterations N] [--png FILE]
// Runs offscreen unless QT_QPA_PLATFORM says otherwise.

#include "models/lag/LagHistory.h"
#include "ui/charts/LagChartView.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QElapsedTimer>
#include <QFile>
#include <QImage>
#include <QLineSeries>
#include <QPainter>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <numbers>
#include <random>

using namespace bs::models;
using namespace Qt::StringLiterals;

namespace {

constexpr qint64 kStartMs = 1'700'000'000'000;
constexpr double kMemoryTargetMb = 50;
constexpr double kRedrawTargetMs = 16;

qint64 residentKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmRSS:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

/// One group's lag, a second at a time; the shape depends on the group's number.
class SyntheticGroup
{
public:
    explicit SyntheticGroup(int index)
        : m_kind(index % 5), m_random(quint32(index) * 7919u + 1u),
          m_base(std::uniform_real_distribution<double>(500, 20'000)(m_random)),
          m_periodS(std::uniform_real_distribution<double>(600, 5'400)(m_random)),
          m_ackRate(std::uniform_real_distribution<double>(50, 5'000)(m_random))
    {
    }

    /// The lag and ack rate at second s.
    std::pair<double, double> next(qint64 s)
    {
        std::normal_distribution<double> noise(0, 1);
        const double ack = std::max(0.0, m_ackRate * (1 + 0.05 * noise(m_random)));
        switch (m_kind) {
        case 0: // steady, a few percent of noise
            m_lag = m_base * (1 + 0.03 * noise(m_random));
            break;
        case 1: { // falls behind for 2/3 of a period, then catches up
            const double phase = std::fmod(double(s), m_periodS) / m_periodS;
            m_lag = phase < 2.0 / 3 ? m_base * phase * 1.5 : m_base * (1 - phase) * 3;
            m_lag += 20 * noise(m_random);
            break;
        }
        case 2: // idle, with a burst now and then that drains at the ack rate
            if (std::uniform_real_distribution<double>(0, 1)(m_random) < 1.0 / 3'600)
                m_lag += m_base * 10;
            m_lag = std::max(0.0, m_lag - ack);
            break;
        case 3: // a random walk
            m_lag += m_base * 0.01 * noise(m_random);
            break;
        default: // a daily swell
            m_lag = m_base * (1 + std::sin(2 * std::numbers::pi * double(s) / 86'400)) + 50 * noise(m_random);
            break;
        }
        m_lag = std::max(0.0, m_lag);
        return {std::round(m_lag), ack};
    }

private:
    int m_kind;
    std::mt19937 m_random;
    double m_base;
    double m_periodS;
    double m_ackRate;
    double m_lag = 0;
};

struct Timing
{
    double medianMs;
    double maxMs;
};

Timing summarize(std::vector<double> samples)
{
    std::sort(samples.begin(), samples.end());
    return Timing{samples[samples.size() / 2], samples.back()};
}

int intOption(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value <= 0) {
        std::fprintf(stderr, "lag_chart_bench: --%s needs a positive number\n", qPrintable(name));
        std::exit(2);
    }
    return value;
}

} // namespace

int main(int argc, char* argv[])
{
    if (qEnvironmentVariableIsEmpty("QT_QPA_PLATFORM"))
        qputenv("QT_QPA_PLATFORM", "offscreen");
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Lag history memory for N groups x H hours, and lag chart redraw times."_s);
    parser.addHelpOption();
    parser.addOption({u"groups"_s, u"Groups (default 100)."_s, u"N"_s, u"100"_s});
    parser.addOption({u"hours"_s, u"Hours of 1 s samples (default 24)."_s, u"H"_s, u"24"_s});
    parser.addOption({u"iterations"_s, u"Redraws per case (default 30)."_s, u"N"_s, u"30"_s});
    parser.addOption({u"png"_s, u"At the end, export a chart of 5 groups over 1 h to this file."_s, u"FILE"_s});
    parser.process(app);
    const int groups = intOption(parser, u"groups"_s);
    const int hours = intOption(parser, u"hours"_s);
    const int iterations = intOption(parser, u"iterations"_s);

    QStringList names;
    std::vector<SyntheticGroup> shapes;
    for (int g = 0; g < groups; ++g) {
        names.append(u"group-%1"_s.arg(g, 3, 10, QChar(u'0')));
        shapes.emplace_back(g);
    }

    const qint64 rssBefore = residentKiB();
    LagHistory history;
    QElapsedTimer fillTimer;
    fillTimer.start();
    const qint64 seconds = qint64(hours) * 3600;
    for (qint64 s = 0; s < seconds; ++s) {
        for (int g = 0; g < groups; ++g) {
            const auto [lag, ack] = shapes[size_t(g)].next(s);
            history.append(names[g], kStartMs + s * 1000, lag, ack);
        }
    }
    const double fillSeconds = double(fillTimer.elapsed()) / 1000.0;
    const qint64 rssAfter = residentKiB();
    const double modelMb = double(history.memoryBytes()) / (1024.0 * 1024.0);
    const double rssMb = double(rssAfter - rssBefore) / 1024.0;

    std::printf("lag_chart_bench: %d groups x %d h of 1 s samples (%lld appends in %.1f s)\n", groups, hours,
                static_cast<long long>(seconds) * groups, fillSeconds);
    std::printf("  LagHistory::memoryBytes()  %8.1f MB\n", modelMb);
    std::printf("  VmRSS growth while filling %8.1f MB   (target < %.0f MB)\n\n", rssMb, kMemoryTargetMb);

    bs::ui::LagChartView view;
    view.resize(1280, 720);
    view.setHistory(&history);
    view.show();
    QApplication::processEvents(); // the bench, not the console: lay the view out once
    QImage image(1280, 720, QImage::Format_ARGB32_Premultiplied);

    std::printf("  redraw = refresh() + render into a 1280x720 QImage, %d iterations\n", iterations);
    std::printf("  %6s  %7s  %8s  %8s  %8s  %8s\n", "groups", "window", "points", "update", "redraw", "max");
    std::printf("  %6s  %7s  %8s  %8s  %8s  %8s\n", "", "", "", "median", "median", "");
    qint64 nowS = seconds;
    double worstMedian = 0;
    for (const int shown : {1, 10, 100}) {
        const int count = std::min(shown, groups);
        view.setShownSeries(names.mid(0, count));
        for (const qint64 windowMs : bs::ui::LagChartView::kWindowsMs) {
            view.setWindowMs(windowMs);
            std::vector<double> samples;
            std::vector<double> updates;
            for (int i = 0; i <= iterations; ++i) { // the first is a warm-up
                for (int g = 0; g < groups; ++g) {
                    const auto [lag, ack] = shapes[size_t(g)].next(nowS);
                    history.append(names[g], kStartMs + nowS * 1000, lag, ack);
                }
                ++nowS;
                QElapsedTimer timer;
                timer.start();
                view.refresh();
                const qint64 updatedNs = timer.nsecsElapsed();
                image.fill(Qt::white);
                view.render(&image);
                if (i > 0) {
                    samples.push_back(double(timer.nsecsElapsed()) / 1e6);
                    updates.push_back(double(updatedNs) / 1e6);
                }
            }
            qsizetype points = 0;
            for (const QString& name : names.mid(0, count))
                points += view.lineSeries(name)->count();
            const Timing timing = summarize(samples);
            const Timing update = summarize(updates);
            worstMedian = std::max(worstMedian, timing.medianMs);
            const QString window = windowMs < 3'600'000 ? u"%1 min"_s.arg(windowMs / 60'000) : u"%1 h"_s.arg(windowMs / 3'600'000);
            std::printf("  %6d  %7s  %8lld  %8.1f  %8.1f  %8.1f ms\n", count, qPrintable(window),
                        static_cast<long long>(points), update.medianMs, timing.medianMs, timing.maxMs);
        }
    }
    if (parser.isSet(u"png"_s)) {
        view.setShownSeries(names.mid(0, 5));
        view.setWindowMs(bs::ui::LagChartView::kWindowsMs[2]);
        view.exportPng(parser.value(u"png"_s));
    }
    const bool memoryOk = modelMb < kMemoryTargetMb && rssMb < kMemoryTargetMb;
    const bool redrawOk = worstMedian < kRedrawTargetMs;
    std::printf("\n  memory %s, redraw %s (worst median %.1f ms, target < %.0f ms)\n", memoryOk ? "ok" : "MISSED",
                redrawOk ? "ok" : "MISSED", worstMedian, kRedrawTargetMs);
    return memoryOk && redrawOk ? 0 : 1;
}
