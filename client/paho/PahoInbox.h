#pragma once
// Where paho's threads leave their results for the client's thread.
//
// Paho calls back on threads of its own, which never touch a QObject. They convert what
// arrived into our value types and push it here under a mutex. When the inbox goes from
// empty to non-empty, the owner's wake-up function posts ONE queued call to the client's
// thread, which then drains everything at once: a flood of messages costs one queued call
// per drain, not one per message.
//
// Layout: received messages wait in a deque bounded by capacity (beyond it the oldest is
// dropped and counted); events (connect results, publish/subscribe results, losses) wait
// in a vector, each remembering how many messages had been pushed before it, so that the
// drain can replay messages and events in the order they happened.
//
// The inbox is owned through std::shared_ptr by the client and by every paho handle's
// callbacks, so a callback that runs after the client is gone still finds a live inbox:
// detach() has cleared the wake-up function, and the result is simply never drained.

#include "client/MqttMessage.h"

#include <QList>
#include <QString>
#include <cstddef>
#include <deque>
#include <functional>
#include <mutex>
#include <vector>

namespace bs::client::paho {

struct PahoEvent
{
    enum class Kind : quint8
    {
        Connected,        ///< CONNACK accepted.
        ConnectFailed,    ///< returnCode: paho's code (>0: CONNACK code); text: paho's message.
        ConnectionLost,   ///< The socket closed; text: paho's cause, often empty.
        ServerDisconnect, ///< MQTT 5 DISCONNECT from the broker; reasonCode.
        PublishDone,      ///< reasonCode: the PUBACK/PUBREC reason (paho reports 0 on success).
        PublishFailed,
        SubscribeDone, ///< reasonCodes: one per filter.
        SubscribeFailed,
        UnsubscribeDone,
        UnsubscribeFailed,
    };

    Kind kind = Kind::Connected;
    quint64 generation = 0; ///< Which paho handle reported it.
    quint64 requestId = 0;
    int returnCode = 0;
    int reasonCode = 0;
    QList<int> reasonCodes;
    QString text;
    /// Connected: false when an MQTT 5 CONNACK says Subscription Identifiers Available = 0.
    bool subscriptionIdentifiersAvailable = true;
};

class PahoInbox
{
public:
    static constexpr std::size_t kDefaultCapacity = 200'000;

    explicit PahoInbox(std::size_t capacity = kDefaultCapacity) : m_capacity(capacity) {}

    /// Called (under the inbox mutex, from any thread) when the inbox becomes non-empty.
    /// It must only post a queued call; it must not drain.
    void setWakeUp(std::function<void()> wakeUp);
    /// The owner is going away: no further wake-ups.
    void detach() { setWakeUp({}); }

    /// Messages from a handle other than the accepted one (a retired handle still
    /// delivering) are discarded: after a disconnect or a switch to another broker nothing
    /// from the old connection appears. 0 accepts none.
    void setAcceptedGeneration(quint64 generation);
    void pushMessage(quint64 generation, MqttMessagePtr message);
    /// Whether a message from this handle would be kept (saves converting one that is not).
    bool accepts(quint64 generation);
    void pushEvent(PahoEvent event);

    /// Messages in arrival order, then the events that followed them.
    struct Segment
    {
        MqttMessageBatch messages;
        std::vector<PahoEvent> events;
    };
    struct Drained
    {
        std::vector<Segment> segments;
        quint64 droppedSinceLastDrain = 0;
    };
    /// Takes everything; the next push wakes the owner again.
    Drained drain();

    std::size_t capacity() const { return m_capacity; }

private:
    void wakeIfFirst(); // m_mutex held

    const std::size_t m_capacity;
    std::mutex m_mutex;
    std::function<void()> m_wakeUp;
    bool m_wakePending = false;
    std::deque<MqttMessagePtr> m_messages;
    quint64 m_firstMessageIndex = 0; ///< Running index of m_messages.front().
    struct PendingEvent
    {
        quint64 messagesBefore; ///< Running message index at the time of the event.
        PahoEvent event;
    };
    std::vector<PendingEvent> m_events;
    quint64 m_dropped = 0;
    quint64 m_acceptedGeneration = 0;
};

} // namespace bs::client::paho
