#include "broker/core/SubscriptionTree.h"

#include <unordered_map>
#include <vector>

namespace bs::broker {

struct SubscriptionTree::Node
{
    std::unordered_map<QString, std::unique_ptr<Node>> children;
    QList<SubscriberRef> subscribers;
    std::vector<std::unique_ptr<SharedGroup>> groups;

    bool isEmpty() const { return children.empty() && subscribers.isEmpty() && groups.empty(); }
};

const SubscriberRef* SharedGroup::pick(const std::function<bool(const SubscriberRef&)>& accept)
{
    const qsizetype n = members.size();
    for (qsizetype step = 0; step < n; ++step) {
        const qsizetype index = (cursor + step) % n;
        if (accept(members[index])) {
            cursor = (index + 1) % n;
            return &members[index];
        }
    }
    return nullptr;
}

SubscriptionTree::SubscriptionTree() : m_root(std::make_unique<Node>()) {}
SubscriptionTree::~SubscriptionTree() = default;

void SubscriptionTree::clear()
{
    m_root = std::make_unique<Node>();
    m_count = 0;
    m_matchCache.clear();
}

SubscriptionTree::Node* SubscriptionTree::find(const QString& filter, bool create)
{
    Node* node = m_root.get();
    const QStringList levels = filter.split(u'/');
    for (const QString& level : levels) {
        auto it = node->children.find(level);
        if (it == node->children.end()) {
            if (!create)
                return nullptr;
            it = node->children.emplace(level, std::make_unique<Node>()).first;
        }
        node = it->second.get();
    }
    return node;
}

bool SubscriptionTree::subscribe(const QString& clientId, const mqtt::SharedFilter& filter,
                                 const SubscriptionOptions& options)
{
    m_matchCache.clear();
    Node* node = find(filter.filter.toString(), true);
    QList<SubscriberRef>* members = &node->subscribers;
    if (filter.isShared()) {
        SharedGroup* group = nullptr;
        for (auto& g : node->groups) {
            if (g->name == filter.group)
                group = g.get();
        }
        if (!group) {
            node->groups.push_back(std::make_unique<SharedGroup>());
            group = node->groups.back().get();
            group->name = filter.group;
            group->filter = filter.filter.toString();
        }
        members = &group->members;
    }
    for (SubscriberRef& ref : *members) {
        if (ref.clientId == clientId) {
            ref.options = options;
            return false;
        }
    }
    members->append({clientId, options});
    ++m_count;
    return true;
}

bool SubscriptionTree::unsubscribe(const QString& clientId, const mqtt::SharedFilter& filter)
{
    m_matchCache.clear();
    Node* node = find(filter.filter.toString(), false);
    if (!node)
        return false;
    auto removeFrom = [&clientId](QList<SubscriberRef>& list) {
        return list.removeIf([&](const SubscriberRef& r) { return r.clientId == clientId; }) > 0;
    };
    bool removed = false;
    if (filter.isShared()) {
        for (auto it = node->groups.begin(); it != node->groups.end(); ++it) {
            SharedGroup& group = **it;
            if (group.name != filter.group)
                continue;
            removed = removeFrom(group.members);
            if (group.members.isEmpty())
                node->groups.erase(it);
            else
                group.cursor %= group.members.size();
            break;
        }
    } else {
        removed = removeFrom(node->subscribers);
    }
    if (removed) {
        --m_count;
        prune(filter.filter.toString());
    }
    return removed;
}

void SubscriptionTree::prune(const QString& filter)
{
    // Walk down remembering the path, then drop empty nodes bottom-up.
    QList<std::pair<Node*, QString>> path;
    Node* node = m_root.get();
    for (const QString& level : filter.split(u'/')) {
        auto it = node->children.find(level);
        if (it == node->children.end())
            return;
        path.append({node, level});
        node = it->second.get();
    }
    for (qsizetype i = path.size() - 1; i >= 0; --i) {
        Node* parent = path[i].first;
        const QString& level = path[i].second;
        if (!parent->children.at(level)->isEmpty())
            break;
        parent->children.erase(level);
    }
}

namespace {

void collect(const auto* node, TopicMatches& out)
{
    out.subscribers.append(node->subscribers);
    for (const auto& group : node->groups)
        out.sharedGroups.append(group.get());
}

template <typename NodeT>
void walk(const NodeT* node, const QStringList& levels, qsizetype depth, bool isSystem,
          TopicMatches& out)
{
    const bool wildcardsAllowed = !(depth == 0 && isSystem); // §4.7.2
    if (wildcardsAllowed) {
        if (auto it = node->children.find(QStringLiteral("#")); it != node->children.end())
            collect(it->second.get(), out);
    }
    if (depth == levels.size()) {
        collect(node, out);
        return;
    }
    if (auto it = node->children.find(levels[depth]); it != node->children.end())
        walk(it->second.get(), levels, depth + 1, isSystem, out);
    if (wildcardsAllowed) {
        if (auto it = node->children.find(QStringLiteral("+")); it != node->children.end())
            walk(it->second.get(), levels, depth + 1, isSystem, out);
    }
}

} // namespace

TopicMatches SubscriptionTree::match(const mqtt::TopicName& topic) const
{
    TopicMatches out;
    walk(m_root.get(), topic.levels(), 0, topic.isSystem(), out);
    return out;
}

TopicMatches SubscriptionTree::match(const QString& topic) const
{
    constexpr qsizetype kMaxCachedMatches = 4096;
    if (const auto it = m_matchCache.constFind(topic); it != m_matchCache.cend())
        return *it;
    if (m_matchCache.size() >= kMaxCachedMatches)
        m_matchCache.clear();
    return *m_matchCache.insert(topic, match(mqtt::TopicName(topic)));
}

} // namespace bs::broker
