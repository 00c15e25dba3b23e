#pragma once
// Running the same data-driven test against several servers. Tests add a "server" column
// with addServerRows(), keep one ServerPool for the test executable, and fetch the row's
// running server with BS_PEERS_FETCH_SERVER. The environment variable BS_INTEROP_SERVERS
// ("brokerscope", "mosquitto" or both, comma-separated) selects the servers; the default
// is every kind.

#include "peers/BrokerProcess.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QTest>
#include <map>
#include <memory>

namespace bs::peers {

/// The servers selected by BS_INTEROP_SERVERS (all kinds when unset). Unknown names are
/// reported through *error and skipped.
QList<ServerKind> selectedServers(QString* error = nullptr);

/// Adds the QString column "server" and one row per selected server, named
/// "<server><suffix>" for each suffix (one row per server when suffixes is empty).
/// Use addServerColumn() and addServerRow() to add more columns.
void addServerColumn();
QTestData& addServerRow(ServerKind kind, const QString& suffix = {});
void addServerRows();

/// One running server per kind, started on first use, stopped by stopAll() or at
/// destruction. A server that died is reported once and started afresh on the next call.
class ServerPool
{
public:
    explicit ServerPool(BrokerOptions options = {});
    ~ServerPool();

    BrokerProcess* server(ServerKind kind, QString* error);
    BrokerProcess* server(const QString& kindName, QString* error);
    /// Stops every server. False, with *error naming each, if one did not exit by itself
    /// with code 0 after SIGTERM.
    bool stopAll(QString* error);

private:
    BrokerOptions m_options;
    std::map<ServerKind, std::unique_ptr<BrokerProcess>> m_servers;
};

/// Unique names, so that tests can share servers and run in parallel: "<purpose>-<pid>-<n>".
QString uniqueClientId(const QString& purpose);
/// A unique topic prefix without wildcards: "bs-it/<pid>-<n>/<purpose>".
QString uniqueTopicPrefix(const QString& purpose);

} // namespace bs::peers

/// In a data-driven test with a "server" column: declares BrokerProcess* variable for the
/// row's running server (from pool), or fails the test with the reason it did not start.
#define BS_PEERS_FETCH_SERVER(pool, variable)                                                      \
    QFETCH(QString, server);                                                                       \
    QString variable##StartError;                                                                  \
    bs::peers::BrokerProcess* variable = (pool).server(server, &variable##StartError);             \
    QVERIFY2(variable != nullptr, qPrintable(variable##StartError))
