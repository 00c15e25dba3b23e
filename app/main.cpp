// brokerscope: the console. Starts the embedded broker on its own thread and connects to
// it, so the first window is a working one.

#include "app/ConsoleSession.h"
#include "app/MainWindow.h"
#include "ui/groups/GroupsPage.h"
#include "client/MqttClient.h"
#include "ui/pages/TopicExplorerPage.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

int main(int argc, char* argv[])
{
    bs::app::ConsoleOptions options;
    options.sinceLaunch.start();
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("Brokerscope"));
    QApplication::setApplicationName(QStringLiteral("brokerscope"));
    QApplication::setApplicationDisplayName(QStringLiteral("Brokerscope"));
    QApplication::setApplicationVersion(QStringLiteral(BROKERSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Brokerscope, a console for message brokers."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("port"), QStringLiteral("Embedded broker port (default 1883; a free port when taken)."), QStringLiteral("port")},
        {QStringLiteral("data-dir"), QStringLiteral("Embedded broker data directory."), QStringLiteral("dir")},
        {QStringLiteral("no-embedded"), QStringLiteral("Do not start the embedded broker.")},
        {QStringLiteral("select-topic"), QStringLiteral("Select this topic once it appears."), QStringLiteral("topic")},
        {QStringLiteral("report-startup"), QStringLiteral("Print the time from launch to connected.")},
        {QStringLiteral("page"), QStringLiteral("Open on this page: topics, groups, deadletters, overview, demo."), QStringLiteral("page")},
        {QStringLiteral("demo"), QStringLiteral("Start a teaching demo with the embedded broker: black-friday."), QStringLiteral("scenario")},
        {QStringLiteral("select-groups"), QStringLiteral("On the groups page, select these groups (comma-separated) once they appear."), QStringLiteral("groups")},
    });
    parser.process(app);
    if (parser.isSet(QStringLiteral("port")))
        options.embeddedPort = quint16(parser.value(QStringLiteral("port")).toUInt());
    options.dataDirectory = parser.value(QStringLiteral("data-dir"));
    options.startEmbedded = !parser.isSet(QStringLiteral("no-embedded"));

    bs::app::ConsoleSession session(options);
    bs::app::MainWindow window(session);
    if (parser.isSet(QStringLiteral("report-startup"))) {
        QObject::connect(&session, &bs::app::ConsoleSession::firstConnected, [](qint64 ms) {
            std::printf("brokerscope: connected to the broker %lld ms after launch\n", static_cast<long long>(ms));
            std::fflush(stdout);
        });
    }
    const QString selectTopic = parser.value(QStringLiteral("select-topic"));
    if (!selectTopic.isEmpty()) {
        auto* poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, selectTopic] {
            if (window.topicsPage()->selectTopic(selectTopic))
                poll->stop();
        });
        poll->start(200);
    }
    if (parser.isSet(QStringLiteral("page")) && !window.showPage(parser.value(QStringLiteral("page"))))
        std::fprintf(stderr, "brokerscope: unknown page '%s'\n", qPrintable(parser.value(QStringLiteral("page"))));
    const QStringList selectGroups = parser.value(QStringLiteral("select-groups")).split(u',', Qt::SkipEmptyParts);
    if (!selectGroups.isEmpty()) {
        auto* poll = new QTimer(&window);
        QObject::connect(poll, &QTimer::timeout, &window, [&window, poll, selectGroups] {
            window.groupsPage()->selectGroups(selectGroups);
            if (window.groupsPage()->selectedGroups().size() == selectGroups.size())
                poll->stop();
        });
        poll->start(500);
    }
    if (parser.isSet(QStringLiteral("demo"))) {
        if (parser.value(QStringLiteral("demo")) != u"black-friday") {
            std::fprintf(stderr, "brokerscope: unknown demo '%s' (there is: black-friday)\n",
                         qPrintable(parser.value(QStringLiteral("demo"))));
            return 2;
        }
        if (!parser.isSet(QStringLiteral("page")))
            window.showPage(QStringLiteral("demo"));
        session.startDemo();
    }
    window.show();
    session.start();
    return app.exec();
}
