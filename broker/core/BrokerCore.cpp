// BrokerCore: lifecycle, the TCP listener, connections and the stats snapshot.

#include "broker/core/BrokerCore.h"

#include "broker/core/ClientConnection.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/state/JournalFile.h"
#include "broker/net/TcpListener.h"
#include "broker/net/TcpTransport.h"

#include <QTcpServer>

namespace bs::broker {

BrokerCore::BrokerCore(BrokerConfig config, QObject* parent)
    : QObject(parent), m_config(std::move(config)), m_sysTimer(this), m_groupStatsTimer(this),
      m_syncTimer(this),
      m_retentionTimer(this)
{
    m_clock.start();
    connect(&m_sysTimer, &QTimer::timeout, this, &BrokerCore::publishSysTopics);
    connect(&m_groupStatsTimer, &QTimer::timeout, this, &BrokerCore::publishGroupStats);
    connect(&m_syncTimer, &QTimer::timeout, this, &BrokerCore::syncInBackground);
    m_syncPool.setMaxThreadCount(1);
    connect(&m_retentionTimer, &QTimer::timeout, this, &BrokerCore::applyRetentionSlice);
}

BrokerCore::~BrokerCore()
{
    shutdown();
}

bool BrokerCore::listen(QString* error)
{
    if (m_server)
        return true;
    if (!openStorage(error))
        return false;
    auto* server = new TcpListener(this);
    if (!server->listen(m_config.address, m_config.port)) {
        if (error) {
            *error = QStringLiteral("cannot listen on %1:%2: %3")
                         .arg(m_config.address.toString())
                         .arg(m_config.port)
                         .arg(server->errorString());
        }
        delete server;
        return false;
    }
    m_server = server;
    m_address = server->serverAddress();
    m_port = server->serverPort();
    m_shuttingDown = false;
    connect(server, &TcpListener::accepted, this,
            [this](qintptr descriptor) { accept(new TcpTransport(descriptor)); });
    publishSysTopics();
    if (m_config.sysIntervalSeconds > 0)
        m_sysTimer.start(m_config.sysIntervalSeconds * 1000);
    if (m_config.groupStatsIntervalMs > 0 && m_store)
        m_groupStatsTimer.start(m_config.groupStatsIntervalMs);
    return true;
}

void BrokerCore::shutdown()
{
    m_sysTimer.stop();
    m_groupStatsTimer.stop();
    if (m_server) {
        m_server->close();
        delete m_server;
        m_server = nullptr;
    }
    m_port = 0;
    m_shuttingDown = true;
    const QSet<ClientConnection*> connections = m_connections;
    for (ClientConnection* connection : connections) {
        connection->disconnect(mqtt::ReasonCode::ServerShuttingDown);
        detachSession(*connection);
    }
    closeStorage();
}

bool BrokerCore::isListening() const
{
    return m_server != nullptr;
}

QHostAddress BrokerCore::address() const
{
    return m_address;
}

quint16 BrokerCore::port() const
{
    return m_port.load();
}

ClientConnection* BrokerCore::accept(Transport* transport)
{
    auto* connection = new ClientConnection(*this, transport);
    m_connections.insert(connection);
    m_intakeThrottle.add(transport);
    // Queued: a socket that fails while a message is being routed must not detach its
    // session in the middle of that routing.
    connect(connection, &ClientConnection::finished, this, &BrokerCore::connectionFinished,
            Qt::QueuedConnection);
    return connection;
}

void BrokerCore::connectionFinished(ClientConnection* connection)
{
    detachSession(*connection);
    m_connections.remove(connection);
    m_intakeThrottle.remove(connection->transport());
    connection->deleteLater();
}

void BrokerCore::updateGauges()
{
    m_counters.set(m_counters.sessions, quint64(m_sessions.size()));
    m_counters.set(m_counters.subscriptions, quint64(m_subscriptions.count()));
    m_counters.set(m_counters.retainedMessages, quint64(m_retained.count()));
    m_counters.set(m_counters.queuedMessages, quint64(m_queuedTotal));
}

BrokerStats BrokerCore::stats() const
{
    auto get = [](const std::atomic<quint64>& c) { return c.load(std::memory_order_relaxed); };
    BrokerStats s;
    s.clientsConnected = get(m_counters.clientsConnected);
    s.clientsMaximum = get(m_counters.clientsMaximum);
    s.sessions = get(m_counters.sessions);
    s.subscriptions = get(m_counters.subscriptions);
    s.retainedMessages = get(m_counters.retainedMessages);
    s.queuedMessages = get(m_counters.queuedMessages);
    s.messagesReceived = get(m_counters.messagesReceived);
    s.messagesSent = get(m_counters.messagesSent);
    s.messagesDropped = get(m_counters.messagesDropped);
    s.packetsReceived = get(m_counters.packetsReceived);
    s.packetsSent = get(m_counters.packetsSent);
    s.bytesReceived = get(m_counters.bytesReceived);
    s.bytesSent = get(m_counters.bytesSent);
    s.uptimeSeconds = m_clock.elapsed() / 1000;
    return s;
}

} // namespace bs::broker
