#pragma once
// Loopback helpers: picking a free port and checking that a server accepts connections.

#include <QString>
#include <chrono>

namespace bs::peers {

/// The loopback address every peer uses.
inline QString loopbackHost()
{
    return QStringLiteral("127.0.0.1");
}

/// A TCP port on 127.0.0.1 that was free a moment ago: a QTcpServer bound to port 0 and
/// closed again. Another process may take it before the caller binds it, so callers must
/// retry with a new port when that happens. Returns 0 if no port could be bound.
quint16 pickFreeLoopbackPort();

/// True once a TCP connection to 127.0.0.1:port succeeds (and is closed again), trying
/// repeatedly until timeout.
bool waitUntilAcceptingConnections(quint16 port, std::chrono::milliseconds timeout);

} // namespace bs::peers
