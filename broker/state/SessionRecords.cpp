#include "broker/state/SessionRecords.h"

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"
#include "broker/storage/RecordCodec.h"

#include <algorithm>
#include <optional>

namespace bs::broker {

void PersistedDeliveries::put(quint64 seq, PersistedDelivery delivery)
{
    if (PersistedDelivery* existing = find(seq)) {
        *existing = std::move(delivery);
        return;
    }
    m_index.insert(seq, qsizetype(m_items.size()));
    m_items.emplace_back(seq, std::move(delivery));
    m_erased.push_back(false);
}

PersistedDelivery* PersistedDeliveries::find(quint64 seq)
{
    const auto it = m_index.constFind(seq);
    return it == m_index.cend() ? nullptr : &m_items[size_t(*it)].second;
}

void PersistedDeliveries::erase(quint64 seq)
{
    const auto it = m_index.constFind(seq);
    if (it == m_index.cend())
        return;
    m_erased[size_t(*it)] = true;
    m_items[size_t(*it)].second = {};
    m_index.erase(it);
}

std::vector<std::pair<quint64, const PersistedDelivery*>> PersistedDeliveries::inOrder() const
{
    std::vector<std::pair<quint64, const PersistedDelivery*>> live;
    live.reserve(size_t(m_index.size()));
    for (size_t i = 0; i < m_items.size(); ++i) {
        if (!m_erased[i])
            live.emplace_back(m_items[i].first, &m_items[i].second);
    }
    if (!std::is_sorted(live.begin(), live.end(), [](const auto& a, const auto& b) { return a.first < b.first; }))
        std::sort(live.begin(), live.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
    return live;
}

} // namespace bs::broker

namespace bs::broker::journal {

namespace {

enum class Type : quint8
{
    SessionUpsert = 1,
    SessionEnd,
    Subscribe,
    Unsubscribe,
    Queue,
    Sent,
    Released,
    Done,
    Qos2In,
    Qos2Released,
    RetainSet,
    RetainClear,
    GroupOffset,
    GroupDefine,
    GroupDelete,
    LetterMark,
    WillSet,
    WillClear,
};

mqtt::ByteWriter start(Type type, quint32 key)
{
    mqtt::ByteWriter writer;
    writer.u8(quint8(type));
    writer.u32(key);
    return writer;
}

void u64(mqtt::ByteWriter& writer, quint64 value)
{
    writer.u32(quint32(value >> 32));
    writer.u32(quint32(value));
}

quint64 u64(mqtt::ByteReader& reader)
{
    const quint64 high = reader.u32();
    return (high << 32) | reader.u32();
}

/// Topic strings can be 65,535 bytes, client ids and filters too: u16-length UTF-8.
void text(mqtt::ByteWriter& writer, const QString& value)
{
    writer.utf8(value);
}

} // namespace

QByteArray sessionUpsert(quint32 key, const QString& clientId, quint8 version, quint32 expiry)
{
    auto w = start(Type::SessionUpsert, key);
    text(w, clientId);
    w.u8(version);
    w.u32(expiry);
    return w.bytes();
}

QByteArray sessionEnd(quint32 key)
{
    return start(Type::SessionEnd, key).bytes();
}

QByteArray subscribe(quint32 key, const QString& filter, const SubscriptionOptions& options)
{
    auto w = start(Type::Subscribe, key);
    text(w, filter);
    w.u8(options.qos);
    w.u8(quint8((options.noLocal ? 1 : 0) | (options.retainAsPublished ? 2 : 0)));
    w.u8(options.retainHandling);
    w.u32(options.subscriptionId);
    return w.bytes();
}

QByteArray unsubscribe(quint32 key, const QString& filter)
{
    auto w = start(Type::Unsubscribe, key);
    text(w, filter);
    return w.bytes();
}

QByteArray queue(quint32 key, quint64 seq, const PersistedDelivery& delivery)
{
    auto w = start(Type::Queue, key);
    u64(w, seq);
    text(w, delivery.topic);
    u64(w, delivery.offset);
    w.u8(quint8(delivery.qos | (delivery.retain ? 4 : 0)));
    w.u16(quint16(delivery.subscriptionIds.size()));
    for (quint32 id : delivery.subscriptionIds)
        w.u32(id);
    return w.bytes();
}

QByteArray sent(quint32 key, quint64 seq, quint16 packetId)
{
    auto w = start(Type::Sent, key);
    u64(w, seq);
    w.u16(packetId);
    return w.bytes();
}

QByteArray released(quint32 key, quint16 packetId)
{
    auto w = start(Type::Released, key);
    w.u16(packetId);
    return w.bytes();
}

QByteArray done(quint32 key, quint64 seq)
{
    auto w = start(Type::Done, key);
    u64(w, seq);
    return w.bytes();
}

QByteArray qos2In(quint32 key, quint16 packetId)
{
    auto w = start(Type::Qos2In, key);
    w.u16(packetId);
    return w.bytes();
}

QByteArray qos2Released(quint32 key, quint16 packetId)
{
    auto w = start(Type::Qos2Released, key);
    w.u16(packetId);
    return w.bytes();
}

QByteArray retainSet(const storage::LogRecord& message)
{
    auto w = start(Type::RetainSet, 0);
    w.raw(storage::encodeRecord(message));
    return w.bytes();
}

QByteArray retainClear(const QString& topic)
{
    auto w = start(Type::RetainClear, 0);
    text(w, topic);
    return w.bytes();
}

QByteArray groupOffset(const QString& group, const QString& topic, quint64 committed)
{
    auto w = start(Type::GroupOffset, 0);
    text(w, group);
    text(w, topic);
    u64(w, committed);
    return w.bytes();
}

QByteArray groupDefine(const QString& group, const GroupDefinition& definition)
{
    auto w = start(Type::GroupDefine, 0);
    text(w, group);
    w.u16(quint16(definition.filters.size()));
    for (const QString& filter : definition.filters)
        text(w, filter);
    w.u32(quint32(definition.maxDeliveries));
    u64(w, definition.maxLag);
    w.u8(definition.durable ? 1 : 0);
    return w.bytes();
}

QByteArray groupDelete(const QString& group)
{
    auto w = start(Type::GroupDelete, 0);
    text(w, group);
    return w.bytes();
}

QByteArray letterMark(const QString& topic, quint64 offset, const LetterMark& mark)
{
    auto w = start(Type::LetterMark, 0);
    text(w, topic);
    u64(w, offset);
    w.u32(quint32(mark.replays));
    u64(w, quint64(mark.lastReplayMs));
    text(w, mark.lastRequestId);
    text(w, mark.lastTarget);
    w.u8(mark.purged ? 1 : 0);
    return w.bytes();
}

QByteArray willSet(const QString& clientId, const PersistedWill& will)
{
    auto w = start(Type::WillSet, 0);
    text(w, clientId);
    w.u32(will.delaySeconds);
    w.raw(storage::encodeRecord(will.message));
    return w.bytes();
}

QByteArray willClear(const QString& clientId)
{
    auto w = start(Type::WillClear, 0);
    text(w, clientId);
    return w.bytes();
}

namespace {
std::optional<storage::LogRecord> decodeStoredRecord(const QByteArray& encoded)
{
    if (encoded.size() < storage::kRecordHeaderSize)
        return std::nullopt;
    return storage::decodeRecord(QByteArrayView(encoded).first(storage::kRecordHeaderSize),
                                 QByteArrayView(encoded).sliced(storage::kRecordHeaderSize));
}
} // namespace

bool apply(PersistedState& state, const QByteArray& record)
{
    mqtt::ByteReader r(record);
    const auto type = Type(r.u8());
    const quint32 key = r.u32();
    if (!r.ok())
        return false;
    auto session = [&]() -> PersistedSession* {
        const auto it = state.sessions.find(key);
        return it == state.sessions.end() ? nullptr : &*it;
    };
    switch (type) {
    case Type::SessionUpsert: {
        PersistedSession& s = state.sessions[key];
        s.clientId = r.utf8();
        s.version = r.u8();
        s.expiryInterval = r.u32();
        return r.ok();
    }
    case Type::SessionEnd:
        state.sessions.remove(key);
        return true;
    case Type::Subscribe: {
        const QString filter = r.utf8();
        SubscriptionOptions options;
        options.qos = r.u8();
        const quint8 flags = r.u8();
        options.noLocal = flags & 1;
        options.retainAsPublished = flags & 2;
        options.retainHandling = r.u8();
        options.subscriptionId = r.u32();
        if (PersistedSession* s = session(); s && r.ok())
            s->subscriptions.insert(filter, options);
        return r.ok();
    }
    case Type::Unsubscribe: {
        const QString filter = r.utf8();
        if (PersistedSession* s = session(); s && r.ok())
            s->subscriptions.remove(filter);
        return r.ok();
    }
    case Type::Queue: {
        const quint64 seq = u64(r);
        PersistedDelivery d;
        const QString topic = r.utf8();
        const auto interned = state.topics.constFind(topic);
        d.topic = interned != state.topics.cend() ? *interned : *state.topics.insert(topic);
        d.offset = u64(r);
        const quint8 flags = r.u8();
        d.qos = flags & 3;
        d.retain = flags & 4;
        const quint16 ids = r.u16();
        for (quint16 i = 0; i < ids && r.ok(); ++i)
            d.subscriptionIds.append(r.u32());
        if (PersistedSession* s = session(); s && r.ok())
            s->deliveries.put(seq, std::move(d));
        return r.ok();
    }
    case Type::Sent: {
        const quint64 seq = u64(r);
        const quint16 packetId = r.u16();
        if (PersistedSession* s = session(); s && r.ok()) {
            if (PersistedDelivery* d = s->deliveries.find(seq)) {
                d->packetId = packetId;
                s->seqByPacketId.insert(packetId, seq);
            }
        }
        return r.ok();
    }
    case Type::Released: {
        const quint16 packetId = r.u16();
        if (PersistedSession* s = session(); s && r.ok()) {
            const auto seq = s->seqByPacketId.constFind(packetId);
            if (seq != s->seqByPacketId.cend()) {
                if (PersistedDelivery* d = s->deliveries.find(*seq))
                    d->released = true;
            }
        }
        return r.ok();
    }
    case Type::Done: {
        const quint64 seq = u64(r);
        if (PersistedSession* s = session(); s && r.ok()) {
            if (const PersistedDelivery* d = s->deliveries.find(seq); d && d->packetId != 0)
                s->seqByPacketId.remove(d->packetId);
            s->deliveries.erase(seq);
        }
        return r.ok();
    }
    case Type::Qos2In:
    case Type::Qos2Released: {
        const quint16 packetId = r.u16();
        if (PersistedSession* s = session(); s && r.ok()) {
            if (type == Type::Qos2In)
                s->inboundQos2.insert(packetId);
            else
                s->inboundQos2.remove(packetId);
        }
        return r.ok();
    }
    case Type::RetainSet: {
        const auto message = decodeStoredRecord(r.rest());
        if (!message)
            return false;
        state.retained.insert(message->topic, *message);
        return true;
    }
    case Type::RetainClear: {
        const QString topic = r.utf8();
        state.retained.remove(topic);
        return r.ok();
    }
    case Type::GroupOffset: {
        const QString group = r.utf8();
        const QString topic = r.utf8();
        const quint64 committed = u64(r);
        if (r.ok())
            state.groupOffsets[group].insert(topic, committed);
        return r.ok();
    }
    case Type::GroupDefine: {
        const QString group = r.utf8();
        GroupDefinition definition;
        const quint16 count = r.u16();
        for (quint16 i = 0; i < count && r.ok(); ++i)
            definition.filters.append(r.utf8());
        definition.maxDeliveries = int(r.u32());
        definition.maxLag = u64(r);
        definition.durable = r.u8() != 0;
        if (r.ok())
            state.groupDefinitions.insert(group, definition);
        return r.ok();
    }
    case Type::GroupDelete: {
        const QString group = r.utf8();
        if (r.ok()) {
            state.groupDefinitions.remove(group);
            state.groupOffsets.remove(group);
        }
        return r.ok();
    }
    case Type::LetterMark: {
        const QString topic = r.utf8();
        const quint64 offset = u64(r);
        LetterMark mark;
        mark.replays = int(r.u32());
        mark.lastReplayMs = qint64(u64(r));
        mark.lastRequestId = r.utf8();
        mark.lastTarget = r.utf8();
        mark.purged = r.u8() != 0;
        if (r.ok())
            state.letterMarks[topic].insert(offset, mark);
        return r.ok();
    }
    case Type::WillSet: {
        const QString clientId = r.utf8();
        PersistedWill will;
        will.delaySeconds = r.u32();
        if (!r.ok())
            return false;
        const auto message = decodeStoredRecord(r.rest());
        if (!message)
            return false;
        will.message = *message;
        state.wills.insert(clientId, std::move(will));
        return true;
    }
    case Type::WillClear: {
        const QString clientId = r.utf8();
        if (r.ok())
            state.wills.remove(clientId);
        return r.ok();
    }
    }
    return false;
}

} // namespace bs::broker::journal
