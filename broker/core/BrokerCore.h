#pragma once
// The engine behind Broker: listener, connections, sessions, subscriptions, retained
// messages, routing and $SYS. Everything here runs on the broker's thread. The protocol
// handlers (broker/handlers/) call into it; it is split over several .cpp files by
// concern: BrokerCore.cpp (lifecycle, listener, stats), Sessions.cpp (attach, detach,
// will, expiry), Routing.cpp (publish, deliver, flow control), SysTopics.cpp ($SYS),
// Storage.cpp (message logs, group commit, deferred acknowledgements).

#include "broker/BrokerConfig.h"
#include "broker/BrokerStats.h"
#include "broker/core/Counters.h"
#include "broker/core/IntakeThrottle.h"
#include "broker/core/Message.h"
#include "broker/core/RetainedStore.h"
#include "broker/core/Session.h"
#include "broker/core/SubscriptionTree.h"
#include "broker/protocol/PacketType.h"
#include "broker/protocol/Packets.h"
#include "broker/protocol/ReasonCode.h"
#include "broker/state/SessionRecords.h"
#include "broker/storage/MessageStore.h"

#include <QDateTime>
#include <QElapsedTimer>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QMap>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QThreadPool>
#include <QTimer>
#include <atomic>
#include <functional>
#include <memory>
#include <optional>
#include <set>
#include <unordered_map>

class QTcpServer;

namespace bs::broker {

class ClientConnection;
class ConsumerGroup;
struct DeadLetter;
struct DeadLetterInfo;
class DeadLetterQuery;
struct GroupDefinition;
struct LetterMark;
class JournalFile;
class Transport;
struct PersistedState;

class BrokerCore : public QObject
{
    Q_OBJECT
public:
    explicit BrokerCore(BrokerConfig config, QObject* parent = nullptr);
    ~BrokerCore() override;

    bool listen(QString* error);
    void shutdown();
    bool isListening() const;
    QHostAddress address() const;
    quint16 port() const;

    /// Serves one client over any transport (takes ownership). The TCP listener uses it;
    /// tests drive the protocol through in-memory transports with it.
    ClientConnection* accept(Transport* transport);

    const BrokerConfig& config() const { return m_config; }
    qint64 nowMs() const { return m_clock.elapsed(); }
    Counters& counters() { return m_counters; }
    BrokerStats stats() const;

    // Sessions (Sessions.cpp)
    struct Attached
    {
        Session* session = nullptr;
        bool sessionPresent = false;
    };
    /// Binds the client id's session to the connection, taking it over from another
    /// connection and creating or discarding it as clean start asks.
    Attached attachSession(ClientConnection& connection, const QString& clientId,
                           bool cleanStart);
    /// The connection went away: publish or schedule the will, expire the session.
    void detachSession(ClientConnection& connection);
    Session* findSession(const QString& clientId) const;
    /// CONNECT has set the session's version and expiry: journal it when persistent.
    void sessionConnected(Session& session);
    /// PUBREC (success) for an outbound QoS 2 message: now awaiting PUBCOMP.
    void markReleased(Session& session, quint16 packetId);
    /// An inbound QoS 2 packet id was accepted (true) or released by PUBREL (false).
    void noteInboundQos2(Session& session, quint16 packetId, bool accepted);
    qsizetype sessionCount() const { return m_sessions.size(); }

    // Subscriptions (Routing.cpp)
    /// Returns true when the subscription is new.
    bool subscribe(Session& session, const QString& filterText, const mqtt::SharedFilter& filter,
                   const SubscriptionOptions& options);
    bool unsubscribe(Session& session, const QString& filterText);
    void sendRetained(Session& session, const mqtt::TopicFilter& filter,
                      const SubscriptionOptions& options);

    // Storage (Storage.cpp)
    /// A client's PUBLISH that passed every check: stored in its topic's log, then — once
    /// the write is done (group commit) — routed and acknowledged. Subscribers never see a
    /// message that is not stored. Without a data directory: routed and acknowledged now.
    /// When storage cannot write, v5 QoS 1/2 publishers hear 0x97 Quota exceeded and
    /// the others (QoS 0, v3.1.1) are disconnected; the message is not routed.
    void acceptPublish(ClientConnection& client, std::shared_ptr<Message> message, quint8 qos,
                       quint16 packetId);
    /// Sends a PUBACK (qos 1) or PUBREC (qos 2) after the publishes accepted before it,
    /// so acknowledgements to one connection keep their order.
    void acknowledgeAfterCommit(ClientConnection& client, quint8 qos, quint16 packetId,
                                mqtt::ReasonCode reason);
    /// Calls send(client) once what was journaled so far is written (a persistent session's
    /// SUBACK/UNSUBACK must not promise what a crash could lose), in order with the
    /// acknowledgements before it; at once when the session is not journaled. Not called
    /// when the client is gone meanwhile.
    void afterJournalCommit(ClientConnection& client, std::function<void(ClientConnection&)> send);
    /// Appends a broker-made message (a will) to its log and sets its arrival time and
    /// log offset; false when storage refuses it. $SYS messages are not stored.
    bool storeMessage(Message& message);
    /// The message logs; nullptr when the broker has no data directory.
    storage::MessageStore* messageStore() const { return m_store.get(); }

    // Routing (Routing.cpp)
    /// Routes a message to every matching subscription and applies RETAIN. Returns how
    /// many subscriptions (a shared group counting once) it was routed to.
    int publish(const MessagePtr& message);
    /// Re-sends in-flight messages (DUP) after a session resumes, then the queue.
    void resumeDelivery(Session& session);
    /// Sends queued messages while the client's receive window has room.
    void pump(Session& session);
    /// PUBACK/PUBCOMP (or an error PUBREC) ends an outbound delivery; for a consumer
    /// group's delivery an error reason dead-letters the message.
    void completeInflight(Session& session, quint16 packetId,
                          mqtt::ReasonCode reason = mqtt::ReasonCode::Success);

    // Admin API (Admin.cpp): $CONTROL/brokerscope/v1 request/response.
    static constexpr QStringView kAdminTopic = u"$CONTROL/brokerscope/v1";
    /// $REPLAY/<group>/<topic>: dead letters replayed to one group wait here (DeadLetters.cpp).
    static constexpr QStringView kReplayPrefix = u"$REPLAY/";
    /// The topic a message of a replay log was first published to (others: unchanged).
    static QString replaySourceTopic(const QString& topic);
    struct AdminErrorText
    {
        QString code; ///< Empty: no error.
        QString message;
    };
    void handleAdminRequest(ClientConnection& client, const mqtt::PublishPacket& packet);

    // Consumer groups (Groups.cpp): with storage only.
    bool groupsEnabled() const { return m_store != nullptr; }
    ConsumerGroup* findGroup(const QString& name) const;

private:
    friend class ClientConnection;
    void connectionFinished(ClientConnection* connection);
    void deliver(Session& session, Delivery delivery);
    bool transmit(Session& session, const Delivery& delivery, quint16 packetId, bool dup);
    /// A connected session's queue this long holds the intake back (IntakeThrottle).
    size_t queueHighMark() const;
    void publishWill(Session& session);
    void publishWillMessage(const mqtt::WillMessage& will, const QString& clientId);
    void armWill(Session& session, quint32 delaySeconds);
    // Wills in the journal (Persistence.cpp): a will pending at a crash is published after
    // the restart — at once, or after its delay for a persistent session.
    void journalWill(const Session& session);
    void forgetJournaledWill(const QString& clientId);
    void restoreWills(const PersistedState& state);
    void scheduleExpiry(Session& session);
    void endSession(const QString& clientId);
    void updateGauges();
    void publishSysTopics();
    void publishGroupStats();
    bool openStorage(QString* error);
    // Persistence.cpp: the session journal
    bool openJournal(QString* error);
    void restoreSessions(const PersistedState& state);
    void journal(const QByteArray& record);
    bool isJournaled(const Session& session) const { return m_journal && session.journalKey != 0; }
    void journalWholeSession(Session& session);
    void journalDelivery(Session& session, Delivery& delivery, quint16 packetId);
    void journalDone(Session& session, const Delivery& delivery);
    void journalRetained(const Message& message);
    bool flushJournal();
    void compactJournal();
    void compactJournalIfWasteful();
    qint64 liveJournalRecords() const;
    /// Reads the messages of restored queue entries at the front of the queue; false
    /// when the queue is empty (entries whose message is gone are dropped).
    bool loadQueued(Session& session);
    void dropFrontOfQueue(Session& session);
    QList<QByteArray> journalSnapshot() const;
    MessagePtr messageFromRecord(const storage::LogRecord& record) const;
    ConsumerGroup& groupNamed(const QString& name);
    void joinGroup(const QString& group, const QString& clientId);
    void leaveGroupIfLast(const Session& session, const QString& group);
    int routeToGroups(const MessagePtr& message, const QList<SharedGroup*>& groups);
    MessagePtr groupMessage(const QString& topic, quint64 offset);
    void pumpGroup(ConsumerGroup& group);
    void pumpGroupsOf(const Session& session);
    void finishGroupDelivery(const Delivery& delivery, mqtt::ReasonCode reason);
    void returnGroupDeliveries(Session& session);
    void annotateExplicitDeadLetter(Message& message, const QString& clientId) const;
    /// The group's committed offset in topic may have moved: journaled at the next commit.
    void markCursorDirty(const QString& group, const QString& topic);
    void journalGroupCursors();
    void restoreGroups(const PersistedState& state);
    bool adminAllowed(const ClientConnection& client) const;
    QByteArray listTopicsJson(const QJsonObject& request) const;
    // GroupAdmin.cpp: groups through the admin API
    QJsonObject groupJson(const ConsumerGroup& group) const;
    QJsonArray sessionGroupsJson() const;
    QStringList memberFilters(const QString& group) const;
    /// Of one topic, or of all the group's topics when onlyTopic is empty.
    double oldestUnacknowledgedAgeSeconds(const ConsumerGroup& group, const QString& onlyTopic = {}) const;
    AdminErrorText createGroup(const QJsonObject& request, QJsonObject* result);
    AdminErrorText configureGroup(const QJsonObject& request, QJsonObject* result);
    AdminErrorText deleteGroup(const QJsonObject& request, QJsonObject* result);
    AdminErrorText seekGroup(const QJsonObject& request, QJsonObject* result);
    bool anyMemberConnected(const ConsumerGroup& group) const;
    /// The member's session no longer holds the group: a group made by members ends
    /// with the last of them; a durable one stays.
    void memberLeft(ConsumerGroup& group, const QString& clientId);
    void dropGroup(QString name);
    GroupDefinition groupDefinition(const ConsumerGroup& group) const;
    void applyGroupDefinition(ConsumerGroup& group, const GroupDefinition& definition);
    void journalGroupDefinition(const ConsumerGroup& group);
    // DeadLetters.cpp
    void deadLetter(ConsumerGroup& group, const DeadLetter& letter,
                    std::optional<mqtt::ReasonCode> reasonCode);
    using LetterVisitor = std::function<bool(const DeadLetterInfo&, const storage::LogRecord&, const LetterMark*)>;
    /// Calls visit for each letter the query selects, in (topic, offset) order, until it returns false.
    void scanDeadLetters(const DeadLetterQuery& query, const LetterVisitor& visit);
    const LetterMark* letterMark(const QString& topic, quint64 offset) const;
    void setLetterMark(const QString& topic, quint64 offset, const LetterMark& mark);
    QJsonObject deadLetterJson(const DeadLetterInfo& info, const storage::LogRecord& record,
                               const LetterMark* mark, bool fullPayload) const;
    AdminErrorText listDeadLetters(const QJsonObject& request, QJsonObject* result);
    AdminErrorText replayDeadLetters(const QJsonObject& request, QJsonObject* result);
    AdminErrorText purgeDeadLetters(const QJsonObject& request, QJsonObject* result);
    struct ReplayTarget
    {
        QString kind; ///< group, original, topic
        QString topic;
        std::optional<QByteArray> payload;
        std::optional<QString> contentType;
        std::optional<QList<mqtt::UserProperty>> userProperties;
    };
    bool replayLetter(const DeadLetterInfo& info, const storage::LogRecord& record,
                      const ReplayTarget& target, QString* error);
    void discardIfAllPurged(const QString& topic);
    void restoreLetterMarks(const PersistedState& state);
    void closeStorage();
    void scheduleCommit();
    void applyRetentionSlice();
    /// After a connection's received block: commits at once unless fsync=always.
    void commitAfterRead();
    void commitWrites();
    /// fsync=interval: fsyncs what was written since the last time on m_syncPool's thread
    /// (an fsync of a busy log can take tens of ms; the broker's thread must not wait).
    void syncInBackground();

    /// A publish waiting for the group commit (message set), or an acknowledgement that
    /// must follow the publishes before it (message null).
    struct PendingPublish
    {
        QPointer<ClientConnection> client{};
        MessagePtr message{};
        quint8 qos = 1;
        quint16 packetId = 0;
        mqtt::ReasonCode reason = mqtt::ReasonCode::Success;
        bool refused = false; ///< Storage could not take it.
        std::function<void(ClientConnection&)> deferred{}; ///< Set: not a publish; sends this.
    };
    void refuseUnstorable(ClientConnection& client, quint8 qos, quint16 packetId);
    void sendAck(ClientConnection& client, quint8 qos, quint16 packetId, mqtt::ReasonCode reason);

    BrokerConfig m_config;
    QElapsedTimer m_clock;
    Counters m_counters;
    QByteArray m_encodeBuffer; ///< transmit()'s reused PUBLISH buffer.
    IntakeThrottle m_intakeThrottle{this}; ///< Slow readers pause the intake (flow control).
    QTcpServer* m_server = nullptr;
    QHostAddress m_address;
    std::atomic<quint16> m_port{0};
    QSet<ClientConnection*> m_connections;
    QHash<QString, std::shared_ptr<Session>> m_sessions;
    SubscriptionTree m_subscriptions;
    RetainedStore m_retained;
    QTimer m_sysTimer;
    QTimer m_groupStatsTimer;
    /// Rates from the counters' change between two group-stats ticks.
    struct RateSample
    {
        quint64 delivered = 0;
        quint64 acknowledged = 0;
        double deliveredPerSecond = 0;
        double acknowledgedPerSecond = 0;
        void update(quint64 nowDelivered, quint64 nowAcknowledged, double seconds)
        {
            if (seconds > 0) {
                deliveredPerSecond = double(nowDelivered - delivered) / seconds;
                acknowledgedPerSecond = double(nowAcknowledged - acknowledged) / seconds;
            }
            delivered = nowDelivered;
            acknowledged = nowAcknowledged;
        }
    };
    struct GroupRateSample
    {
        qint64 atMs = 0;
        RateSample total;
        QHash<QString, RateSample> topics;
    };
    QHash<QString, GroupRateSample> m_groupRates;
    qint64 m_queuedTotal = 0;
    bool m_shuttingDown = false;
    std::unique_ptr<storage::MessageStore> m_store;
    std::unique_ptr<JournalFile> m_journal;
    std::unordered_map<QString, std::unique_ptr<ConsumerGroup>> m_groups;
    SubscriptionTree m_durableFilters; ///< Durable groups' filters (GroupAdmin.cpp).
    QHash<QString, QMap<quint64, LetterMark>> m_letterMarks; ///< $DLQ topic -> offset -> mark.
    QSet<QString> m_journaledWills; ///< Client ids whose last will record is a WillSet.
    QHash<QString, MessagePtr> m_lastAppended; ///< Per topic, the newest message (saves a read).
    std::set<std::pair<QString, QString>> m_dirtyCursors; ///< (group, topic) to journal.
    quint32 m_nextSessionKey = 1;
    qint64 m_journalCompactedSize = 0;
    std::vector<PendingPublish> m_pending;
    bool m_commitScheduled = false;
    QTimer m_syncTimer;
    QThreadPool m_syncPool;
    std::shared_ptr<std::atomic<bool>> m_syncRunning = std::make_shared<std::atomic<bool>>(false);
    QTimer m_retentionTimer;
};

} // namespace bs::broker
