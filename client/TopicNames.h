#pragma once
// Checks done before anything goes to the broker: a malformed topic filter in a SUBSCRIBE
// makes Mosquitto close the whole connection, so the client refuses it locally with a
// readable error instead (MQTT 5 §4.7).

#include <QString>
#include <QStringView>

namespace bs::client {

/// Empty if filter is a valid topic filter, else why not.
QString topicFilterProblem(QStringView filter);
/// Empty if topic is a valid topic name to publish to (no wildcards), else why not.
QString topicNameProblem(QStringView topic);

} // namespace bs::client
