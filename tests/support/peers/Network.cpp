#include "peers/Network.h"

#include "peers/WaitUntil.h"

#include <QDeadlineTimer>
#include <QHostAddress>
#include <QTcpServer>
#include <QTcpSocket>

namespace bs::peers {

quint16 pickFreeLoopbackPort()
{
    QTcpServer server;
    if (!server.listen(QHostAddress::LocalHost, 0))
        return 0;
    const quint16 port = server.serverPort();
    server.close();
    return port;
}

bool waitUntilAcceptingConnections(quint16 port, std::chrono::milliseconds timeout)
{
    const QDeadlineTimer deadline(timeout);
    while (!deadline.hasExpired()) {
        QTcpSocket socket;
        socket.connectToHost(QHostAddress::LocalHost, port);
        const bool settled = waitUntil(
            [&] {
                const auto state = socket.state();
                return state == QAbstractSocket::ConnectedState ||
                       state == QAbstractSocket::UnconnectedState;
            },
            std::chrono::milliseconds(deadline.remainingTime()));
        if (settled && socket.state() == QAbstractSocket::ConnectedState) {
            socket.disconnectFromHost();
            return true;
        }
        socket.abort();
        // Refused: the server is not listening yet. Let a little time pass by waiting on
        // the event loop (nothing to wait for but the clock), then try again.
        waitUntil([] { return false; }, std::chrono::milliseconds(10));
    }
    return false;
}

} // namespace bs::peers
