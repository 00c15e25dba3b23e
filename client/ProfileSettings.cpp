#include "client/ProfileSettings.h"

#include <QSettings>

using namespace Qt::StringLiterals;

namespace bs::client {

namespace {

QString groupOf(const QString& id)
{
    return u"profiles/"_s + id;
}

} // namespace

void writeProfile(QSettings& settings, const ConnectionProfile& profile)
{
    settings.remove(groupOf(profile.id)); // no stale keys from an older layout
    settings.beginGroup(groupOf(profile.id));
    settings.setValue(u"name"_s, profile.name);
    settings.setValue(u"host"_s, profile.host);
    settings.setValue(u"port"_s, profile.port);
    settings.setValue(u"clientId"_s, profile.clientId);
    settings.setValue(u"mqttVersion"_s, profile.version == MqttVersion::V5 ? 5 : 4);
    settings.setValue(u"username"_s, profile.username);
    settings.setValue(u"keepAliveSeconds"_s, profile.keepAliveSeconds);
    settings.setValue(u"cleanStart"_s, profile.cleanStart);
    settings.setValue(u"sessionExpirySeconds"_s, profile.sessionExpirySeconds);
    settings.setValue(u"embedded"_s, profile.embedded);
    settings.setValue(u"tls/enabled"_s, profile.tls.enabled);
    settings.setValue(u"tls/caFile"_s, profile.tls.caFile);
    settings.setValue(u"tls/certificateFile"_s, profile.tls.certificateFile);
    settings.setValue(u"tls/privateKeyFile"_s, profile.tls.privateKeyFile);
    settings.setValue(u"tls/verifyPeer"_s, profile.tls.verifyPeer);
    settings.endGroup();
}

ConnectionProfile readProfile(QSettings& settings, const QString& id)
{
    ConnectionProfile defaults;
    ConnectionProfile profile;
    profile.id = id;
    settings.beginGroup(groupOf(id));
    profile.name = settings.value(u"name"_s).toString();
    profile.host = settings.value(u"host"_s, defaults.host).toString();
    profile.port = quint16(settings.value(u"port"_s, defaults.port).toUInt());
    profile.clientId = settings.value(u"clientId"_s).toString();
    profile.version =
        settings.value(u"mqttVersion"_s, 5).toInt() == 4 ? MqttVersion::V311 : MqttVersion::V5;
    profile.username = settings.value(u"username"_s).toString();
    profile.keepAliveSeconds =
        settings.value(u"keepAliveSeconds"_s, defaults.keepAliveSeconds).toInt();
    profile.cleanStart = settings.value(u"cleanStart"_s, defaults.cleanStart).toBool();
    profile.sessionExpirySeconds = settings.value(u"sessionExpirySeconds"_s).toUInt();
    profile.embedded = settings.value(u"embedded"_s).toBool();
    profile.tls.enabled = settings.value(u"tls/enabled"_s).toBool();
    profile.tls.caFile = settings.value(u"tls/caFile"_s).toString();
    profile.tls.certificateFile = settings.value(u"tls/certificateFile"_s).toString();
    profile.tls.privateKeyFile = settings.value(u"tls/privateKeyFile"_s).toString();
    profile.tls.verifyPeer = settings.value(u"tls/verifyPeer"_s, true).toBool();
    settings.endGroup();
    return profile;
}

QStringList storedProfileIds(QSettings& settings)
{
    settings.beginGroup(u"profiles"_s);
    QStringList ids = settings.childGroups();
    settings.endGroup();
    return ids;
}

void removeProfile(QSettings& settings, const QString& id)
{
    settings.remove(groupOf(id));
}

} // namespace bs::client
