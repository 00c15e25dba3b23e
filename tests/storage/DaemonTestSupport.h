#pragma once
// Helpers for the tests that run the brokerscope-broker daemon on a data directory: config
// files, the start-up "recovered ..." line, and raw MQTT publishes with their PUBACK.

#include "raw/RawClient.h"

#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTest>
#include <optional>

using namespace Qt::StringLiterals;

namespace daemon_test {

/// Writes lines to dir/name and returns the path (empty when it cannot be written).
inline QString writeConfigFile(const QString& dir, const QString& name, const QStringList& lines)
{
    const QString path = QDir(dir).filePath(name);
    QFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate))
        return {};
    file.write((lines.join(u'\n') + u'\n').toUtf8());
    return path;
}

/// "brokerscope.storage: recovered N messages in M topics from DIR in X ms (fsync P)"
struct RecoveredLine
{
    qint64 messages = 0;
    int topics = 0;
    QString directory;
    QString fsync;
};

inline std::optional<RecoveredLine> findRecoveredLine(const QString& log)
{
    static const QRegularExpression pattern(
        u"^brokerscope\\.storage: recovered (\\d+) messages in (\\d+) topics from (.+) in \\d+ ms"
        u" \\(fsync (\\w+)\\)$"_s,
        QRegularExpression::MultilineOption);
    const QRegularExpressionMatch match = pattern.match(log);
    if (!match.hasMatch())
        return std::nullopt;
    return RecoveredLine{match.captured(1).toLongLong(), match.captured(2).toInt(), match.captured(3),
                         match.captured(4)};
}

/// The log lines that contain text (for failure messages and checks).
inline QStringList linesContaining(const QString& log, const QString& text)
{
    QStringList found;
    for (const QString& line : log.split(u'\n')) {
        if (line.contains(text))
            found << line;
    }
    return found;
}

/// Publishes one QoS 1 message and returns the broker's next packet (a PUBACK, reason code
/// 0 for v3.1.1, when all is well), or nullopt when the connection closed or nothing came
/// in time. For clients that subscribe to nothing.
inline std::optional<bs::raw::Packet> publishQos1(bs::raw::RawClient& client, const QByteArray& topic,
                                                  const QByteArray& payload, quint16 packetId,
                                                  int timeoutMs = 3000)
{
    bs::raw::PublishOptions options;
    options.topic = topic;
    options.payload = payload;
    options.qos = 1;
    options.packetId = packetId;
    if (!client.send(client.packets().publish(options)))
        return std::nullopt;
    return client.readPacket(timeoutMs);
}

} // namespace daemon_test

using namespace daemon_test;
