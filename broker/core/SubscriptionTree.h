#pragma once
// The subscriptions of one broker as a trie of topic levels. Each node holds the plain
// subscribers whose filter ends there and the shared groups ($share/<group>/<filter>)
// whose filter ends there. Matching walks one path per literal level plus the '+' and
// '#' branches, so its cost grows with the depth of the topic, not the subscriber count.
//
// Matches are remembered per topic text until the tree next changes: a broker's topics
// repeat, so a flood of publishes to a few topics costs a hash lookup each, not a walk.
//
// A shared group keeps its members in join order and a round-robin cursor; the router
// picks the member (SharedGroup::pick) because only it knows who has window room.

#include "broker/core/Subscription.h"
#include "broker/protocol/Topic.h"

#include <QHash>
#include <QList>
#include <functional>
#include <memory>

namespace bs::broker {

struct SharedGroup
{
    QString name;
    QString filter;
    QList<SubscriberRef> members;
    qsizetype cursor = 0;

    /// Round robin: the next member, starting after the last one picked, for which
    /// accept(member) is true; nullptr when none is.
    const SubscriberRef* pick(const std::function<bool(const SubscriberRef&)>& accept);
};

struct TopicMatches
{
    QList<SubscriberRef> subscribers;  ///< One entry per matching plain subscription.
    QList<SharedGroup*> sharedGroups;  ///< Each matching shared subscription once.
};

class SubscriptionTree
{
public:
    SubscriptionTree();
    ~SubscriptionTree();

    /// Adds or replaces a subscription. Returns true when it did not exist before.
    bool subscribe(const QString& clientId, const mqtt::SharedFilter& filter,
                   const SubscriptionOptions& options);
    /// Returns true when the subscription existed.
    bool unsubscribe(const QString& clientId, const mqtt::SharedFilter& filter);

    TopicMatches match(const mqtt::TopicName& topic) const;
    /// The same for a valid topic name, from the cache when the tree has not changed since.
    TopicMatches match(const QString& topic) const;
    qsizetype count() const { return m_count; }
    void clear();

private:
    struct Node;
    Node* find(const QString& filter, bool create);
    void prune(const QString& filter);

    std::unique_ptr<Node> m_root;
    qsizetype m_count = 0;
    /// Emptied by every change of the tree (the SharedGroup pointers stay valid until then),
    /// and when it holds kMaxCachedMatches topics.
    mutable QHash<QString, TopicMatches> m_matchCache;
};

} // namespace bs::broker
