#pragma once
// An MQTT server run as a child process on a free 127.0.0.1 port: our daemon
// (brokerscope-broker) or a real Mosquitto 2. create() picks the class by kind; start()
// returns once the server accepts connections; stop() sends SIGTERM to its PID and kills
// it if it has not exited within the timeout. Its output goes to a log file in a private
// temporary directory, so a chatty server can never block on a full pipe.

#include <QProcess>
#include <QString>
#include <QStringList>
#include <QTemporaryDir>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>

namespace bs::peers {

enum class ServerKind
{
    Brokerscope,
    Mosquitto
};

/// "brokerscope" or "mosquitto".
QString serverKindName(ServerKind kind);
std::optional<ServerKind> serverKindFromName(QStringView name);

struct BrokerOptions
{
    /// Empty: the kind's default (the built brokerscope-broker, or /usr/sbin/mosquitto).
    QString program;
    /// Daemon only: --data-dir DIR. Mosquitto always runs with persistence off.
    QString dataDirectory;
    /// Daemon only: --config FILE.
    QString configFile;
    /// Daemon: --sys-interval SECONDS; Mosquitto: sys_interval.
    std::optional<int> sysIntervalSeconds;
    /// Mosquitto only: lines appended to the generated configuration file.
    QStringList extraConfigLines;
    /// Appended to the command line.
    QStringList extraArguments;
    std::chrono::milliseconds startTimeout{std::chrono::seconds(10)};
    /// Listen on this port instead of a free one (e.g. to restart a server where clients
    /// will reconnect). 0: a free port.
    quint16 port = 0;
};

class BrokerProcess
{
public:
    static std::unique_ptr<BrokerProcess> create(ServerKind kind, BrokerOptions options = {});
    virtual ~BrokerProcess(); ///< Stops the server if it still runs.
    BrokerProcess(const BrokerProcess&) = delete;
    BrokerProcess& operator=(const BrokerProcess&) = delete;

    virtual ServerKind kind() const = 0;
    QString name() const { return serverKindName(kind()); }

    /// Starts the server and waits until it accepts TCP connections. False with
    /// errorString() (including the server's log) if it did not.
    bool start();
    /// SIGTERM to the PID, wait up to timeout, then SIGKILL. True if the server exited by
    /// itself with exit code 0.
    bool stop(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Like stop(), with another signal first (e.g. SIGINT).
    bool stopWithSignal(int signal, std::chrono::milliseconds timeout = std::chrono::seconds(5));

    bool isRunning() const;
    qint64 pid() const;
    QString host() const;
    quint16 port() const { return m_port; }
    QString serverUri() const; ///< "tcp://127.0.0.1:PORT" (paho)
    QString mqttUrl() const;   ///< "mqtt://127.0.0.1:PORT" (mqtt.js)
    /// After stop(): the exit code, and whether it had to be killed.
    int exitCode() const;
    bool wasKilled() const { return m_killed; }

    QString errorString() const { return m_error; }
    /// Everything the server wrote to stdout and stderr so far.
    QString log() const;
    const BrokerOptions& options() const { return m_options; }

protected:
    explicit BrokerProcess(BrokerOptions options);

    /// Starts the server, sets m_port, and returns once it is ready.
    virtual bool launch() = 0;
    /// Starts program with the options' extra arguments appended, logging to the log file.
    bool startProcess(const QString& program, QStringList arguments);
    /// Waits until the log satisfies condition or the process exits; true if it holds.
    bool waitForLog(const std::function<bool(const QString&)>& condition);
    bool fail(const QString& message);
    QString workDirectory() const { return m_workDir.path(); }

    BrokerOptions m_options;
    quint16 m_port = 0;

private:
    QTemporaryDir m_workDir;
    QString m_logPath;
    std::unique_ptr<QProcess> m_process;
    QString m_error;
    bool m_killed = false;
};

} // namespace bs::peers
