#include "broker/core/IntakeThrottle.h"

#include "broker/net/Transport.h"

namespace bs::broker {

IntakeThrottle::IntakeThrottle(QObject* parent) : QObject(parent)
{
    m_holdLimit.setSingleShot(true);
    m_holdLimit.setInterval(kMaxHoldMs);
    connect(&m_holdLimit, &QTimer::timeout, this, &IntakeThrottle::checkProgress);
}

void IntakeThrottle::add(Transport* transport)
{
    m_causes.insert(transport, 0);
    connect(transport, &Transport::congestionChanged, this,
            [this, transport](bool congested) { setCause(transport, Output, congested); });
    if (m_holding)
        transport->setReadingPaused(true);
}

void IntakeThrottle::remove(Transport* transport)
{
    disconnect(transport, nullptr, this, nullptr);
    m_causes.remove(transport);
    m_slow.remove(transport);
    m_writtenAtCheck.remove(transport);
    if (m_congested.remove(transport))
        apply();
}

void IntakeThrottle::setQueueCongested(Transport* transport, bool congested)
{
    setCause(transport, Queue, congested);
}

void IntakeThrottle::setCause(Transport* transport, Cause cause, bool on)
{
    const auto it = m_causes.find(transport);
    if (it == m_causes.end())
        return;
    const quint8 before = *it;
    *it = on ? quint8(before | cause) : quint8(before & ~cause);
    if (*it == before)
        return;
    if (*it == 0) {
        m_slow.remove(transport);
        m_writtenAtCheck.remove(transport);
        if (m_congested.remove(transport))
            apply();
        return;
    }
    if (before != 0 || m_slow.contains(transport))
        return; // already congested (or left out as slow)
    m_congested.insert(transport);
    m_writtenAtCheck.insert(transport, transport->bytesWritten());
    apply();
}

void IntakeThrottle::checkProgress()
{
    // Whoever took nothing since the last check is stalled; the others keep holding.
    for (auto it = m_congested.begin(); it != m_congested.end();) {
        Transport* transport = *it;
        const quint64 written = transport->bytesWritten();
        if (written == m_writtenAtCheck.value(transport)) {
            m_slow.insert(transport);
            m_writtenAtCheck.remove(transport);
            it = m_congested.erase(it);
        } else {
            m_writtenAtCheck.insert(transport, written);
            ++it;
        }
    }
    if (!m_congested.isEmpty())
        m_holdLimit.start();
    apply();
}

void IntakeThrottle::apply()
{
    const bool holding = !m_congested.isEmpty();
    if (holding && !m_holding)
        m_holdLimit.start();
    else if (!holding)
        m_holdLimit.stop();
    if (!holding && !m_holding)
        return;
    m_holding = holding;
    for (auto it = m_causes.cbegin(); it != m_causes.cend(); ++it)
        it.key()->setReadingPaused(holding && !m_congested.contains(it.key()));
}

} // namespace bs::broker
