#pragma once
// Where a replay sends dead letters (README: replayDeadLetters): back to the failed
// group's backlog only (Group, the default), to the original topic where every
// subscriber sees it again (Original), or to another topic (Topic). An edit (one letter
// only) replaces payload, user properties and content type; force passes the loop guard.

#include "client/MqttMessage.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>

namespace bs::models {

struct ReplayTarget
{
    enum class Kind : quint8
    {
        Group,
        Original,
        Topic,
    };

    Kind kind = Kind::Group;
    QString topic;     ///< Kind::Topic only.
    QJsonObject edit;  ///< {payload | payloadBase64, userProperties, contentType}; empty: none.
    bool force = false;

    /// The request fields: target, toTopic, edit, force.
    QJsonObject toJson() const;
    /// "group", "original" or the topic: what the engine records as lastReplayTarget.
    QString markText() const;
    /// "312 messages back to group payment", "3 messages republished to their original
    /// topics", "1 message published to audit/retry".
    /// groups: the groups the letters failed in (for Kind::Group).
    QString describe(qint64 count, const QStringList& groups) const;
    /// Applies `edit` to a message the console publishes itself (convention mode).
    void applyEdit(client::MqttMessage& message) const;
};

} // namespace bs::models
