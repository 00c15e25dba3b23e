#pragma once
// Where a topic's log lives: <data>/topics/<name>/, with <name> the topic's UTF-8 bytes,
// letters, digits, '-' and '_' kept and every other byte written as %XX ('/' too), so
// every topic gets its own flat directory whatever characters it holds. Names that would
// pass 200 characters are cut and end in "~" + the SHA-1 of the topic. Each directory
// also holds a file TOPIC with the exact topic name, which is what recovery believes.

#include <QString>

namespace bs::storage {

QString topicDirectoryName(const QString& topic);

/// Writes dir/TOPIC (atomically); false when it cannot.
bool writeTopicNameFile(const QString& dir, const QString& topic);
/// The topic named by dir/TOPIC, or a null string when it is missing or unreadable.
QString readTopicNameFile(const QString& dir);

} // namespace bs::storage
