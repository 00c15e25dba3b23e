#include "models/history/TopicHistoryStore.h"

#include <QSet>

#include <algorithm>

namespace bs::models {

struct TopicHistoryStore::Ring
{
    std::deque<Entry> entries; ///< Oldest first.
    quint64 arrivals = 0;
};

TopicHistoryStore::TopicHistoryStore(QObject* parent)
    : QObject(parent)
{
}

TopicHistoryStore::~TopicHistoryStore() = default;

qint64 TopicHistoryStore::footprint(const client::MqttMessage& message)
{
    // Heap blocks carry ~16-32 bytes of allocator and Qt header overhead each.
    constexpr qint64 block = 32;
    const client::MessageProperties& p = message.properties;
    qint64 bytes = qint64(sizeof(client::MqttMessage)) + block + qint64(sizeof(Entry) + sizeof(Arrival));
    bytes += message.payload.size() + (message.payload.isEmpty() ? 0 : block);
    bytes += message.topic.size() * 2 + block;
    bytes += (p.contentType.size() + p.responseTopic.size()) * 2 + p.correlationData.size();
    for (const client::UserProperty& property : p.userProperties)
        bytes += (property.name.size() + property.value.size()) * 2 + 2 * block;
    bytes += p.subscriptionIdentifiers.size() * 4;
    return bytes;
}

void TopicHistoryStore::ingest(const client::MqttMessageBatch& messages)
{
    for (const client::MqttMessagePtr& message : messages) {
        if (!message)
            continue;
        std::shared_ptr<Ring>& slot = m_rings[message->topic];
        if (!slot)
            slot = std::make_shared<Ring>();
        Ring& ring = *slot;
        const quint64 sequence = m_nextSequence++;
        ring.entries.push_back(Entry{sequence, message});
        ++ring.arrivals;
        m_arrivals.push_back(Arrival{&ring, sequence});
        m_bytes += footprint(*message);
        ++m_messageCount;
        if (ring.entries.size() > size_t(m_capacity))
            dropOldest(ring);
    }
    enforceBudget();
    compactArrivals();
    if (!messages.isEmpty())
        emit appended();
}

void TopicHistoryStore::dropOldest(Ring& ring)
{
    m_bytes -= footprint(*ring.entries.front().message);
    --m_messageCount;
    ring.entries.pop_front();
}

void TopicHistoryStore::enforceBudget()
{
    while (m_bytes > m_budget && !m_arrivals.empty()) {
        const Arrival oldest = m_arrivals.front();
        m_arrivals.pop_front();
        Ring& ring = *oldest.ring;
        if (!ring.entries.empty() && ring.entries.front().sequence == oldest.sequence)
            dropOldest(ring);
        // else: already gone by the per-topic capacity (a stale entry)
    }
}

void TopicHistoryStore::compactArrivals()
{
    auto stale = [](const Arrival& a) {
        return a.ring->entries.empty() || a.sequence < a.ring->entries.front().sequence;
    };
    while (!m_arrivals.empty() && stale(m_arrivals.front()))
        m_arrivals.pop_front();
    if (qint64(m_arrivals.size()) > 2 * m_messageCount + 1024)
        std::erase_if(m_arrivals, stale);
}

void TopicHistoryStore::setCapacityPerTopic(int capacity)
{
    m_capacity = std::max(1, capacity);
    for (const std::shared_ptr<Ring>& ring : std::as_const(m_rings)) {
        while (ring->entries.size() > size_t(m_capacity))
            dropOldest(*ring);
    }
    compactArrivals();
}

void TopicHistoryStore::setByteBudget(qint64 bytes)
{
    m_budget = std::max<qint64>(0, bytes);
    enforceBudget();
    compactArrivals();
}

int TopicHistoryStore::size(const QString& topic) const
{
    const auto it = m_rings.constFind(topic);
    return it == m_rings.cend() ? 0 : int((*it)->entries.size());
}

quint64 TopicHistoryStore::arrivals(const QString& topic) const
{
    const auto it = m_rings.constFind(topic);
    return it == m_rings.cend() ? 0 : (*it)->arrivals;
}

QList<TopicHistoryStore::Entry> TopicHistoryStore::entries(const QString& topic) const
{
    return entriesAfter(topic, 0);
}

QList<TopicHistoryStore::Entry> TopicHistoryStore::entriesAfter(const QString& topic, quint64 afterSequence) const
{
    const auto it = m_rings.constFind(topic);
    if (it == m_rings.cend())
        return {};
    const std::deque<Entry>& ring = (*it)->entries;
    const auto first = std::upper_bound(ring.begin(), ring.end(), afterSequence,
                                        [](quint64 seq, const Entry& e) { return seq < e.sequence; });
    return QList<Entry>(first, ring.end());
}

quint64 TopicHistoryStore::oldestSequence(const QString& topic) const
{
    const auto it = m_rings.constFind(topic);
    if (it == m_rings.cend() || (*it)->entries.empty())
        return 0;
    return (*it)->entries.front().sequence;
}

void TopicHistoryStore::removeTopic(const QString& topic)
{
    eraseRings([&topic](const QString& t) { return t == topic; });
}

void TopicHistoryStore::removeSubtree(const QString& prefix)
{
    if (prefix == u"#") {
        clear();
        return;
    }
    const QString level = prefix.endsWith(u"/#") ? prefix.chopped(2) : prefix;
    const QString below = level + u'/';
    eraseRings([&](const QString& t) { return t == level || t.startsWith(below); });
}

void TopicHistoryStore::clear()
{
    eraseRings([](const QString&) { return true; });
}

void TopicHistoryStore::eraseRings(const std::function<bool(const QString&)>& match)
{
    QSet<const Ring*> gone;
    for (auto it = m_rings.begin(); it != m_rings.end();) {
        if (!match(it.key())) {
            ++it;
            continue;
        }
        Ring& ring = **it;
        while (!ring.entries.empty())
            dropOldest(ring);
        gone.insert(&ring);
        it = m_rings.erase(it);
    }
    if (gone.isEmpty())
        return;
    if (m_rings.isEmpty())
        m_arrivals.clear();
    else
        std::erase_if(m_arrivals, [&gone](const Arrival& a) { return gone.contains(a.ring); });
    emit removed();
}

} // namespace bs::models
