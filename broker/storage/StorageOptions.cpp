#include "broker/storage/StorageOptions.h"

#include <QRegularExpression>

using namespace Qt::StringLiterals;

namespace bs::storage {

namespace {

const RetentionRule* ruleFor(const QList<RetentionRule>& rules, const QString& topic)
{
    const mqtt::TopicName name(topic);
    for (const RetentionRule& rule : rules) {
        if (rule.filter.match(name))
            return &rule;
    }
    return nullptr;
}

std::optional<qint64> parseNumberWithUnit(const QString& text,
                                          const QList<std::pair<QString, qint64>>& units,
                                          qint64 bareUnit)
{
    static const QRegularExpression pattern(u"^([0-9]+)([a-zA-Z]*)$"_s);
    const QRegularExpressionMatch match = pattern.match(text.trimmed());
    if (!match.hasMatch())
        return std::nullopt;
    bool ok = false;
    const qint64 number = match.captured(1).toLongLong(&ok);
    if (!ok)
        return std::nullopt;
    const QString unit = match.captured(2).toLower();
    qint64 factor = 0;
    if (unit.isEmpty()) {
        factor = bareUnit;
    } else {
        for (const auto& [name, value] : units) {
            if (unit == name)
                factor = value;
        }
    }
    if (factor == 0 || number > std::numeric_limits<qint64>::max() / factor)
        return std::nullopt;
    return number * factor;
}

} // namespace

qint64 StorageOptions::maxAgeFor(const QString& topic) const
{
    const RetentionRule* rule = ruleFor(rules, topic);
    return rule && rule->maxAgeMs >= 0 ? rule->maxAgeMs : maxAgeMs;
}

qint64 StorageOptions::maxBytesFor(const QString& topic) const
{
    const RetentionRule* rule = ruleFor(rules, topic);
    return rule ? rule->maxBytes : -1;
}

QString fsyncPolicyName(FsyncPolicy policy)
{
    switch (policy) {
    case FsyncPolicy::Always:
        return u"always"_s;
    case FsyncPolicy::Interval:
        return u"interval"_s;
    case FsyncPolicy::Never:
        return u"never"_s;
    }
    return {};
}

std::optional<FsyncPolicy> parseFsyncPolicy(const QString& text)
{
    for (FsyncPolicy policy : {FsyncPolicy::Always, FsyncPolicy::Interval, FsyncPolicy::Never}) {
        if (text == fsyncPolicyName(policy))
            return policy;
    }
    return std::nullopt;
}

std::optional<qint64> parseByteSize(const QString& text)
{
    return parseNumberWithUnit(text,
                               {{u"b"_s, 1}, {u"k"_s, 1024}, {u"kb"_s, 1024},
                                {u"m"_s, 1024 * 1024}, {u"mb"_s, 1024 * 1024},
                                {u"g"_s, 1024LL * 1024 * 1024}, {u"gb"_s, 1024LL * 1024 * 1024},
                                {u"t"_s, 1024LL * 1024 * 1024 * 1024}},
                               1);
}

std::optional<qint64> parseDurationMs(const QString& text)
{
    return parseNumberWithUnit(text,
                               {{u"ms"_s, 1}, {u"s"_s, 1000}, {u"m"_s, 60 * 1000},
                                {u"h"_s, 3600 * 1000}, {u"d"_s, 24LL * 3600 * 1000},
                                {u"w"_s, 7LL * 24 * 3600 * 1000}},
                               1000);
}

} // namespace bs::storage
