// BrokerCore: storage — every published message is written to its topic's log before
// anyone sees it. Handlers append to the logs' buffers and leave the publish in m_pending;
// commitWrites() — after each received block, or with fsync=always once per event-loop
// pass (queued) — writes every dirty log and the session journal (one fsync for the batch
// with fsync=always), then routes the stored messages, writes what routing journaled, and
// acknowledges — so a burst of publishes costs one write per topic. A topic whose write failed has its publishes refused instead: v5
// QoS 1/2 publishers hear 0x97 Quota exceeded, the others are disconnected.

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/state/JournalFile.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <sys/resource.h>
#include <unistd.h>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {
// Often enough that a flood at disk speed overshoots the size limit by seconds of data,
// not minutes; a pass is a walk over the topic summaries, and deletions happen off-thread.
constexpr int kRetentionIntervalMs = 5 * 1000;
// A pass may have to open logs to delete their segments: it stops after this long and
// goes on shortly after, so deliveries never wait behind a long retention pass.
constexpr qint64 kRetentionSliceMs = 4;
constexpr int kRetentionResumeMs = 50;
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

void BrokerCore::applyRetentionSlice()
{
    if (!m_store)
        return;
    m_store->applyRetention(QDateTime::currentMSecsSinceEpoch(), kRetentionSliceMs);
    m_retentionTimer.start(m_store->retentionPending() ? kRetentionResumeMs : kRetentionIntervalMs);
}

void BrokerCore::syncInBackground()
{
    if (!m_store || m_syncRunning->load())
        return; // the previous fsync is still running: the next tick takes this one too
    QList<int> descriptors = m_store->takeDescriptorsToSync();
    if (m_journal && m_journal->flush()) {
        if (const int fd = m_journal->duplicateDescriptor(); fd >= 0)
            descriptors.append(fd);
    }
    if (descriptors.isEmpty())
        return;
    m_syncRunning->store(true);
    m_syncPool.start([descriptors, running = m_syncRunning] {
        // Below the broker's thread (Linux: nice is per thread), so writing back a burst's
        // pages does not delay its deliveries when they share a core; above the reaper's.
        static thread_local const bool lowered = ::setpriority(PRIO_PROCESS, id_t(::gettid()), 10) == 0;
        Q_UNUSED(lowered);
        for (const int fd : descriptors) {
            ::fdatasync(fd);
            ::close(fd);
        }
        running->store(false);
    });
}

void BrokerCore::closeStorage()
{
    commitWrites();
    m_syncPool.waitForDone();
    m_syncTimer.stop();
    m_retentionTimer.stop();
    if (m_journal) {
        compactJournalIfWasteful();
        m_journal.reset();
    }
    if (!m_store)
        return; // without storage the state stays in memory across stop/start
    m_groups.clear();
    m_lastAppended.clear();
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

void BrokerCore::acceptPublish(ClientConnection& client, std::shared_ptr<Message> message,
                               quint8 qos, quint16 packetId)
{
    if (!m_store) {
        message->arrivalMs = QDateTime::currentMSecsSinceEpoch();
        const int routed = publish(message);
        sendAck(client, qos, packetId,
                routed > 0 ? mqtt::ReasonCode::Success : mqtt::ReasonCode::NoMatchingSubscribers);
        return;
    }
    if (message->topic.startsWith(u"$DLQ/"))
        annotateExplicitDeadLetter(*message, message->originClientId);
    PendingPublish pending{.client = &client, .qos = qos, .packetId = packetId};
    pending.refused = !storeMessage(*message);
    pending.message = std::move(message);
    m_pending.push_back(std::move(pending));
    scheduleCommit();
}

void BrokerCore::acknowledgeAfterCommit(ClientConnection& client, quint8 qos, quint16 packetId,
                                        mqtt::ReasonCode reason)
{
    if (qos == 0)
        return;
    if (!m_store) {
        sendAck(client, qos, packetId, reason);
        return;
    }
    m_pending.push_back(PendingPublish{.client = &client, .qos = qos, .packetId = packetId, .reason = reason});
    scheduleCommit();
}

void BrokerCore::afterJournalCommit(ClientConnection& client, std::function<void(ClientConnection&)> send)
{
    const Session* session = client.session();
    if (!session || !isJournaled(*session)) {
        send(client);
        return;
    }
    PendingPublish pending{.client = &client, .qos = 0, .deferred = std::move(send)};
    m_pending.push_back(std::move(pending));
    scheduleCommit();
}

void BrokerCore::sendAck(ClientConnection& client, quint8 qos, quint16 packetId, mqtt::ReasonCode reason)
{
    if (qos == 0)
        return;
    client.send(mqtt::encodeAck(client.version(),
                                qos == 1 ? mqtt::PacketType::Puback : mqtt::PacketType::Pubrec,
                                packetId, reason));
}

void BrokerCore::refuseUnstorable(ClientConnection& client, quint8 qos, quint16 packetId)
{
    // v5 QoS 1/2 publishers can be told in the ack; QoS 0 and v3.1.1 publishers cannot,
    // so they are disconnected: a publisher never believes a lost message was kept.
    if (qos == 2 && client.session())
        noteInboundQos2(*client.session(), packetId, false); // not accepted (§4.3.3)
    if (client.isV5() && qos > 0)
        sendAck(client, qos, packetId, mqtt::ReasonCode::QuotaExceeded);
    else
        client.disconnect(mqtt::ReasonCode::QuotaExceeded);
}

void BrokerCore::scheduleCommit()
{
    if (m_commitScheduled)
        return;
    m_commitScheduled = true;
    QMetaObject::invokeMethod(this, &BrokerCore::commitWrites, Qt::QueuedConnection);
}

void BrokerCore::commitAfterRead()
{
    // With fsync=always a commit costs an fsync, so one per event-loop pass covers every
    // connection's publishes. Otherwise a block is written, routed and acknowledged as soon
    // as it is read: its messages do not wait for the other connections' reads (latency),
    // and each publisher's topics still get one write per block.
    if (m_store && !m_pending.empty() && m_config.storage.fsync != storage::FsyncPolicy::Always)
        commitWrites();
}

void BrokerCore::commitWrites()
{
    m_commitScheduled = false;
    // 1. Write the logs and the journal (one fsync each with fsync=always).
    QSet<QString> failedTopics;
    const bool logsWritten = !m_store || m_store->commit(nowMs(), &failedTopics);
    const bool journalWritten = flushJournal();
    std::vector<PendingPublish> batch;
    batch.swap(m_pending);
    // 2. Route what is stored; refuse what is not.
    std::vector<mqtt::ReasonCode> reasons(batch.size(), mqtt::ReasonCode::Success);
    for (size_t i = 0; i < batch.size(); ++i) {
        PendingPublish& pending = batch[i];
        if (!pending.message) {
            reasons[i] = pending.reason; // an acknowledgement or a deferred packet
            continue;
        }
        const bool stored = !pending.refused && journalWritten
            && (logsWritten || !failedTopics.contains(pending.message->topic));
        if (!stored) {
            pending.refused = true;
            continue;
        }
        reasons[i] = publish(pending.message) > 0 ? mqtt::ReasonCode::Success
                                                  : mqtt::ReasonCode::NoMatchingSubscribers;
    }
    // 3. What routing journaled (messages queued for offline sessions, retained) is
    //    written before the publishers hear that their messages are safe.
    flushJournal();
    // The newest message per topic is kept only for the pass that routed it (big payloads
    // must not stay in memory); later reads come from the log.
    m_lastAppended.clear();
    // 4. Acknowledge, in order.
    for (size_t i = 0; i < batch.size(); ++i) {
        const PendingPublish& pending = batch[i];
        ClientConnection* client = pending.client.data();
        if (pending.deferred) {
            if (client && client->state() == ClientConnection::State::Connected)
                pending.deferred(*client);
            continue;
        }
        if (!client || client->state() != ClientConnection::State::Connected) {
            // Gone before hearing the refusal: its session must not keep the QoS 2 id, or
            // the re-sent PUBLISH would be taken for a duplicate and never routed.
            Session* session = pending.message ? findSession(pending.message->originClientId) : nullptr;
            if (pending.refused && pending.qos == 2 && session)
                noteInboundQos2(*session, pending.packetId, false);
            continue;
        }
        if (pending.refused)
            refuseUnstorable(*client, pending.qos, pending.packetId);
        else
            sendAck(*client, pending.qos, pending.packetId, reasons[i]);
    }
}

} // namespace bs::broker
