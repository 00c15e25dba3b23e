// brokerscope-broker: the engine as a headless daemon. Prints where it listens, and exits
// cleanly on SIGINT/SIGTERM. Exit status: 0 after a signal, 1 when it cannot start
// (port in use, data directory unusable), 2 for a bad command line or config file.

#include "broker/Broker.h"
#include "broker/daemon/SignalWatcher.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QDir>
#include <QLockFile>
#include <cstdio>
#include <memory>

using bs::broker::Broker;
using bs::broker::BrokerConfig;

namespace {

void printError(const QString& text)
{
    std::fprintf(stderr, "brokerscope-broker: %s\n", qUtf8Printable(text));
}

/// Builds the config from the file (if any), then the command-line overrides.
std::optional<BrokerConfig> configFromCommandLine(const QCommandLineParser& parser)
{
    BrokerConfig config;
    if (parser.isSet(QStringLiteral("config"))) {
        QString error;
        auto fromFile = BrokerConfig::fromFile(parser.value(QStringLiteral("config")), &error);
        if (!fromFile) {
            printError(error);
            return std::nullopt;
        }
        config = *fromFile;
    } else {
        config.port = 1883;
    }
    if (parser.isSet(QStringLiteral("address")) &&
        !config.address.setAddress(parser.value(QStringLiteral("address")))) {
        printError(QStringLiteral("--address: '%1' is not an IP address").arg(parser.value(QStringLiteral("address"))));
        return std::nullopt;
    }
    if (parser.isSet(QStringLiteral("port"))) {
        bool ok = false;
        const uint port = parser.value(QStringLiteral("port")).toUInt(&ok);
        if (!ok || port > 65535) {
            printError(QStringLiteral("--port: '%1' is not a port number").arg(parser.value(QStringLiteral("port"))));
            return std::nullopt;
        }
        config.port = quint16(port);
    }
    if (parser.isSet(QStringLiteral("data-dir")))
        config.dataDirectory = parser.value(QStringLiteral("data-dir"));
    if (parser.isSet(QStringLiteral("sys-interval"))) {
        bool ok = false;
        const int seconds = parser.value(QStringLiteral("sys-interval")).toInt(&ok);
        if (!ok || seconds < 0) {
            printError(QStringLiteral("--sys-interval: '%1' is not a number of seconds").arg(parser.value(QStringLiteral("sys-interval"))));
            return std::nullopt;
        }
        config.sysIntervalSeconds = seconds;
    }
    return config;
}

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName(QStringLiteral("brokerscope-broker"));
    QCoreApplication::setApplicationVersion(QStringLiteral(BROKERSCOPE_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Brokerscope's MQTT 3.1.1/5.0 broker engine."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addOptions({
        {QStringLiteral("address"), QStringLiteral("Listen address (default 127.0.0.1)."), QStringLiteral("ip")},
        {QStringLiteral("port"), QStringLiteral("Listen port (default 1883; 0 picks a free port)."), QStringLiteral("port")},
        {QStringLiteral("data-dir"), QStringLiteral("Data directory."), QStringLiteral("dir")},
        {QStringLiteral("config"), QStringLiteral("Config file (Mosquitto-style 'key value' lines)."), QStringLiteral("file")},
        {QStringLiteral("sys-interval"), QStringLiteral("Seconds between $SYS updates (0: off)."), QStringLiteral("seconds")},
    });
    if (!parser.parse(QCoreApplication::arguments())) {
        printError(parser.errorText());
        return 2;
    }
    if (parser.isSet(QStringLiteral("help")))
        parser.showHelp(0);
    if (parser.isSet(QStringLiteral("version")))
        parser.showVersion();
    if (!parser.positionalArguments().isEmpty()) {
        printError(QStringLiteral("unexpected argument '%1'").arg(parser.positionalArguments().first()));
        return 2;
    }
    const std::optional<BrokerConfig> config = configFromCommandLine(parser);
    if (!config)
        return 2;

    std::unique_ptr<QLockFile> lock;
    if (!config->dataDirectory.isEmpty()) {
        if (!QDir().mkpath(config->dataDirectory)) {
            printError(QStringLiteral("cannot create data directory %1").arg(config->dataDirectory));
            return 1;
        }
        lock = std::make_unique<QLockFile>(QDir(config->dataDirectory).filePath(QStringLiteral("brokerscope.lock")));
        lock->setStaleLockTime(0);
        if (!lock->tryLock(0)) {
            printError(QStringLiteral("data directory %1 is in use by another broker").arg(config->dataDirectory));
            return 1;
        }
    }

    Broker broker(*config);
    QString error;
    if (!broker.start(&error)) {
        printError(error);
        return 1;
    }
    std::printf("brokerscope-broker: listening on %s:%u\n",
                qUtf8Printable(broker.address().toString()), unsigned(broker.port()));
    std::fflush(stdout);

    bs::broker::SignalWatcher signalWatcher({SIGINT, SIGTERM});
    QObject::connect(&signalWatcher, &bs::broker::SignalWatcher::signalled, &app, [&](int signal) {
        std::printf("brokerscope-broker: signal %d, stopping\n", signal);
        std::fflush(stdout);
        broker.stop();
        app.quit();
    });
    return app.exec();
}
