#pragma once
// A real Mosquitto 2 as a child process: `mosquitto -c <generated config>` listening on a
// free 127.0.0.1 port, anonymous access, no persistence, full logging. The port is picked
// by binding port 0 and closing it; when another process takes it first, Mosquitto fails
// with "Address already in use" and the start is retried on a new port.

#include "peers/BrokerProcess.h"

namespace bs::peers {

class MosquittoBrokerProcess : public BrokerProcess
{
public:
    explicit MosquittoBrokerProcess(BrokerOptions options = {});

    ServerKind kind() const override { return ServerKind::Mosquitto; }

    static QString defaultProgram() { return QStringLiteral("/usr/sbin/mosquitto"); }
    /// The configuration used for port.
    QString configText(quint16 port) const;

protected:
    bool launch() override;

private:
    static constexpr int kPortAttempts = 5;
};

} // namespace bs::peers
