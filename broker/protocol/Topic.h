#pragma once
// Topic names and topic filters as small value types (§4.7), and the parsed form of a
// shared subscription "$share/<group>/<filter>" (§4.8.2).

#include <QString>
#include <QStringList>
#include <optional>

namespace bs::mqtt {

class TopicName
{
public:
    TopicName() = default;
    explicit TopicName(QString name) : m_name(std::move(name)) {}

    /// Non-empty, at most 65,535 UTF-8 bytes, no '+' or '#' (§4.7.3, MQTT-3.3.2-2).
    bool isValid() const;
    bool isSystem() const { return m_name.startsWith(u'$'); }
    const QString& toString() const { return m_name; }
    QStringList levels() const { return m_name.split(u'/'); }

    friend bool operator==(const TopicName&, const TopicName&) = default;

private:
    QString m_name;
};

class TopicFilter
{
public:
    TopicFilter() = default;
    explicit TopicFilter(QString filter) : m_filter(std::move(filter)) {}

    /// Non-empty; '#' only as the whole last level; '+' only as a whole level (§4.7.1).
    bool isValid() const;
    bool hasWildcards() const;
    /// True when the topic name matches; wildcards at the first level do not match
    /// names starting with '$' (§4.7.2).
    bool match(const TopicName& name) const;
    const QString& toString() const { return m_filter; }

    friend bool operator==(const TopicFilter&, const TopicFilter&) = default;

private:
    QString m_filter;
};

struct SharedFilter
{
    QString group;      ///< Empty when the filter is not a shared subscription.
    TopicFilter filter; ///< The filter without the $share/<group>/ prefix.
    bool isShared() const { return !group.isEmpty(); }
};

/// Splits "$share/<group>/<filter>". A "$share/..." string that is not a valid shared
/// subscription (empty group, group with wildcards, no filter) returns nullopt.
std::optional<SharedFilter> parseSubscriptionFilter(const QString& text);

} // namespace bs::mqtt
