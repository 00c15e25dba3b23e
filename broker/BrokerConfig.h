#pragma once
// The settings of one broker instance. Parsed from a Mosquitto-style config file
// ("key value" lines, '#' comments) or filled in by the owner in-process.

#include "broker/storage/StorageOptions.h"

#include <QHostAddress>
#include <QString>
#include <optional>

namespace bs::broker {

/// Who may use the admin API ($CONTROL/brokerscope/v1).
enum class AdminAccess : quint8
{
    Loopback, ///< Clients connecting from 127.0.0.1 or ::1 (the embedded broker's console).
    All,
    None,
};

struct BrokerConfig
{
    QHostAddress address{QHostAddress::LocalHost};
    quint16 port = 0;              ///< 0: any free port (read it back from Broker::port()).
    QString dataDirectory;         ///< Empty: nothing is written to disk.
    quint16 receiveMaximum = 100;  ///< Our CONNACK Receive Maximum (inbound QoS 1/2 in flight).
    quint32 maximumPacketSize = 0; ///< 0: no limit beyond the protocol's 268,435,455 bytes.
    quint16 topicAliasMaximum = 10;
    quint32 maxQueuedMessages = 1000; ///< Per session, QoS 1/2 waiting for a window or a reconnect.
    quint16 maxKeepAlive = 65535;     ///< Server Keep Alive is sent when a client asks for more.
    int sysIntervalSeconds = 10;      ///< $SYS/broker/... publishing interval; 0 disables.
    int groupStatsIntervalMs = 1000;  ///< $SYS/brokerscope/groups/... interval; 0 disables.
    int groupMaxDeliveries = 5;       ///< Deliveries without an acknowledgement before a dead letter.
    quint64 groupMaxLag = 0;          ///< A group's backlog limit (oldest dead-lettered beyond); 0: none.
    int deadLetterMaxReplays = 3;     ///< Replays of one message before a replay needs "force".
    AdminAccess adminAccess = AdminAccess::Loopback;
    storage::StorageOptions storage;  ///< Used when dataDirectory is set.

    /// Parses a config file's text. On error returns nullopt and sets *error to
    /// "line N: what is wrong".
    static std::optional<BrokerConfig> parse(const QString& text, QString* error);
    static std::optional<BrokerConfig> fromFile(const QString& path, QString* error);
};

} // namespace bs::broker
