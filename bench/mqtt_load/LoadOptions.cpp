#include "LoadOptions.h"

#include <QCommandLineParser>
#include <cstdio>

namespace bs::bench {

namespace {

bool fail(const QString& message)
{
    std::fprintf(stderr, "mqtt_load: %s\n", qUtf8Printable(message));
    return false;
}

bool readInt(const QCommandLineParser& parser, const QString& name, int minimum, int maximum,
             int& out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const int value = parser.value(name).toInt(&ok);
    if (!ok || value < minimum || value > maximum)
        return fail(QStringLiteral("--%1 must be an integer in [%2, %3]").arg(name).arg(minimum).arg(maximum));
    out = value;
    return true;
}

bool readDouble(const QCommandLineParser& parser, const QString& name, double& out)
{
    if (!parser.isSet(name))
        return true;
    bool ok = false;
    const double value = parser.value(name).toDouble(&ok);
    if (!ok || value <= 0)
        return fail(QStringLiteral("--%1 must be a positive number").arg(name));
    out = value;
    return true;
}

} // namespace

std::optional<LoadOptions> parseLoadOptions(const QStringList& arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral("Load generator for an MQTT 5 broker on loopback."));
    parser.addHelpOption();
    auto add = [&](const char* name, const char* help, const char* valueName) {
        parser.addOption({QString::fromLatin1(name), QString::fromLatin1(help), QString::fromLatin1(valueName)});
    };
    add("host", "Broker address (loopback).", "address");
    add("port", "Broker port.", "port");
    add("publishers", "Number of publishing connections.", "n");
    add("subscribers", "Number of subscribing connections.", "m");
    add("qos", "QoS of publishes and subscriptions (0, 1 or 2).", "qos");
    add("payload-bytes", "Payload size (at least 16: timestamp, publisher, sequence).", "bytes");
    add("duration", "Publishing time in seconds.", "seconds");
    add("rate", "Messages per second per publisher; 0 = as fast as the window allows.", "r");
    add("window", "Unacknowledged QoS>0 messages per publisher, and the Receive Maximum every client announces (default 100).", "n");
    add("shared", "Subscribers join $share/GROUP/<filter>.", "group");
    add("topic-prefix", "Topics are <prefix>/p<i>; subscribers use <prefix>/#.", "prefix");
    add("threads", "Worker threads for the clients (default 2).", "n");
    add("drain", "Seconds to wait for deliveries after publishing stops (default 5).", "seconds");
    add("label", "Text echoed in the RESULT line.", "text");
    parser.process(arguments);

    LoadOptions o;
    int port = o.port;
    int qos = o.qos;
    if (parser.isSet(QStringLiteral("host")))
        o.host = parser.value(QStringLiteral("host"));
    if (!readInt(parser, QStringLiteral("port"), 1, 65535, port)
        || !readInt(parser, QStringLiteral("publishers"), 0, 10000, o.publishers)
        || !readInt(parser, QStringLiteral("subscribers"), 0, 10000, o.subscribers)
        || !readInt(parser, QStringLiteral("qos"), 0, 2, qos)
        || !readInt(parser, QStringLiteral("payload-bytes"), 16, 64 * 1024 * 1024, o.payloadBytes)
        || !readInt(parser, QStringLiteral("rate"), 0, 10'000'000, o.ratePerPublisher)
        || !readInt(parser, QStringLiteral("window"), 1, 65535, o.window)
        || !readInt(parser, QStringLiteral("threads"), 1, 64, o.threads)
        || !readDouble(parser, QStringLiteral("duration"), o.durationSeconds)
        || !readDouble(parser, QStringLiteral("drain"), o.drainSeconds))
        return std::nullopt;
    o.port = quint16(port);
    o.qos = quint8(qos);
    if (parser.isSet(QStringLiteral("shared")))
        o.sharedGroup = parser.value(QStringLiteral("shared"));
    if (parser.isSet(QStringLiteral("topic-prefix")))
        o.topicPrefix = parser.value(QStringLiteral("topic-prefix"));
    o.label = parser.value(QStringLiteral("label"));
    if (o.publishers + o.subscribers == 0) {
        fail(QStringLiteral("nothing to do: no publishers and no subscribers"));
        return std::nullopt;
    }
    return o;
}

} // namespace bs::bench
