#pragma once
// The live topic tree of the topic explorer: one row per topic level (split on '/'),
// fed with message batches from the client. ingest() only queues; a 50 ms timer applies
// everything queued as one batch (at most 20 model updates a second, however fast
// messages arrive): new rows are inserted with one beginInsertRows per parent, changed
// rows get one coalesced dataChanged per parent. Counts and rates are aggregated up the
// tree. The timer keeps ticking while any rate is above 0, so rates decay to 0 after a
// topic goes quiet, then it stops. When a tick itself takes long (a slow or busy machine:
// the time counts the views' synchronous handling of the signals too), the interval
// stretches to three times that cost, up to 250 ms, so updates never take more than about
// a third of the GUI thread.
//
// Memory per node: the last message (shared with the client and the history), counters
// and a 56-byte RateWindow; 10,000 topics take a few MB.

#include "client/MqttMessage.h"

#include <QAbstractItemModel>
#include <QHash>
#include <QTimer>

#include <functional>
#include <memory>
#include <unordered_map>
#include <vector>

namespace bs::models {

struct TopicNode;

class TopicTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column
    {
        TopicColumn,
        MessagesColumn,
        RateColumn,
        PayloadColumn,
        RetainedColumn,
        QosColumn,
        LastUpdateColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        FullTopicRole = Qt::UserRole + 1, ///< QString "a/b/c".
        LastMessageRole,  ///< MqttMessagePtr (null for levels nobody published to).
        LastChangedRole,  ///< qint64 msecs since epoch when the payload last changed (0: never).
        IsRetainedRole,   ///< bool: the last message had RETAIN=1 and was not a clear.
        MessageCountRole, ///< qulonglong, subtree total.
        RateRole,         ///< double msg/s over ~5 s, subtree total.
        LastUpdateRole,   ///< qint64 msecs since epoch of the newest message in the subtree.
        QosRole,          ///< int QoS of the last message, -1 for none.
        IsTopicRole,      ///< bool: a message was published to exactly this topic (not just a level).
    };
    Q_ENUM(Role)

    /// Milliseconds since the epoch; replaceable so tests can move time.
    using Clock = std::function<qint64()>;

    /// The roles a tick's dataChanged carries. IsTopicRole (what filters look at) is added
    /// only when a level became a topic or stopped being one, so a recursive filter proxy
    /// (filterRole = IsTopicRole) re-checks ancestors only then, not on every message.
    static QList<int> changedRoles(bool topicStateChanged);

    static constexpr int kUpdateIntervalMs = 50;
    static constexpr int kMaxUpdateIntervalMs = 250;
    /// A timer tick applies at most this many queued messages (a few tens of ms of work);
    /// a backlog (say, after the GUI thread was blocked) drains over the next ticks.
    static constexpr int kMaxMessagesPerTick = 20'000;
    static constexpr int kPreviewChars = 80;

    explicit TopicTreeModel(QObject* parent = nullptr);
    ~TopicTreeModel() override;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    bool hasChildren(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;
    QHash<int, QByteArray> roleNames() const override;

    /// Sorting without QVariant: the number a numeric column sorts by (Messages, Rate,
    /// Retained, QoS, Last update); NaN for the text columns.
    double sortKey(const QModelIndex& index) const;
    /// The level's own name ("c" for a/b/c), as stored.
    const QString& levelName(const QModelIndex& index) const;

    /// The row of a topic or level ("a/b"), invalid when unknown (or still queued).
    QModelIndex indexOfTopic(const QString& topic, int column = 0) const;
    /// Topics under index (itself included) whose last message is retained and not a
    /// clear; an invalid index means the whole tree. For "delete retained subtree".
    QStringList retainedTopicsUnder(const QModelIndex& index) const;

    /// Forgets one topic's messages (queued ones included); its row goes away unless it
    /// has children, and so do levels left empty. False when the topic is unknown.
    bool removeTopic(const QString& topic);
    /// Forgets a level and everything below it ("a/b" or "a/b/#"; "#" clears all).
    bool removeSubtree(const QString& prefix);
    void clear();

    quint64 totalMessageCount() const;
    int topicCount() const { return m_topicCount; } ///< Topics with a message (not levels).
    int pendingMessageCount() const { return int(m_pending.size()); }
    bool isTicking() const { return m_timer.isActive(); }
    /// kUpdateIntervalMs, or more while ticks are expensive.
    int updateIntervalMs() const { return m_timer.interval(); }

    void setClock(Clock clock);

public slots:
    /// Queues messages; they appear at the next tick.
    void ingest(const bs::client::MqttMessageBatch& messages);
    /// Applies everything queued and refreshes rates now (each timer tick applies up to
    /// kMaxMessagesPerTick of the queue the same way).
    void applyPending();

signals:
    /// After each tick that applied messages or changed a rate.
    void batchApplied(int messagesApplied);

private:
    TopicNode* nodeOf(const QModelIndex& index) const;
    QModelIndex indexOfNode(const TopicNode* node, int column = 0) const;
    TopicNode* findOrCreate(const QString& topic);
    TopicNode* createChild(TopicNode* parent, const QString& name, const QString& fullTopic);
    void applyMessage(const client::MqttMessagePtr& message, qint64 now, qint64 slot);
    void insertStagedChildren();
    bool refreshRates(qint64 slot);
    void markDirty(TopicNode* node);
    void emitDirty();
    void removeNode(TopicNode* top);
    void clearOwnMessages(TopicNode* node);
    TopicNode* topmostEmptyAncestor(TopicNode* node) const;
    void applyQueued(qsizetype maxMessages);
    void onTick();
    void startTimerIfNeeded();

    std::unique_ptr<TopicNode> m_root;
    QHash<QString, TopicNode*> m_byTopic; ///< Every node by full topic, staged ones included.
    std::unordered_map<TopicNode*, std::vector<std::unique_ptr<TopicNode>>> m_staged; ///< New children of visible nodes.
    std::vector<TopicNode*> m_dirtyParents; ///< Parents with changed children in this tick.
    std::vector<TopicNode*> m_rateActive;
    client::MqttMessageBatch m_pending;
    QTimer m_timer;
    Clock m_clock;
    quint32 m_tick = 1;
    qint64 m_lastRateSlot = -1;
    int m_topicCount = 0;
};

} // namespace bs::models
