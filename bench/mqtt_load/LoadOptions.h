#pragma once
// Command-line options of mqtt_load.

#include <QString>
#include <QStringList>
#include <optional>

namespace bs::bench {

struct LoadOptions
{
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 1883;
    int publishers = 1;
    int subscribers = 1;
    quint8 qos = 0;
    int payloadBytes = 1024;
    double durationSeconds = 10;
    int ratePerPublisher = 0; ///< messages/s per publisher; 0 = as fast as the window allows
    int window = 100;         ///< unacknowledged QoS>0 messages per publisher; also our Receive Maximum
    QString sharedGroup;      ///< non-empty: subscribers use $share/<group>/<filter>
    QString topicPrefix = QStringLiteral("bench/load");
    int threads = 2;
    double drainSeconds = 5;  ///< after publishing stops, wait at most this long for deliveries
    QString label;            ///< echoed in the RESULT line
};

/// Parses arguments; on error prints a message and returns nothing.
std::optional<LoadOptions> parseLoadOptions(const QStringList& arguments);

} // namespace bs::bench
