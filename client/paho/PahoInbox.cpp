#include "client/paho/PahoInbox.h"

#include <utility>

namespace bs::client::paho {

void PahoInbox::setWakeUp(std::function<void()> wakeUp)
{
    const std::lock_guard lock(m_mutex);
    m_wakeUp = std::move(wakeUp);
    if (m_wakeUp && (!m_messages.empty() || !m_events.empty()))
        wakeIfFirst();
}

void PahoInbox::wakeIfFirst()
{
    if (m_wakePending || !m_wakeUp)
        return;
    m_wakePending = true;
    m_wakeUp();
}

void PahoInbox::setAcceptedGeneration(quint64 generation)
{
    const std::lock_guard lock(m_mutex);
    m_acceptedGeneration = generation;
}

bool PahoInbox::accepts(quint64 generation)
{
    const std::lock_guard lock(m_mutex);
    return generation == m_acceptedGeneration;
}

void PahoInbox::pushMessage(quint64 generation, MqttMessagePtr message)
{
    const std::lock_guard lock(m_mutex);
    if (generation != m_acceptedGeneration)
        return;
    if (m_messages.size() >= m_capacity) {
        m_messages.pop_front();
        ++m_firstMessageIndex;
        ++m_dropped;
    }
    m_messages.push_back(std::move(message));
    wakeIfFirst();
}

void PahoInbox::pushEvent(PahoEvent event)
{
    const std::lock_guard lock(m_mutex);
    m_events.push_back({m_firstMessageIndex + m_messages.size(), std::move(event)});
    wakeIfFirst();
}

PahoInbox::Drained PahoInbox::drain()
{
    std::deque<MqttMessagePtr> messages;
    std::vector<PendingEvent> events;
    quint64 firstIndex = 0;
    Drained drained;
    {
        const std::lock_guard lock(m_mutex);
        messages.swap(m_messages);
        events.swap(m_events);
        firstIndex = m_firstMessageIndex;
        m_firstMessageIndex += messages.size();
        drained.droppedSinceLastDrain = std::exchange(m_dropped, 0);
        m_wakePending = false;
    }

    // Replay in order: each segment is the messages pushed before its events, then those
    // events. Messages dropped for the bound have indexes below firstIndex and are gone.
    auto next = messages.begin();
    quint64 index = firstIndex;
    Segment current;
    const auto flush = [&] {
        if (!current.messages.isEmpty() || !current.events.empty())
            drained.segments.push_back(std::exchange(current, {}));
    };
    for (PendingEvent& pending : events) {
        const bool messagesFirst = next != messages.end() && index < pending.messagesBefore;
        if (messagesFirst && !current.events.empty())
            flush();
        for (; next != messages.end() && index < pending.messagesBefore; ++next, ++index)
            current.messages.append(std::move(*next));
        current.events.push_back(std::move(pending.event));
    }
    if (next != messages.end() && !current.events.empty())
        flush();
    current.messages.reserve(current.messages.size() + qsizetype(messages.end() - next));
    for (; next != messages.end(); ++next)
        current.messages.append(std::move(*next));
    flush();
    return drained;
}

} // namespace bs::client::paho
