#include "broker/core/Session.h"

#include <algorithm>

namespace bs::broker {

quint16 Session::allocatePacketId()
{
    // Receive Maximum caps inflight below 65,535, so a free id always exists.
    do {
        m_lastPacketId = m_lastPacketId == 0xFFFF ? 1 : quint16(m_lastPacketId + 1);
    } while (inflight.contains(m_lastPacketId));
    return m_lastPacketId;
}

QList<quint16> Session::inflightInSendOrder() const
{
    QList<quint16> ids = inflight.keys();
    std::sort(ids.begin(), ids.end(), [this](quint16 a, quint16 b) {
        return inflight.value(a).sequence < inflight.value(b).sequence;
    });
    return ids;
}

} // namespace bs::broker
