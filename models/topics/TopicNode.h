#pragma once
// One level of the topic tree. A node exists for every prefix of every topic seen
// ("a", "a/b", "a/b/c" for a message on a/b/c); it holds only the last message published
// to exactly its topic (none for pure intermediate levels), counters aggregated over its
// subtree, and a RateWindow also aggregated over its subtree. Children keep arrival
// order (new ones are appended, so inserts are contiguous per parent); `row` is the
// node's index in its parent's children and is renumbered when a sibling is removed.

#include "client/MqttMessage.h"
#include "models/topics/RateWindow.h"

#include <memory>
#include <vector>

namespace bs::models {

struct TopicNode
{
    QString name;      ///< This level, e.g. "c".
    QString fullTopic; ///< "a/b/c"; also the key in the model's lookup table.
    TopicNode* parent = nullptr;
    std::vector<std::unique_ptr<TopicNode>> children;
    int row = 0;

    client::MqttMessagePtr lastMessage; ///< Null for levels nobody published to.
    quint64 ownCount = 0;   ///< Messages on exactly this topic.
    quint64 totalCount = 0; ///< ownCount plus all descendants'.
    qint64 lastUpdateMs = 0;  ///< Newest message in the subtree (msecs since epoch).
    qint64 lastChangedMs = 0; ///< When this topic's payload last changed.
    double rate = 0;          ///< Subtree msg/s, as of the last tick.
    RateWindow window;

    quint32 createdTick = 0; ///< Tick that created it: not yet in the model until that tick's inserts.
    quint32 becameTopicTick = 0; ///< Tick in which its first message arrived.
    // As a parent: the range of its children changed in tick childrenDirtyTick.
    quint32 childrenDirtyTick = 0;
    int firstDirtyChild = 0;
    int lastDirtyChild = 0;
    bool childBecameTopic = false;
    bool rateActive = false; ///< In the model's list of nodes whose rate is not yet 0.

    bool isTopic() const { return lastMessage != nullptr; }
    bool isRetained() const { return lastMessage && lastMessage->retain && !lastMessage->payload.isEmpty(); }
};

} // namespace bs::models
