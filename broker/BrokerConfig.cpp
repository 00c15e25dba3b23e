#include "broker/BrokerConfig.h"

#include <QFile>
#include <QRegularExpression>

namespace bs::broker {

namespace {

/// Reads an unsigned number in [minimum, maximum]; on failure sets *error.
bool readNumber(const QString& text, quint64 minimum, quint64 maximum, quint64* out, QString* error)
{
    bool ok = false;
    const quint64 value = text.toULongLong(&ok);
    if (!ok || value < minimum || value > maximum) {
        *error = QStringLiteral("'%1' is not a number from %2 to %3").arg(text).arg(minimum).arg(maximum);
        return false;
    }
    *out = value;
    return true;
}

/// Storage keys. Returns false when key is not one of them; true with *error set when
/// it is but the value is wrong.
bool applyStorageOption(storage::StorageOptions& options, const QString& key,
                        const QString& value, QString* error)
{
    auto fail = [&](const QString& what) {
        *error = QStringLiteral("'%1' is not %2").arg(value, what);
        return true;
    };
    if (key == u"fsync") {
        const auto policy = storage::parseFsyncPolicy(value);
        if (!policy)
            return fail(QStringLiteral("an fsync policy (always, interval, never)"));
        options.fsync = *policy;
    } else if (key == u"fsync_interval") {
        const auto ms = storage::parseDurationMs(value);
        if (!ms || *ms < 1 || *ms > 3'600'000)
            return fail(QStringLiteral("a duration from 1ms to 1h"));
        options.fsyncIntervalMs = int(*ms);
    } else if (key == u"retention_bytes") {
        const auto bytes = storage::parseByteSize(value);
        if (!bytes)
            return fail(QStringLiteral("a size (e.g. 500M, 1G)"));
        options.totalMaxBytes = *bytes;
    } else if (key == u"retention_age") {
        const auto ms = storage::parseDurationMs(value);
        if (!ms)
            return fail(QStringLiteral("a duration (e.g. 12h, 7d)"));
        options.maxAgeMs = *ms;
    } else if (key == u"segment_bytes") {
        const auto bytes = storage::parseByteSize(value);
        if (!bytes || *bytes < 4096)
            return fail(QStringLiteral("a size of at least 4K"));
        options.segmentBytes = *bytes;
    } else {
        return false;
    }
    return true;
}

bool applyOption(BrokerConfig& config, const QString& key, const QStringList& args, QString* error)
{
    auto needArgs = [&](qsizetype minimum, qsizetype maximum) {
        if (args.size() < minimum || args.size() > maximum) {
            *error = QStringLiteral("'%1' takes %2 value(s)").arg(key).arg(minimum == maximum ? QString::number(minimum) : QStringLiteral("%1 to %2").arg(minimum).arg(maximum));
            return false;
        }
        return true;
    };
    quint64 n = 0;
    if (key == u"listener") {
        if (!needArgs(1, 2) || !readNumber(args[0], 0, 65535, &n, error))
            return false;
        config.port = quint16(n);
        if (args.size() == 2) {
            QHostAddress address;
            if (!address.setAddress(args[1])) {
                *error = QStringLiteral("'%1' is not an IP address").arg(args[1]);
                return false;
            }
            config.address = address;
        }
        return true;
    }
    if (key == u"retention_topic") {
        // retention_topic <filter> <max bytes|-> <max age|->
        if (!needArgs(3, 3))
            return false;
        storage::RetentionRule rule;
        rule.filter = mqtt::TopicFilter(args[0]);
        if (!rule.filter.isValid()) {
            *error = QStringLiteral("'%1' is not a topic filter").arg(args[0]);
            return false;
        }
        if (args[1] != u"-") {
            const auto bytes = storage::parseByteSize(args[1]);
            if (!bytes) {
                *error = QStringLiteral("'%1' is not a size (e.g. 100M, 2G)").arg(args[1]);
                return false;
            }
            rule.maxBytes = *bytes;
        }
        if (args[2] != u"-") {
            const auto age = storage::parseDurationMs(args[2]);
            if (!age) {
                *error = QStringLiteral("'%1' is not a duration (e.g. 30m, 12h, 7d)").arg(args[2]);
                return false;
            }
            rule.maxAgeMs = *age;
        }
        config.storage.rules.append(rule);
        return true;
    }
    if (!needArgs(1, 1))
        return false;
    const QString& value = args[0];
    if (applyStorageOption(config.storage, key, value, error))
        return error->isEmpty();
    if (key == u"data_directory" || key == u"persistence_location") {
        config.dataDirectory = value;
        return true;
    }
    if (key == u"receive_maximum" || key == u"max_inflight_messages") {
        if (!readNumber(value, 1, 65535, &n, error))
            return false;
        config.receiveMaximum = quint16(n);
    } else if (key == u"max_packet_size") {
        if (!readNumber(value, 0, 268'435'460, &n, error))
            return false;
        config.maximumPacketSize = quint32(n);
    } else if (key == u"max_topic_alias") {
        if (!readNumber(value, 0, 65535, &n, error))
            return false;
        config.topicAliasMaximum = quint16(n);
    } else if (key == u"max_queued_messages") {
        if (!readNumber(value, 0, 1'000'000'000, &n, error))
            return false;
        config.maxQueuedMessages = quint32(n);
    } else if (key == u"max_keepalive") {
        if (!readNumber(value, 0, 65535, &n, error))
            return false;
        config.maxKeepAlive = quint16(n);
    } else if (key == u"admin_access") {
        if (value == u"loopback")
            config.adminAccess = AdminAccess::Loopback;
        else if (value == u"all")
            config.adminAccess = AdminAccess::All;
        else if (value == u"none")
            config.adminAccess = AdminAccess::None;
        else {
            *error = QStringLiteral("'%1' is not loopback, all or none").arg(value);
            return false;
        }
    } else if (key == u"group_max_deliveries") {
        if (!readNumber(value, 1, 1000, &n, error))
            return false;
        config.groupMaxDeliveries = int(n);
    } else if (key == u"dlq_max_replays") {
        if (!readNumber(value, 0, 1000, &n, error))
            return false;
        config.deadLetterMaxReplays = int(n);
    } else if (key == u"group_max_lag") {
        if (!readNumber(value, 0, 1'000'000'000'000, &n, error))
            return false;
        config.groupMaxLag = n;
    } else if (key == u"group_stats_interval") {
        const auto ms = storage::parseDurationMs(value);
        if (!ms || *ms > 3'600'000) {
            *error = QStringLiteral("'%1' is not a duration up to 1h (0 disables)").arg(value);
            return false;
        }
        config.groupStatsIntervalMs = int(*ms);
    } else if (key == u"sys_interval") {
        if (!readNumber(value, 0, 86400, &n, error))
            return false;
        config.sysIntervalSeconds = int(n);
    } else {
        *error = QStringLiteral("unknown option '%1'").arg(key);
        return false;
    }
    return true;
}

} // namespace

std::optional<BrokerConfig> BrokerConfig::parse(const QString& text, QString* error)
{
    BrokerConfig config;
    static const QRegularExpression whitespace(QStringLiteral("\\s+"));
    const QStringList lines = text.split(u'\n');
    for (qsizetype i = 0; i < lines.size(); ++i) {
        const QString line = lines[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        QStringList words = line.split(whitespace, Qt::SkipEmptyParts);
        const QString key = words.takeFirst();
        QString why;
        if (!applyOption(config, key, words, &why)) {
            if (error)
                *error = QStringLiteral("line %1: %2").arg(i + 1).arg(why);
            return std::nullopt;
        }
    }
    return config;
}

std::optional<BrokerConfig> BrokerConfig::fromFile(const QString& path, QString* error)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error)
            *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    QString why;
    auto config = parse(QString::fromUtf8(file.readAll()), &why);
    if (!config && error)
        *error = path + QStringLiteral(": ") + why;
    return config;
}

} // namespace bs::broker
