// BrokerCore: persistence of sessions — the session journal (broker/state/) records every
// change to a persistent session (non-zero expiry) and to the retained messages, so they
// survive a restart, graceful or kill -9. Queued and in-flight messages are journaled as
// references (topic, log offset): the message itself is in its topic's log already.
// Journal records are flushed in the same group commit as the logs, before publishers
// are acknowledged. At start the journal is replayed, sessions are rebuilt (disconnected,
// their expiry counted from the restart), and the journal is compacted to a snapshot;
// it is compacted again whenever it has grown to several times that size.

#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/groups/ConsumerGroup.h"
#include "broker/state/JournalFile.h"
#include "broker/state/SessionRecords.h"

#include <QDateTime>
#include <QDir>

#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::broker {

namespace {

constexpr qint64 kMinCompactionBytes = 16 * 1024 * 1024;

PersistedDelivery persisted(const Delivery& delivery, quint16 packetId, bool released)
{
    PersistedDelivery d;
    d.topic = delivery.message ? delivery.message->topic : delivery.logTopic;
    d.offset = delivery.message ? delivery.message->logOffset : delivery.logOffset;
    d.qos = delivery.qos;
    d.retain = delivery.retain;
    d.subscriptionIds = delivery.subscriptionIds;
    d.packetId = packetId;
    d.released = released;
    return d;
}

/// Will Delay Interval is not a PUBLISH property: it travels beside the stored record.
PersistedWill persistedWill(const mqtt::WillMessage& will)
{
    PersistedWill persisted;
    persisted.delaySeconds = will.properties.willDelayInterval.value_or(0);
    persisted.message.topic = will.topic;
    persisted.message.payload = will.payload;
    persisted.message.qos = will.qos;
    persisted.message.retain = will.retain;
    persisted.message.properties = will.properties;
    persisted.message.properties.willDelayInterval.reset();
    return persisted;
}

mqtt::WillMessage willMessage(const PersistedWill& persisted)
{
    mqtt::WillMessage will;
    will.topic = persisted.message.topic;
    will.payload = persisted.message.payload;
    will.qos = persisted.message.qos;
    will.retain = persisted.message.retain;
    will.properties = persisted.message.properties;
    if (persisted.delaySeconds > 0)
        will.properties.willDelayInterval = persisted.delaySeconds;
    return will;
}

} // namespace

MessagePtr BrokerCore::messageFromRecord(const storage::LogRecord& record) const
{
    auto message = std::make_shared<Message>();
    message->topic = record.topic;
    message->payload = record.payload;
    message->qos = record.qos;
    message->retain = record.retain;
    message->properties = record.properties;
    message->arrivalMs = record.arrivalMs;
    message->logOffset = record.offset;
    if (record.properties.messageExpiryInterval) {
        // Expiry counts from arrival, across the restart.
        const qint64 age = QDateTime::currentMSecsSinceEpoch() - record.arrivalMs;
        // (At least 1: 0 would mean "never" on the broker's clock.)
        message->expiresAtMs = std::max<qint64>(
            1, nowMs() + qint64(*record.properties.messageExpiryInterval) * 1000 - std::max<qint64>(0, age));
    }
    return message;
}

bool BrokerCore::openJournal(QString* error)
{
    const QString directory = QDir(m_config.dataDirectory).filePath(u"state"_s);
    if (!QDir().mkpath(directory)) {
        if (error)
            *error = u"cannot create %1"_s.arg(directory);
        return false;
    }
    auto journalFile = std::make_unique<JournalFile>();
    JournalFile::Loaded loaded;
    if (!journalFile->open(QDir(directory).filePath(u"sessions.journal"_s), &loaded, error))
        return false;
    if (loaded.truncatedBytes > 0) {
        qCWarning(lcStorage).noquote() << u"%1: truncated %2 bytes of a torn or corrupt record at the end"_s
                                              .arg(QDir(directory).filePath(u"sessions.journal"_s))
                                              .arg(loaded.truncatedBytes);
    }
    PersistedState state;
    for (const QByteArray& record : std::as_const(loaded.records)) {
        if (!journal::apply(state, record))
            ++state.badRecords;
    }
    m_journal = std::move(journalFile);
    restoreSessions(state);
    restoreGroups(state);
    restoreLetterMarks(state);
    restoreWills(state);
    compactJournalIfWasteful();
    return true;
}

void BrokerCore::restoreSessions(const PersistedState& state)
{
    int sessions = 0, subscriptions = 0, deliveries = 0, missing = 0;
    for (auto it = state.sessions.cbegin(); it != state.sessions.cend(); ++it) {
        const PersistedSession& persisted = *it;
        if (persisted.expiryInterval == 0 || persisted.clientId.isEmpty())
            continue;
        auto session = std::make_shared<Session>(persisted.clientId);
        session->version = mqtt::ProtocolVersion(persisted.version);
        session->expiryInterval = persisted.expiryInterval;
        session->journalKey = it.key();
        m_nextSessionKey = std::max(m_nextSessionKey, it.key() + 1);
        for (auto sub = persisted.subscriptions.cbegin(); sub != persisted.subscriptions.cend(); ++sub) {
            const auto parsed = mqtt::parseSubscriptionFilter(sub.key());
            if (!parsed)
                continue;
            m_subscriptions.subscribe(persisted.clientId, *parsed, sub.value());
            session->subscriptions.insert(sub.key(), sub.value());
            if (parsed->isShared() && m_store)
                groupNamed(parsed->group).addMember(persisted.clientId);
            ++subscriptions;
        }
        for (const auto& [seq, d] : persisted.deliveries.inOrder()) {
            session->continueSequenceAfter(seq);
            Delivery delivery;
            delivery.logTopic = d->topic;
            delivery.logOffset = d->offset;
            delivery.qos = d->qos;
            delivery.retain = d->retain;
            delivery.subscriptionIds = d->subscriptionIds;
            delivery.journalSeq = seq;
            if (d->packetId == 0) {
                // Queued: read from the log when its turn comes (loadQueued()).
                session->queue.push_back(std::move(delivery));
                ++m_queuedTotal;
                ++deliveries;
                continue;
            }
            if (!d->released) {
                // In flight: re-sent with DUP as soon as the client is back, so read now.
                const storage::LogPage page = m_store ? m_store->read(d->topic, d->offset, 1) : storage::LogPage{};
                if (page.records.isEmpty() || page.records.first().offset != d->offset) {
                    ++missing; // deleted by retention or lost with a damaged log
                    continue;
                }
                delivery.message = messageFromRecord(page.records.first());
            }
            const auto stateOf = d->released ? InflightMessage::State::AwaitingPubcomp
                : d->qos == 1                ? InflightMessage::State::AwaitingPuback
                                             : InflightMessage::State::AwaitingPubrec;
            session->inflight.insert(d->packetId, InflightMessage{std::move(delivery), stateOf, seq});
            ++deliveries;
        }
        session->inboundQos2 = persisted.inboundQos2;
        Session* raw = m_sessions.insert(persisted.clientId, session)->get();
        scheduleExpiry(*raw);
        ++sessions;
    }
    for (const storage::LogRecord& record : state.retained)
        m_retained.apply(messageFromRecord(record));
    updateGauges();
    qCInfo(lcStorage).noquote()
        << u"restored %1 sessions with %2 subscriptions and %3 queued or in-flight messages, %4 retained messages"_s
               .arg(QString::number(sessions), QString::number(subscriptions), QString::number(deliveries),
                    QString::number(state.retained.size()));
    if (missing > 0 || state.badRecords > 0) {
        qCWarning(lcStorage).noquote()
            << u"%1 in-flight messages were no longer in their logs and %2 journal records could not be read; they were skipped"_s
                   .arg(QString::number(missing), QString::number(state.badRecords));
    }
}

bool BrokerCore::loadQueued(Session& session)
{
    // A restored queue holds references into the logs, and usually interleaves topics (a
    // publisher round-robining over ten topics queues t0, t1, ... t9, t0, ...). So the next
    // stretch of it is loaded at once: its unloaded deliveries are grouped by topic, and each
    // topic's offset range is read with one paged read — not one read per delivery, which
    // would scan the log from the sparse index entry every time.
    constexpr size_t kStretch = 1024;
    while (!session.queue.empty() && !session.queue.front().message) {
        if (!m_store) {
            dropFrontOfQueue(session);
            continue;
        }
        struct Range
        {
            quint64 from = 0;
            quint64 to = 0;
        };
        QHash<QString, Range> ranges;
        const size_t stretch = std::min(kStretch, session.queue.size());
        for (size_t i = 0; i < stretch; ++i) {
            const Delivery& d = session.queue[i];
            if (d.message)
                continue;
            const auto it = ranges.find(d.logTopic);
            if (it == ranges.end()) {
                ranges.insert(d.logTopic, Range{d.logOffset, d.logOffset});
            } else {
                it->from = std::min(it->from, d.logOffset);
                it->to = std::max(it->to, d.logOffset);
            }
        }
        QHash<QString, QHash<quint64, MessagePtr>> loaded;
        for (auto it = ranges.cbegin(); it != ranges.cend(); ++it) {
            // Other sessions' messages may lie between this session's: read at most a few
            // times the stretch; what lies beyond is loaded when its turn comes.
            const quint64 to = std::min(it->to, it->from + 4 * kStretch);
            const storage::LogPage page = m_store->read(it.key(), it->from, int(to - it->from + 1),
                                                        16 * 1024 * 1024);
            QHash<quint64, MessagePtr>& messages = loaded[it.key()];
            for (const storage::LogRecord& record : page.records)
                messages.insert(record.offset, messageFromRecord(record));
        }
        for (size_t i = 0; i < stretch && i < session.queue.size(); ++i) {
            Delivery& d = session.queue[i];
            if (d.message)
                continue;
            if (const auto topic = loaded.constFind(d.logTopic); topic != loaded.cend())
                d.message = topic->value(d.logOffset);
        }
        if (!session.queue.front().message)
            dropFrontOfQueue(session); // gone from the log (retention, damage)
    }
    return !session.queue.empty();
}

void BrokerCore::dropFrontOfQueue(Session& session)
{
    journalDone(session, session.queue.front());
    session.queue.pop_front();
    --m_queuedTotal;
    m_counters.add(m_counters.messagesDropped);
}

void BrokerCore::journal(const QByteArray& record)
{
    m_journal->append(record);
    scheduleCommit();
}

void BrokerCore::sessionConnected(Session& session)
{
    if (!m_journal)
        return;
    journalWill(session);
    if (session.journalKey == 0) {
        if (session.expiryInterval == 0)
            return;
        session.journalKey = m_nextSessionKey++;
        journalWholeSession(session);
        return;
    }
    journal(journal::sessionUpsert(session.journalKey, session.clientId(), quint8(session.version),
                                   session.expiryInterval));
}

void BrokerCore::journalWholeSession(Session& session)
{
    const quint32 key = session.journalKey;
    journal(journal::sessionUpsert(key, session.clientId(), quint8(session.version), session.expiryInterval));
    for (auto it = session.subscriptions.cbegin(); it != session.subscriptions.cend(); ++it)
        journal(journal::subscribe(key, it.key(), it.value()));
    for (Delivery& delivery : session.queue)
        journalDelivery(session, delivery, 0);
    for (auto it = session.inflight.begin(); it != session.inflight.end(); ++it)
        journalDelivery(session, it->delivery, it.key());
    for (quint16 packetId : std::as_const(session.inboundQos2))
        journal(journal::qos2In(key, packetId));
}

void BrokerCore::journalDelivery(Session& session, Delivery& delivery, quint16 packetId)
{
    if (!isJournaled(session) || !delivery.message || delivery.message->logOffset == Message::kNotStored)
        return;
    if (delivery.journalSeq == 0) {
        delivery.journalSeq = session.nextSequence();
        journal(journal::queue(session.journalKey, delivery.journalSeq, persisted(delivery, 0, false)));
    }
    if (packetId != 0)
        journal(journal::sent(session.journalKey, delivery.journalSeq, packetId));
}

void BrokerCore::journalDone(Session& session, const Delivery& delivery)
{
    if (isJournaled(session) && delivery.journalSeq != 0)
        journal(journal::done(session.journalKey, delivery.journalSeq));
}

void BrokerCore::journalRetained(const Message& message)
{
    if (!m_journal || message.logOffset == Message::kNotStored)
        return;
    journal(message.payload.isEmpty() ? journal::retainClear(message.topic)
                                      : journal::retainSet(toLogRecord(message)));
}

void BrokerCore::markReleased(Session& session, quint16 packetId)
{
    const auto it = session.inflight.find(packetId);
    if (it == session.inflight.end())
        return;
    it->state = InflightMessage::State::AwaitingPubcomp;
    it->delivery.message.reset(); // only the id is needed from now on
    if (isJournaled(session) && it->delivery.journalSeq != 0)
        journal(journal::released(session.journalKey, packetId));
}

void BrokerCore::noteInboundQos2(Session& session, quint16 packetId, bool accepted)
{
    if (accepted)
        session.inboundQos2.insert(packetId);
    else
        session.inboundQos2.remove(packetId);
    if (isJournaled(session))
        journal(accepted ? journal::qos2In(session.journalKey, packetId)
                         : journal::qos2Released(session.journalKey, packetId));
}

bool BrokerCore::flushJournal()
{
    if (!m_journal)
        return true;
    journalGroupCursors();
    if (!m_journal->hasPending())
        return true;
    QString error;
    const bool ok = m_config.storage.fsync == storage::FsyncPolicy::Always ? m_journal->sync(&error)
                                                                           : m_journal->flush(&error);
    if (!ok)
        qCWarning(lcStorage).noquote() << error;
    if (ok && m_journal->size() > std::max(kMinCompactionBytes, 4 * m_journalCompactedSize))
        compactJournal();
    return ok;
}

QList<QByteArray> BrokerCore::journalSnapshot() const
{
    QList<QByteArray> records;
    for (const auto& session : m_sessions) {
        if (session->will)
            records.append(journal::willSet(session->clientId(), persistedWill(*session->will)));
        if (session->journalKey == 0)
            continue;
        const quint32 key = session->journalKey;
        records.append(journal::sessionUpsert(key, session->clientId(), quint8(session->version),
                                              session->expiryInterval));
        for (auto it = session->subscriptions.cbegin(); it != session->subscriptions.cend(); ++it)
            records.append(journal::subscribe(key, it.key(), it.value()));
        for (auto it = session->inflight.cbegin(); it != session->inflight.cend(); ++it) {
            const Delivery& delivery = it->delivery;
            if (delivery.journalSeq == 0)
                continue;
            const bool released = it->state == InflightMessage::State::AwaitingPubcomp;
            // A released message has dropped its payload; its reference is kept in the id.
            records.append(journal::queue(key, delivery.journalSeq, persisted(delivery, it.key(), released)));
            records.append(journal::sent(key, delivery.journalSeq, it.key()));
            if (released)
                records.append(journal::released(key, it.key()));
        }
        for (const Delivery& delivery : session->queue) {
            if (delivery.journalSeq != 0)
                records.append(journal::queue(key, delivery.journalSeq, persisted(delivery, 0, false)));
        }
        for (quint16 packetId : std::as_const(session->inboundQos2))
            records.append(journal::qos2In(key, packetId));
    }
    for (const MessagePtr& message : m_retained.all()) {
        if (message->logOffset != Message::kNotStored)
            records.append(journal::retainSet(toLogRecord(*message)));
    }
    for (const auto& [name, group] : m_groups) {
        const GroupDefinition definition = groupDefinition(*group);
        if (definition.durable || definition.maxDeliveries > 0 || definition.maxLag > 0)
            records.append(journal::groupDefine(name, definition));
        for (const QString& topic : group->topics())
            records.append(journal::groupOffset(name, topic, group->cursor(topic)->committed()));
    }
    for (auto topic = m_letterMarks.cbegin(); topic != m_letterMarks.cend(); ++topic) {
        for (auto mark = topic->cbegin(); mark != topic->cend(); ++mark)
            records.append(journal::letterMark(topic.key(), mark.key(), mark.value()));
    }
    return records;
}

void BrokerCore::compactJournalIfWasteful()
{
    // Compacting costs a write of every live record; worth it only when most of the
    // journal is history (acknowledged deliveries, ended sessions).
    if (m_journal && m_journal->recordCount() > 2 * liveJournalRecords() + 1024)
        compactJournal();
}

qint64 BrokerCore::liveJournalRecords() const
{
    qint64 count = m_retained.count();
    for (const auto& [name, group] : m_groups)
        count += 1 + group->topics().size();
    for (const auto& marks : m_letterMarks)
        count += marks.size();
    for (const auto& session : m_sessions) {
        if (session->will)
            ++count;
        if (session->journalKey != 0)
            count += 1 + session->subscriptions.size() + qint64(session->queue.size())
                + 2 * session->inflight.size() + session->inboundQos2.size();
    }
    return count;
}

void BrokerCore::compactJournal()
{
    if (!m_journal)
        return;
    QString error;
    if (!m_journal->rewrite(journalSnapshot(), &error)) {
        qCWarning(lcStorage).noquote() << u"cannot compact the session journal: %1"_s.arg(error);
        return;
    }
    m_journalCompactedSize = m_journal->size();
}

void BrokerCore::journalWill(const Session& session)
{
    if (!m_journal)
        return;
    const QString& clientId = session.clientId();
    if (session.will) {
        journal(journal::willSet(clientId, persistedWill(*session.will)));
        m_journaledWills.insert(clientId);
    } else {
        forgetJournaledWill(clientId);
    }
}

void BrokerCore::forgetJournaledWill(const QString& clientId)
{
    if (m_journal && m_journaledWills.remove(clientId))
        journal(journal::willClear(clientId));
}

void BrokerCore::restoreWills(const PersistedState& state)
{
    // The broker stopped without a goodbye to these clients: their connections closed
    // then (§3.1.2.5). A will with a delay waits it out from now in the restored session,
    // unless the client is back first; every other will — the session ended with the
    // crash — is published now, so subscribers learn of the loss.
    int published = 0, delayed = 0;
    for (auto it = state.wills.cbegin(); it != state.wills.cend(); ++it) {
        const QString& clientId = it.key();
        m_journaledWills.insert(clientId);
        Session* session = findSession(clientId);
        if (session && it->delaySeconds > 0) {
            session->will = willMessage(*it);
            armWill(*session, it->delaySeconds);
            ++delayed;
        } else {
            publishWillMessage(willMessage(*it), clientId);
            ++published;
        }
    }
    if (published + delayed > 0) {
        qCInfo(lcStorage).noquote()
            << u"%1 wills of clients connected when the broker stopped: %2 published, %3 waiting for their will delay"_s
                   .arg(published + delayed).arg(published).arg(delayed);
    }
}

} // namespace bs::broker
