#pragma once
// Where and how to connect: one saved remote profile, or the embedded broker. Secrets
// (password, key passphrase) are carried here in memory only; ProfileStore keeps them in
// the desktop keychain, never in the settings file.

#include <QString>
#include <QtGlobal>

namespace bs::client {

enum class MqttVersion : quint8
{
    V311 = 4,
    V5 = 5,
};

struct TlsSettings
{
    bool enabled = false;
    QString caFile;
    QString certificateFile;
    QString privateKeyFile;
    bool verifyPeer = true; ///< Off: the UI shows a visible warning.
    friend bool operator==(const TlsSettings&, const TlsSettings&) = default;
};

struct ConnectionProfile
{
    QString id;   ///< Stable key (a UUID) for settings and keychain entries.
    QString name; ///< What the user calls it.
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1883;
    QString clientId; ///< Empty: a generated "brokerscope-<random>" id.
    MqttVersion version = MqttVersion::V5;
    QString username;
    QString password; ///< Never written to QSettings.
    TlsSettings tls;
    int keepAliveSeconds = 30;
    bool cleanStart = true;
    quint32 sessionExpirySeconds = 0;
    bool embedded = false; ///< The in-process broker engine.

    /// "tcp://host:port" or "ssl://host:port", as paho wants it.
    QString serverUri() const;
    QString displayName() const { return name.isEmpty() ? host + u':' + QString::number(port) : name; }
    friend bool operator==(const ConnectionProfile&, const ConnectionProfile&) = default;
};

} // namespace bs::client
