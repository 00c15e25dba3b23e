#include "client/ConnectionProfile.h"
#include "client/MqttClient.h"

namespace bs::client {

QString ConnectionProfile::serverUri() const
{
    const QString scheme = tls.enabled ? QStringLiteral("ssl") : QStringLiteral("tcp");
    const QString hostPart = host.contains(u':') ? u'[' + host + u']' : host; // IPv6 literal
    return scheme + QStringLiteral("://") + hostPart + u':' + QString::number(port);
}

QString toString(ConnectionState state)
{
    switch (state) {
    case ConnectionState::Disconnected: return QStringLiteral("Disconnected");
    case ConnectionState::Connecting: return QStringLiteral("Connecting");
    case ConnectionState::Connected: return QStringLiteral("Connected");
    case ConnectionState::Reconnecting: return QStringLiteral("Reconnecting");
    }
    return {};
}

} // namespace bs::client
