#include "models/deadletters/ReplayTarget.h"

#include <QJsonArray>

using namespace Qt::StringLiterals;

namespace bs::models {

QJsonObject ReplayTarget::toJson() const
{
    QJsonObject json{{u"target"_s, kind == Kind::Group ? u"group"_s : kind == Kind::Original ? u"original"_s : u"topic"_s}};
    if (kind == Kind::Topic)
        json.insert(u"toTopic"_s, topic);
    if (!edit.isEmpty())
        json.insert(u"edit"_s, edit);
    if (force)
        json.insert(u"force"_s, true);
    return json;
}

QString ReplayTarget::markText() const
{
    return kind == Kind::Group ? u"group"_s : kind == Kind::Original ? u"original"_s : topic;
}

QString ReplayTarget::describe(qint64 count, const QStringList& groups) const
{
    const QString messages = count == 1 ? u"1 message"_s : u"%1 messages"_s.arg(count);
    switch (kind) {
    case Kind::Group:
        if (groups.size() == 1)
            return messages + u" back to group "_s + groups.first();
        return messages + u" back to their groups ("_s + groups.join(u", "_s) + u')';
    case Kind::Original:
        return messages + (count == 1 ? u" republished to its original topic"_s : u" republished to their original topics"_s);
    case Kind::Topic:
        return messages + u" published to "_s + topic;
    }
    return messages;
}

void ReplayTarget::applyEdit(client::MqttMessage& message) const
{
    if (edit.contains(u"payloadBase64"_s))
        message.payload = QByteArray::fromBase64(edit.value(u"payloadBase64"_s).toString().toLatin1());
    else if (edit.contains(u"payload"_s))
        message.payload = edit.value(u"payload"_s).toString().toUtf8();
    if (edit.contains(u"contentType"_s))
        message.properties.contentType = edit.value(u"contentType"_s).toString();
    if (edit.contains(u"userProperties"_s)) {
        message.properties.userProperties.clear();
        for (const QJsonValue& property : edit.value(u"userProperties"_s).toArray())
            message.properties.userProperties.append({property[u"name"_s].toString(), property[u"value"_s].toString()});
    }
}

} // namespace bs::models
