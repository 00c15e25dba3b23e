#pragma once
// The records of the session journal (broker/state/JournalFile), and replaying them into
// the state they describe. What MQTT keeps for a persistent session (§4.1) — the session
// itself, its subscriptions, messages queued or in flight to it, inbound QoS 2 ids — and
// the retained messages, as small change records:
//
//   SessionUpsert  key, client id, protocol version, expiry interval
//   SessionEnd     key
//   Subscribe      key, filter, options           Unsubscribe  key, filter
//   Queue          key, seq, topic, log offset, qos, retain, subscription ids
//                  (the message itself stays in the topic's log; this is a reference)
//   Sent           key, seq, packet id            (queued message now in flight)
//   Released       key, packet id                 (PUBREC came; awaiting PUBCOMP)
//   Done           key, seq                       (acknowledged, expired or dropped)
//   Qos2In / Qos2Released  key, packet id         (inbound QoS 2 awaiting PUBREL)
//   RetainSet      a whole stored record (storage/RecordCodec), RetainClear  topic
//   GroupOffset    group, topic, committed offset  (a consumer group's position)
//   GroupDefine    group, filters, max deliveries, max lag  (durable: made by the admin API)
//   GroupDelete    group                          (its offsets and definition are gone)
//   LetterMark     dead-letter topic, offset, replays, last replay time, request id,
//                  purged                         (the newest mark of a dead letter wins)
//   WillSet        client id, will delay, the will as a stored record (any client with a
//                  will, persistent or not: a crash must not swallow it)
//   WillClear      client id                      (published, or discarded by DISCONNECT)
//
// "key" is a number the journal gives a session so records need not repeat its client
// id. Only sessions with a non-zero expiry interval are journaled.

#include "broker/core/Subscription.h"
#include "broker/storage/LogRecord.h"

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QMap>
#include <QSet>
#include <QString>
#include <QStringList>
#include <utility>
#include <vector>

namespace bs::broker {

struct PersistedDelivery
{
    QString topic;
    quint64 offset = 0;
    quint8 qos = 1;
    bool retain = false;
    QList<quint32> subscriptionIds;
    quint16 packetId = 0; ///< 0: still queued; else in flight.
    bool released = false; ///< QoS 2 in flight: PUBREC received.
};

/// A session's queued and in-flight deliveries by seq. Replaying a journal puts, finds and
/// erases millions of them, so: a vector in arrival order, a hash from seq to position,
/// erased entries left as holes and skipped when read.
class PersistedDeliveries
{
public:
    void put(quint64 seq, PersistedDelivery delivery);
    PersistedDelivery* find(quint64 seq);
    void erase(quint64 seq);
    qsizetype size() const { return m_index.size(); }
    /// Live deliveries ordered by seq (the order they were queued).
    std::vector<std::pair<quint64, const PersistedDelivery*>> inOrder() const;

private:
    std::vector<std::pair<quint64, PersistedDelivery>> m_items;
    std::vector<bool> m_erased;
    QHash<quint64, qsizetype> m_index;
};

struct PersistedSession
{
    QString clientId;
    quint8 version = 5;
    quint32 expiryInterval = 0;
    QMap<QString, SubscriptionOptions> subscriptions;
    PersistedDeliveries deliveries;
    QHash<quint16, quint64> seqByPacketId; ///< In-flight deliveries.
    QSet<quint16> inboundQos2;
};

/// A durable consumer group: it exists (and accumulates its filters' messages) without
/// members, until deleted through the admin API.
struct GroupDefinition
{
    QStringList filters;
    int maxDeliveries = 0; ///< 0: the broker's group_max_deliveries.
    quint64 maxLag = 0;    ///< 0: the broker's group_max_lag.
    bool durable = false;
};

/// What happened to one dead letter after it died (its log record never changes).
struct LetterMark
{
    int replays = 0;          ///< Times this letter was replayed.
    qint64 lastReplayMs = 0;  ///< Wall clock of the last replay.
    QString lastRequestId;    ///< The replay request that last replayed it.
    QString lastTarget;       ///< Where it went: group, original, or a topic name.
    bool purged = false;
};

/// A will pending when the journal was written: its client was connected, or within the
/// will delay. Will Delay Interval is not a PUBLISH property, so it is kept beside.
struct PersistedWill
{
    storage::LogRecord message;
    quint32 delaySeconds = 0;
};

struct PersistedState
{
    QHash<quint32, PersistedSession> sessions;
    QMap<QString, storage::LogRecord> retained;
    QSet<QString> topics; ///< Interned topic names: a million references share ten strings.
    QHash<QString, QHash<QString, quint64>> groupOffsets; ///< Group -> topic -> committed.
    QHash<QString, GroupDefinition> groupDefinitions;
    QHash<QString, QMap<quint64, LetterMark>> letterMarks; ///< $DLQ topic -> offset -> mark.
    QHash<QString, PersistedWill> wills; ///< By client id.
    int badRecords = 0;   ///< Records that could not be decoded (skipped).
    qint64 records = 0;   ///< Records replayed.

};

namespace journal {

QByteArray sessionUpsert(quint32 key, const QString& clientId, quint8 version, quint32 expiry);
QByteArray sessionEnd(quint32 key);
QByteArray subscribe(quint32 key, const QString& filter, const SubscriptionOptions& options);
QByteArray unsubscribe(quint32 key, const QString& filter);
QByteArray queue(quint32 key, quint64 seq, const PersistedDelivery& delivery);
QByteArray sent(quint32 key, quint64 seq, quint16 packetId);
QByteArray released(quint32 key, quint16 packetId);
QByteArray done(quint32 key, quint64 seq);
QByteArray qos2In(quint32 key, quint16 packetId);
QByteArray qos2Released(quint32 key, quint16 packetId);
QByteArray retainSet(const storage::LogRecord& message);
QByteArray retainClear(const QString& topic);
QByteArray groupOffset(const QString& group, const QString& topic, quint64 committed);
QByteArray groupDefine(const QString& group, const GroupDefinition& definition);
QByteArray groupDelete(const QString& group);
QByteArray letterMark(const QString& topic, quint64 offset, const LetterMark& mark);
QByteArray willSet(const QString& clientId, const PersistedWill& will);
QByteArray willClear(const QString& clientId);

/// Applies one record to state; false when it cannot be decoded.
bool apply(PersistedState& state, const QByteArray& record);

} // namespace journal
} // namespace bs::broker
