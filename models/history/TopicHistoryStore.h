#pragma once
// Recent messages per topic, bounded twice: a ring of at most capacityPerTopic() messages
// per topic, and a global byte budget over all topics (oldest messages evicted first,
// whatever their topic). The budget counts an estimate of what a message really holds in
// memory (footprint(): payload, topic, properties, and the object overhead), not only the
// payload, so the budget bounds the process's memory even for floods of tiny messages.
//
// Every stored message gets a sequence number from one store-wide counter. Rings are in
// arrival order, and so is m_arrivals, the store-wide eviction queue of (ring, sequence).
// An entry whose message already left its ring (per-topic capacity) is stale and is
// skipped when reached; the queue is compacted when stale entries outnumber live ones,
// so it stays O(live messages).

#include "client/MqttMessage.h"

#include <QHash>
#include <QObject>

#include <deque>
#include <functional>
#include <memory>

namespace bs::models {

class TopicHistoryStore : public QObject
{
    Q_OBJECT
public:
    static constexpr int kDefaultCapacityPerTopic = 1000;
    static constexpr qint64 kDefaultByteBudget = 256 * 1024 * 1024;

    struct Entry
    {
        quint64 sequence = 0;
        client::MqttMessagePtr message;
    };

    explicit TopicHistoryStore(QObject* parent = nullptr);
    ~TopicHistoryStore() override;

    /// Shrinking applies at once (oldest messages go).
    void setCapacityPerTopic(int capacity);
    int capacityPerTopic() const { return m_capacity; }
    /// Shrinking applies at once.
    void setByteBudget(qint64 bytes);
    qint64 byteBudget() const { return m_budget; }

    qint64 bytesHeld() const { return m_bytes; }
    qint64 messageCount() const { return m_messageCount; }
    int topicCount() const { return int(m_rings.size()); }

    /// Messages held for topic.
    int size(const QString& topic) const;
    /// Messages that ever arrived on topic since it was (re)created here, evicted ones
    /// included. Goes back to 0 when the topic is removed.
    quint64 arrivals(const QString& topic) const;
    /// Oldest first.
    QList<Entry> entries(const QString& topic) const;
    /// Oldest first, only those with a sequence above afterSequence.
    QList<Entry> entriesAfter(const QString& topic, quint64 afterSequence) const;
    /// Sequence of the oldest message held for topic; 0 when none.
    quint64 oldestSequence(const QString& topic) const;

    void removeTopic(const QString& topic);
    /// "a/b" or "a/b/#": the topic and everything below it.
    void removeSubtree(const QString& prefix);
    void clear();

    /// What a message holds in memory, roughly: the number the byte budget counts.
    static qint64 footprint(const client::MqttMessage& message);

public slots:
    void ingest(const bs::client::MqttMessageBatch& messages);

signals:
    /// After each ingested batch.
    void appended();
    /// After removeTopic / removeSubtree / clear.
    void removed();

private:
    struct Ring;
    struct Arrival
    {
        Ring* ring;
        quint64 sequence;
    };

    void dropOldest(Ring& ring);
    void enforceBudget();
    void compactArrivals();
    void eraseRings(const std::function<bool(const QString&)>& match);

    QHash<QString, std::shared_ptr<Ring>> m_rings;
    std::deque<Arrival> m_arrivals;
    int m_capacity = kDefaultCapacityPerTopic;
    qint64 m_budget = kDefaultByteBudget;
    qint64 m_bytes = 0;
    qint64 m_messageCount = 0;
    quint64 m_nextSequence = 1;
};

} // namespace bs::models

Q_DECLARE_TYPEINFO(bs::models::TopicHistoryStore::Entry, Q_RELOCATABLE_TYPE);
