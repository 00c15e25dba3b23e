#pragma once
// Row helpers shared by the interop tests that use mosquitto_pub/mosquitto_sub: a
// "version" column ("v311" or "v5") next to the "server" column of peers/ServerMatrix.h.

#include "peers/MosquittoClients.h"
#include "peers/ServerMatrix.h"

#include <QString>
#include <QStringList>
#include <QTest>

namespace bs::interop {

inline bs::peers::MqttVersion mqttVersion(const QString& name)
{
    return name == QStringLiteral("v5") ? bs::peers::MqttVersion::V5 : bs::peers::MqttVersion::V311;
}

/// Adds the columns "server" and "version".
inline void addServerVersionColumns()
{
    bs::peers::addServerColumn();
    QTest::addColumn<QString>("version");
}

/// Both protocol versions the mosquitto clients speak, as row-name parts.
inline QStringList mqttVersionNames()
{
    return {QStringLiteral("v311"), QStringLiteral("v5")};
}

} // namespace bs::interop
