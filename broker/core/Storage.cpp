// BrokerCore: storage — every published message goes to its topic's log before the
// publisher hears PUBACK/PUBREC. Handlers append while they route; acknowledgements wait
// in m_pendingAcks; one queued commitWrites() per event-loop pass writes every dirty log
// (one fsync for the batch with fsync=always) and then sends the acks, so a whole burst
// of publishes costs one write per topic. When the write fails the acks become refusals:
// v5 publishers hear 0x97 Quota exceeded, v3.1.1 publishers are disconnected.

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/state/JournalFile.h"

#include <QDateTime>
#include <QElapsedTimer>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {
constexpr int kRetentionIntervalMs = 60 * 1000;
} // namespace

bool BrokerCore::openStorage(QString* error)
{
    if (m_config.dataDirectory.isEmpty() || m_store)
        return true;
    QElapsedTimer timer;
    timer.start();
    auto store = std::make_unique<storage::MessageStore>(m_config.storage);
    if (!store->open(m_config.dataDirectory, error))
        return false;
    qCInfo(lcStorage).noquote()
        << u"recovered %1 messages in %2 topics from %3 in %4 ms (fsync %5)"_s
               .arg(store->recoveredMessages())
               .arg(store->topics().size())
               .arg(m_config.dataDirectory)
               .arg(timer.elapsed())
               .arg(storage::fsyncPolicyName(m_config.storage.fsync));
    m_store = std::move(store);
    if (!openJournal(error)) {
        m_store.reset();
        return false;
    }
    m_store->applyRetention(QDateTime::currentMSecsSinceEpoch());
    if (m_config.storage.fsync == storage::FsyncPolicy::Interval)
        m_syncTimer.start(m_config.storage.fsyncIntervalMs);
    m_retentionTimer.start(kRetentionIntervalMs);
    return true;
}

void BrokerCore::closeStorage()
{
    commitWrites();
    m_syncTimer.stop();
    m_retentionTimer.stop();
    if (m_journal) {
        compactJournal();
        m_journal.reset();
    }
    m_store.reset(); // closes: writes, fsyncs and closes every log
    // The engine's state is rebuilt from disk at the next start.
    m_sessions.clear();
    m_subscriptions.clear();
    m_retained.clear();
    m_queuedTotal = 0;
    m_nextSessionKey = 1;
    updateGauges();
}

bool BrokerCore::storeMessage(Message& message)
{
    message.arrivalMs = QDateTime::currentMSecsSinceEpoch();
    if (!m_store || message.topic.startsWith(u"$SYS"))
        return true;
    if (!m_store->canAccept(nowMs()))
        return false;
    const qint64 offset = m_store->append(toLogRecord(message), nowMs());
    if (offset < 0)
        return false;
    message.logOffset = quint64(offset);
    scheduleCommit();
    return true;
}

void BrokerCore::acknowledgeAfterCommit(ClientConnection& client, quint8 qos, quint16 packetId,
                                        mqtt::ReasonCode reason)
{
    if (qos == 0)
        return;
    if (!m_store) {
        client.send(mqtt::encodeAck(client.version(),
                                    qos == 1 ? mqtt::PacketType::Puback : mqtt::PacketType::Pubrec,
                                    packetId, reason));
        return;
    }
    m_pendingAcks.push_back(PendingAck{&client, qos, packetId, reason});
    scheduleCommit();
}

void BrokerCore::scheduleCommit()
{
    if (m_commitScheduled)
        return;
    m_commitScheduled = true;
    QMetaObject::invokeMethod(this, &BrokerCore::commitWrites, Qt::QueuedConnection);
}

void BrokerCore::commitWrites()
{
    m_commitScheduled = false;
    const bool logsWritten = !m_store || m_store->commit(nowMs());
    const bool written = flushJournal() && logsWritten;
    std::vector<PendingAck> acks;
    acks.swap(m_pendingAcks);
    for (const PendingAck& ack : acks) {
        ClientConnection* client = ack.client.data();
        if (!client || client->state() != ClientConnection::State::Connected)
            continue;
        mqtt::ReasonCode reason = ack.reason;
        if (!written && !mqtt::isError(reason)) {
            if (!client->isV5()) {
                client->disconnect(mqtt::ReasonCode::QuotaExceeded);
                continue;
            }
            reason = mqtt::ReasonCode::QuotaExceeded;
            if (ack.qos == 2 && client->session())
                noteInboundQos2(*client->session(), ack.packetId, false); // not accepted (§4.3.3)
        }
        client->send(mqtt::encodeAck(client->version(),
                                     ack.qos == 1 ? mqtt::PacketType::Puback : mqtt::PacketType::Pubrec,
                                     ack.packetId, reason));
    }
}

} // namespace bs::broker
