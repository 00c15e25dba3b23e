#pragma once
// Which topics hold dead letters on a broker that has no dead-letter API of its own
// (convention mode), and where each letter came from. A pattern is an MQTT topic filter
// (default dlq/#, +/dlq/#, $DLQ/#); a message on a matching topic is a dead letter.
//
// Its original topic is the user property dlq-original-topic (our engine's name, which
// other tools can set too), else what the pattern's trailing '#' matched:
//   $DLQ/<group>/<rest> -> rest (the engine's layout: the level after $DLQ is the group)
//   dlq/<rest>          -> rest
//   <svc>/dlq/<rest>    -> rest
// Its source (shown as the group) is dlq-group, else the level a leading '+' matched
// (<svc>), else the $DLQ group, else empty.

#include "broker/protocol/Topic.h"
#include "client/MqttMessage.h"

#include <QList>
#include <QStringList>

namespace bs::models {

class DeadLetterPatterns
{
public:
    static const QStringList& defaultPatterns();
    static constexpr QStringView kOriginalTopicProperty = u"dlq-original-topic";
    static constexpr QStringView kGroupProperty = u"dlq-group";
    static constexpr QStringView kEnginePrefix = u"$DLQ/";

    DeadLetterPatterns() : DeadLetterPatterns(defaultPatterns()) {}
    explicit DeadLetterPatterns(const QStringList& patterns);

    /// Parses "dlq/#, +/dlq/#" (commas or white space between patterns). Invalid filters
    /// are left out and named in *error.
    static DeadLetterPatterns fromText(const QString& text, QString* error = nullptr);
    QString toText() const;

    QStringList patterns() const;
    bool isEmpty() const { return m_filters.isEmpty(); }
    /// The patterns starting with '$': a '#' subscription never receives them (§4.7.2),
    /// so whoever shows dead letters subscribes these itself.
    QStringList systemFilters() const;

    /// The first pattern the topic matches, or -1.
    int matchIndex(const QString& topic) const;
    bool matches(const QString& topic) const { return matchIndex(topic) >= 0; }

    /// Empty when the message does not say and the topic has no level after the prefix.
    QString originalTopic(const client::MqttMessage& message) const;
    QString source(const client::MqttMessage& message) const;

private:
    struct Split
    {
        QString source;
        QString rest;
    };
    Split split(const QString& topic) const;

    QList<mqtt::TopicFilter> m_filters;
};

/// The value of the first user property with that name, or a null string.
QString userPropertyValue(const client::MqttMessage& message, QStringView name);

} // namespace bs::models
