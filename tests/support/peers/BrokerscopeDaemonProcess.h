#pragma once
// Our daemon as a child process: `brokerscope-broker --address 127.0.0.1 --port 0`. It picks
// a free port itself and announces it with one stdout line
// "brokerscope-broker: listening on 127.0.0.1:<port>", which is parsed here.

#include "peers/BrokerProcess.h"

namespace bs::peers {

class BrokerscopeDaemonProcess : public BrokerProcess
{
public:
    explicit BrokerscopeDaemonProcess(BrokerOptions options = {});

    ServerKind kind() const override { return ServerKind::Brokerscope; }

    /// The daemon built with this tree (empty if the build has no brokerscope-broker
    /// target). The environment variable BS_DAEMON_PATH overrides it.
    static QString defaultProgram();

protected:
    bool launch() override;
};

} // namespace bs::peers
