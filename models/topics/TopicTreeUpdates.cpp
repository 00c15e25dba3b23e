// TopicTreeModel: ingest, the coalescing tick, and removal.
//
// A tick (applyPending) runs in three steps so that the view only ever sees complete
// signals: (1) apply every queued message to the nodes, creating missing levels; a new
// child of a node the view already knows is parked in m_staged, a new child of a node
// created in this same tick is attached directly (it travels inside its parent's
// insert); (2) one beginInsertRows/endInsertRows per parent with parked children, always
// appended at the end; (3) refresh rates when the 500 ms rate slot moved, then one
// dataChanged per parent covering its changed rows.
#include "models/topics/TopicNode.h"
#include "models/topics/TopicTreeModel.h"

#include <QElapsedTimer>
#include <QSet>

#include <algorithm>

namespace bs::models {

void TopicTreeModel::ingest(const client::MqttMessageBatch& messages)
{
    if (messages.isEmpty())
        return;
    m_pending.append(messages);
    startTimerIfNeeded();
}

void TopicTreeModel::startTimerIfNeeded()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void TopicTreeModel::onTick()
{
    QElapsedTimer cost;
    cost.start();
    applyQueued(kMaxMessagesPerTick);
    if (m_pending.isEmpty() && m_rateActive.empty()) {
        m_timer.stop();
        return;
    }
    const int interval = int(std::clamp<qint64>(3 * cost.elapsed(), kUpdateIntervalMs, kMaxUpdateIntervalMs));
    if (interval != m_timer.interval())
        m_timer.setInterval(interval); // restarts: the next tick is a full interval away
}

void TopicTreeModel::applyPending()
{
    applyQueued(m_pending.size());
}

void TopicTreeModel::applyQueued(qsizetype maxMessages)
{
    const qint64 now = m_clock();
    const qint64 slot = RateWindow::slotAt(now);
    client::MqttMessageBatch batch;
    if (maxMessages >= m_pending.size()) {
        batch = std::exchange(m_pending, {});
    } else {
        batch = m_pending.first(maxMessages);
        m_pending.remove(0, maxMessages);
    }
    for (const client::MqttMessagePtr& message : batch) {
        if (message)
            applyMessage(message, now, slot);
    }
    insertStagedChildren();
    const bool ratesChanged = refreshRates(slot);
    emitDirty();
    ++m_tick;
    if (!batch.isEmpty() || ratesChanged)
        emit batchApplied(int(batch.size()));
    if (!m_rateActive.empty())
        startTimerIfNeeded();
}

TopicNode* TopicTreeModel::findOrCreate(const QString& topic)
{
    if (TopicNode* known = m_byTopic.value(topic))
        return known;
    TopicNode* node = m_root.get();
    qsizetype start = 0;
    while (true) {
        const qsizetype slash = topic.indexOf(u'/', start);
        const qsizetype end = slash < 0 ? topic.size() : slash;
        const QString prefix = topic.left(end);
        TopicNode* child = m_byTopic.value(prefix);
        if (!child)
            child = createChild(node, topic.mid(start, end - start), prefix);
        node = child;
        if (slash < 0)
            return node;
        start = slash + 1;
    }
}

TopicNode* TopicTreeModel::createChild(TopicNode* parent, const QString& name, const QString& fullTopic)
{
    auto node = std::make_unique<TopicNode>();
    node->name = name;
    node->fullTopic = fullTopic;
    node->parent = parent;
    node->createdTick = m_tick;
    TopicNode* raw = node.get();
    m_byTopic.insert(fullTopic, raw);
    if (parent->createdTick != m_tick) {
        m_staged[parent].push_back(std::move(node)); // the view knows the parent: insert later
    } else {
        raw->row = int(parent->children.size()); // a new parent carries it in its own insert
        parent->children.push_back(std::move(node));
    }
    return raw;
}

void TopicTreeModel::applyMessage(const client::MqttMessagePtr& message, qint64 now, qint64 slot)
{
    TopicNode* leaf = findOrCreate(message->topic);
    if (!leaf->lastMessage) {
        ++m_topicCount;
        leaf->becameTopicTick = m_tick;
    }
    if (!leaf->lastMessage || leaf->lastMessage->payload != message->payload)
        leaf->lastChangedMs = now;
    leaf->lastMessage = message;
    ++leaf->ownCount;
    for (TopicNode* node = leaf; node; node = node->parent) {
        ++node->totalCount;
        node->lastUpdateMs = std::max(node->lastUpdateMs, now);
        node->window.add(slot);
        if (!node->rateActive) {
            node->rateActive = true;
            m_rateActive.push_back(node);
        }
        markDirty(node);
    }
}

void TopicTreeModel::insertStagedChildren()
{
    for (auto& [parent, children] : m_staged) {
        const int first = int(parent->children.size());
        beginInsertRows(indexOfNode(parent), first, first + int(children.size()) - 1);
        for (auto& child : children) {
            child->row = int(parent->children.size());
            parent->children.push_back(std::move(child));
        }
        endInsertRows();
    }
    m_staged.clear();
}

bool TopicTreeModel::refreshRates(qint64 slot)
{
    if (slot == m_lastRateSlot)
        return false; // complete buckets only change when the slot moves
    m_lastRateSlot = slot;
    bool changed = false;
    size_t kept = 0;
    for (TopicNode* node : m_rateActive) {
        const double rate = node->window.rate(slot);
        if (rate != node->rate) {
            node->rate = rate;
            markDirty(node);
            changed = true;
        }
        if (node->window.isEmpty())
            node->rateActive = false;
        else
            m_rateActive[kept++] = node;
    }
    m_rateActive.resize(kept);
    return changed;
}

void TopicTreeModel::markDirty(TopicNode* node)
{
    if (node == m_root.get() || node->createdTick == m_tick)
        return; // the root is no row; a row created in this tick is inserted, not changed
    TopicNode* parent = node->parent;
    const bool becameTopic = node->becameTopicTick == m_tick;
    if (parent->childrenDirtyTick != m_tick) {
        parent->childrenDirtyTick = m_tick;
        parent->firstDirtyChild = parent->lastDirtyChild = node->row;
        parent->childBecameTopic = becameTopic;
        m_dirtyParents.push_back(parent);
        return;
    }
    parent->firstDirtyChild = std::min(parent->firstDirtyChild, node->row);
    parent->lastDirtyChild = std::max(parent->lastDirtyChild, node->row);
    parent->childBecameTopic = parent->childBecameTopic || becameTopic;
}

void TopicTreeModel::emitDirty()
{
    // One dataChanged per parent, over the rows that changed (and the ones between).
    static const QList<int> valuesChanged = changedRoles(false);
    static const QList<int> topicStateChanged = changedRoles(true);
    for (const TopicNode* parent : m_dirtyParents) {
        const QModelIndex parentIndex = indexOfNode(parent);
        emit dataChanged(index(parent->firstDirtyChild, 0, parentIndex),
                         index(parent->lastDirtyChild, ColumnCount - 1, parentIndex),
                         parent->childBecameTopic ? topicStateChanged : valuesChanged);
    }
    m_dirtyParents.clear();
}

bool TopicTreeModel::removeTopic(const QString& topic)
{
    applyPending();
    TopicNode* node = m_byTopic.value(topic);
    if (!node || !node->isTopic())
        return false;
    if (node->children.empty())
        removeNode(topmostEmptyAncestor(node));
    else
        clearOwnMessages(node);
    return true;
}

bool TopicTreeModel::removeSubtree(const QString& prefix)
{
    if (prefix == u"#") {
        const bool any = !m_root->children.empty() || !m_pending.isEmpty();
        clear();
        return any;
    }
    const QString level = prefix.endsWith(u"/#") ? prefix.chopped(2) : prefix;
    applyPending();
    TopicNode* node = m_byTopic.value(level);
    if (!node)
        return false;
    removeNode(topmostEmptyAncestor(node));
    return true;
}

void TopicTreeModel::clear()
{
    beginResetModel();
    m_pending.clear();
    m_staged.clear();
    m_byTopic.clear();
    m_rateActive.clear();
    m_root = std::make_unique<TopicNode>();
    m_topicCount = 0;
    m_lastRateSlot = -1;
    endResetModel();
    m_timer.stop();
}

TopicNode* TopicTreeModel::topmostEmptyAncestor(TopicNode* node) const
{
    TopicNode* top = node;
    while (top->parent != m_root.get() && top->parent->children.size() == 1 && !top->parent->isTopic())
        top = top->parent;
    return top;
}

void TopicTreeModel::clearOwnMessages(TopicNode* node)
{
    const qint64 slot = RateWindow::slotAt(m_clock());
    RateWindow childrenWindow;
    for (const auto& child : node->children)
        childrenWindow.merge(child->window, slot);
    RateWindow own = node->window;
    own.subtract(childrenWindow, slot);
    const quint64 ownCount = node->ownCount;
    node->lastMessage.reset();
    node->ownCount = 0;
    node->lastChangedMs = 0;
    --m_topicCount;
    for (TopicNode* n = node; n; n = n->parent) {
        n->totalCount -= ownCount;
        n->window.subtract(own, slot);
        n->rate = n->window.rate(slot);
        if (n != m_root.get())
            emit dataChanged(indexOfNode(n, 0), indexOfNode(n, ColumnCount - 1));
    }
}

void TopicTreeModel::removeNode(TopicNode* top)
{
    const qint64 slot = RateWindow::slotAt(m_clock());
    QSet<const TopicNode*> rateActiveGone;
    std::vector<const TopicNode*> stack{top};
    while (!stack.empty()) {
        const TopicNode* node = stack.back();
        stack.pop_back();
        m_byTopic.remove(node->fullTopic);
        if (node->isTopic())
            --m_topicCount;
        if (node->rateActive)
            rateActiveGone.insert(node);
        for (const auto& child : node->children)
            stack.push_back(child.get());
    }
    if (!rateActiveGone.isEmpty())
        std::erase_if(m_rateActive, [&](const TopicNode* n) { return rateActiveGone.contains(n); });

    TopicNode* parent = top->parent;
    for (TopicNode* n = parent; n; n = n->parent) {
        n->totalCount -= top->totalCount;
        n->window.subtract(top->window, slot);
        n->rate = n->window.rate(slot);
    }
    const int row = top->row;
    beginRemoveRows(indexOfNode(parent), row, row);
    parent->children.erase(parent->children.begin() + row);
    for (size_t i = size_t(row); i < parent->children.size(); ++i)
        parent->children[i]->row = int(i);
    endRemoveRows();
    for (TopicNode* n = parent; n != m_root.get(); n = n->parent)
        emit dataChanged(indexOfNode(n, 0), indexOfNode(n, ColumnCount - 1));
}

} // namespace bs::models
