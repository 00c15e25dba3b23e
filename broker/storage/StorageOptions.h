#pragma once
// How the engine keeps its message logs: the fsync policy (what a crash can cost) and
// retention (how much history stays on disk). Parsed from the broker config file.

#include "broker/protocol/Topic.h"

#include <QList>
#include <QString>
#include <optional>

namespace bs::storage {

enum class FsyncPolicy : quint8
{
    Always,   ///< fsync before acknowledging; one fsync covers every publish of a batch.
    Interval, ///< written to the file before acknowledging, fsynced every interval.
    Never,    ///< written to the file before acknowledging; the OS decides when to sync.
};

/// Limits for topics matching a filter; -1 means "no limit of this kind".
struct RetentionRule
{
    mqtt::TopicFilter filter;
    qint64 maxBytes = -1;
    qint64 maxAgeMs = -1;
};

struct StorageOptions
{
    FsyncPolicy fsync = FsyncPolicy::Interval;
    int fsyncIntervalMs = 1000;
    qint64 totalMaxBytes = 1024LL * 1024 * 1024;      ///< All logs together.
    qint64 maxAgeMs = 7LL * 24 * 3600 * 1000;         ///< Default age limit per topic.
    QList<RetentionRule> rules;                       ///< First match wins, per topic.
    qint64 segmentBytes = 16 * 1024 * 1024;
    qint64 segmentMaxAgeMs = 3600 * 1000;             ///< A segment rolls after an hour.
    int maxOpenLogs = 256;                            ///< Idle logs beyond this are closed.

    /// The age limit and byte limit that apply to one topic.
    qint64 maxAgeFor(const QString& topic) const;
    qint64 maxBytesFor(const QString& topic) const;
};

QString fsyncPolicyName(FsyncPolicy policy);
std::optional<FsyncPolicy> parseFsyncPolicy(const QString& text);
/// "512", "64K", "10M", "1G" (powers of 1024); nullopt when not a size.
std::optional<qint64> parseByteSize(const QString& text);
/// "500ms", "30s", "15m", "12h", "7d" (a bare number is seconds); nullopt otherwise.
std::optional<qint64> parseDurationMs(const QString& text);

} // namespace bs::storage
