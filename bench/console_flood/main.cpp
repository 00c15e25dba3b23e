// console_flood: floods the console's live model path and measures how the GUI copes.
//
// An in-process generator thread produces messages at --rate over --topics for
// --duration seconds and hands batches to the GUI thread with queued calls, as the real
// client does. On the GUI thread they feed TopicTreeModel (behind TopicFilterProxy, shown
// in a QTreeView in a QMainWindow) and TopicHistoryStore (one topic's history shown in a
// QTableView). A 10 ms timer measures event-loop stalls. At the end it prints the stall
// percentiles, the messages applied and the peak RSS (VmHWM), and exits 1 when a target
// is missed (p99 stall < 50 ms, peak RSS < 500 MB).
//
//   console_flood [--rate N] [--topics N] [--duration S] [--payload-bytes N]
//                 [--sort-column C] [--filter TEXT] [--expand-depth D] [--plain-view]
// Run it under Xvfb (DISPLAY=:N) or with QT_QPA_PLATFORM=offscreen.

#include "FloodGenerator.h"
#include "ui/widgets/LiveTreeView.h"
#include "StallMeter.h"
#include "models/history/MessageHistoryModel.h"
#include "models/history/TopicHistoryStore.h"
#include "models/topics/TopicFilterProxy.h"
#include "models/topics/TopicTreeModel.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QFile>
#include <QHeaderView>
#include <QLabel>
#include <QMainWindow>
#include <QSplitter>
#include <QStatusBar>
#include <QTableView>
#include <QThread>
#include <QTimer>
#include <QTreeView>

#include <cstdio>

using namespace bs::models;
using namespace Qt::StringLiterals;

namespace {

qint64 peakRssKiB()
{
    QFile status(u"/proc/self/status"_s);
    if (!status.open(QIODevice::ReadOnly))
        return -1;
    for (const QByteArray& line : status.readAll().split('\n')) {
        if (line.startsWith("VmHWM:"))
            return line.mid(6).trimmed().split(' ').first().toLongLong();
    }
    return -1;
}

int intOption(const QCommandLineParser& parser, const QString& name)
{
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok) {
        std::fprintf(stderr, "console_flood: --%s needs a number\n", qPrintable(name));
        std::exit(2);
    }
    return value;
}

} // namespace

int main(int argc, char* argv[])
{
    QApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(u"Floods the console's topic tree and history; reports GUI stalls and peak memory."_s);
    parser.addHelpOption();
    parser.addOption({u"rate"_s, u"Messages per second (default 50000)."_s, u"N"_s, u"50000"_s});
    parser.addOption({u"topics"_s, u"Distinct topics (default 10000)."_s, u"N"_s, u"10000"_s});
    parser.addOption({u"duration"_s, u"Seconds of flood (default 5; the full run is 60)."_s, u"S"_s, u"5"_s});
    parser.addOption({u"payload-bytes"_s, u"Approximate payload size (default 40)."_s, u"N"_s, u"40"_s});
    parser.addOption({u"sort-column"_s, u"Sort the tree by this column, -1 for none (default 1, Messages, descending)."_s, u"C"_s, u"1"_s});
    parser.addOption({u"filter"_s, u"Filter text for the proxy (default none)."_s, u"TEXT"_s});
    parser.addOption({u"plain-view"_s, u"Use a plain QTreeView instead of LiveTreeView (which skips changes under collapsed rows)."_s});
    parser.addOption({u"expand-depth"_s, u"Expand the tree to this depth after 1 s, -1 for none (default 2)."_s, u"D"_s, u"2"_s});
    parser.process(app);

    FloodGenerator::Settings settings;
    settings.messagesPerSecond = intOption(parser, u"rate"_s);
    settings.topics = std::max(1, intOption(parser, u"topics"_s));
    settings.durationSeconds = std::max(1, intOption(parser, u"duration"_s));
    settings.payloadBytes = intOption(parser, u"payload-bytes"_s);
    const int sortColumn = intOption(parser, u"sort-column"_s);
    const int expandDepth = intOption(parser, u"expand-depth"_s);
    qRegisterMetaType<bs::client::MqttMessageBatch>();

    // The console's live path.
    TopicTreeModel tree;
    TopicFilterProxy proxy;
    proxy.setSourceModel(&tree);
    proxy.setFilterText(parser.value(u"filter"_s));
    TopicHistoryStore history;
    MessageHistoryModel historyModel(&history);
    historyModel.setTopic(FloodGenerator::topicNames(settings.topics).first());

    QMainWindow window;
    auto* splitter = new QSplitter(Qt::Vertical, &window);
    const bool plainView = parser.isSet(u"plain-view"_s);
    QTreeView* treeView = plainView ? new QTreeView(splitter) : new bs::ui::LiveTreeView(splitter);
    treeView->setUniformRowHeights(true);
    treeView->setModel(&proxy);
    treeView->setSortingEnabled(sortColumn >= 0);
    if (sortColumn >= 0)
        treeView->sortByColumn(sortColumn, Qt::DescendingOrder);
    treeView->header()->resizeSection(TopicTreeModel::TopicColumn, 260);
    treeView->header()->resizeSection(TopicTreeModel::PayloadColumn, 300);
    auto* historyView = new QTableView(splitter);
    historyView->setModel(&historyModel);
    historyView->horizontalHeader()->setStretchLastSection(true);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    window.setCentralWidget(splitter);
    auto* status = new QLabel(&window);
    window.statusBar()->addWidget(status);
    window.resize(1300, 850);
    window.setWindowTitle(u"console_flood"_s);
    window.show();

    QTimer statusTimer;
    QObject::connect(&statusTimer, &QTimer::timeout, &window, [&] {
        status->setText(u"%1 messages, %2 topics, %3 msg/s, history %4 messages (%5 MB)"_s.arg(tree.totalMessageCount())
                            .arg(tree.topicCount())
                            .arg(tree.index(0, TopicTreeModel::RateColumn).data().toString())
                            .arg(history.messageCount())
                            .arg(history.bytesHeld() / (1024 * 1024)));
    });
    statusTimer.start(500);
    if (expandDepth >= 0)
        QTimer::singleShot(1000, treeView, [treeView, expandDepth] { treeView->expandToDepth(expandDepth); });

    // The generator on its own thread; batches arrive through queued connections.
    QThread generatorThread;
    auto* generator = new FloodGenerator(settings);
    generator->moveToThread(&generatorThread);
    QObject::connect(&generatorThread, &QThread::finished, generator, &QObject::deleteLater);
    QObject::connect(generator, &FloodGenerator::batchReady, &tree, &TopicTreeModel::ingest, Qt::QueuedConnection);
    QObject::connect(generator, &FloodGenerator::batchReady, &history, &TopicHistoryStore::ingest, Qt::QueuedConnection);

    StallMeter stalls;
    quint64 generated = 0;
    QObject::connect(generator, &FloodGenerator::finished, &app, [&](quint64 count) {
        generated = count;
        // Let the last queued batches and the tree's last tick land, then report.
        QTimer::singleShot(200, &app, [&] {
            stalls.stop();
            tree.applyPending();
            app.quit();
        });
    }, Qt::QueuedConnection);
    QObject::connect(&generatorThread, &QThread::started, generator, &FloodGenerator::start);

    QTimer::singleShot(0, &app, [&] {
        stalls.start();
        generatorThread.start();
    });
    const int exitCode = app.exec();
    generatorThread.quit();
    generatorThread.wait();
    if (exitCode != 0)
        return exitCode;

    const double p50 = stalls.percentile(0.50);
    const double p99 = stalls.percentile(0.99);
    const double worst = stalls.percentile(1.0);
    const qint64 rssMiB = peakRssKiB() / 1024;
    const bool stallOk = p99 < 50.0;
    const bool rssOk = rssMiB >= 0 && rssMiB < 500;
    std::printf("console_flood: %d msg/s over %d topics for %d s (payload ~%d bytes, sort column %d, filter '%s', "
                "expand depth %d, %s)\n",
                settings.messagesPerSecond, settings.topics, settings.durationSeconds, settings.payloadBytes, sortColumn,
                qPrintable(proxy.filterText()), expandDepth, plainView ? "QTreeView" : "LiveTreeView");
    std::printf("messages: generated %llu, applied to the tree %llu, topics %d; history holds %lld messages, %lld MB accounted\n",
                static_cast<unsigned long long>(generated), static_cast<unsigned long long>(tree.totalMessageCount()),
                tree.topicCount(), history.messageCount(), history.bytesHeld() / (1024 * 1024));
    std::printf("GUI stalls (lateness of a 10 ms timer, %zu samples): p50 %.2f ms, p99 %.2f ms, max %.2f ms\n",
                stalls.samples(), p50, p99, worst);
    std::printf("peak RSS (VmHWM): %lld MB\n", rssMiB);
    std::printf("targets: p99 stall < 50 ms %s; peak RSS < 500 MB %s\n", stallOk ? "PASS" : "FAIL", rssOk ? "PASS" : "FAIL");
    return stallOk && rssOk && tree.totalMessageCount() == generated ? 0 : 1;
}
