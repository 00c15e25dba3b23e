#pragma once
// The state MQTT keeps for one client id across connections (§4.1): its subscriptions,
// outbound QoS 1/2 messages in flight (by packet id) and queued behind the client's
// Receive Maximum or its absence, inbound QoS 2 ids awaiting PUBREL, and its will.
// A session outlives its connection by its Session Expiry Interval.

#include "broker/core/Message.h"
#include "broker/core/Subscription.h"
#include "broker/protocol/Packets.h"

#include <QHash>
#include <QSet>
#include <QTimer>
#include <algorithm>
#include <deque>
#include <memory>
#include <optional>

namespace bs::broker {

class ClientConnection;

/// A message on its way to one subscriber: the shared message plus this delivery's
/// QoS, RETAIN flag and subscription identifiers. Deliveries restored after a restart
/// hold only where the message is (its topic and log offset); it is read from the log
/// when its turn to be sent comes, so a million queued messages are not all in memory.
struct Delivery
{
    MessagePtr message; ///< Null while only the reference below is known.
    QString logTopic;
    quint64 logOffset = 0;
    quint8 qos = 0;
    bool retain = false;
    QList<quint32> subscriptionIds;
    quint64 journalSeq = 0; ///< Its id in the session journal; 0 when not journaled.
    QString group; ///< A consumer group's delivery (logTopic/logOffset say which message).
};

struct InflightMessage
{
    enum class State : quint8
    {
        AwaitingPuback,
        AwaitingPubrec,
        AwaitingPubcomp,
    };
    Delivery delivery;
    State state = State::AwaitingPuback;
    quint64 sequence = 0; ///< Send order, for in-order re-sending on reconnect.
};

class Session
{
public:
    static constexpr quint32 kNeverExpires = 0xFFFFFFFF;

    explicit Session(QString clientId) : m_clientId(std::move(clientId)) {}

    const QString& clientId() const { return m_clientId; }

    ClientConnection* connection = nullptr;
    mqtt::ProtocolVersion version = mqtt::ProtocolVersion::V5;
    quint32 expiryInterval = 0;
    quint16 clientReceiveMaximum = 65535;
    quint32 clientMaximumPacketSize = 0; ///< 0: no limit.
    quint32 journalKey = 0; ///< Its key in the session journal; 0 when not journaled.

    /// Full filter text (with any $share/<group>/ prefix) to its options.
    QHash<QString, SubscriptionOptions> subscriptions;
    QHash<quint16, InflightMessage> inflight;
    std::deque<Delivery> queue;
    QSet<quint16> inboundQos2; ///< Received QoS 2 packet ids not yet released (§4.3.3).

    std::optional<mqtt::WillMessage> will;
    std::unique_ptr<QTimer> willTimer;
    std::unique_ptr<QTimer> expiryTimer;

    bool isConnected() const { return connection != nullptr; }
    bool hasWindowRoom() const { return inflight.size() < clientReceiveMaximum; }
    quint16 allocatePacketId();
    quint64 nextSequence() { return ++m_sequence; }
    /// After a restart: sequence numbers continue after the journal's.
    void continueSequenceAfter(quint64 sequence) { m_sequence = std::max(m_sequence, sequence); }
    /// In-flight messages in the order they were first sent.
    QList<quint16> inflightInSendOrder() const;

private:
    QString m_clientId;
    quint16 m_lastPacketId = 0;
    quint64 m_sequence = 0;
};

} // namespace bs::broker
