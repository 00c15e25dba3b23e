#include "client/ReconnectBackoff.h"

#include <QRandomGenerator>
#include <algorithm>
#include <cmath>

namespace bs::client {

int ReconnectBackoff::nextDelayMs()
{
    const double factor =
        1.0 + kJitter * (2.0 * QRandomGenerator::global()->generateDouble() - 1.0);
    const int delay = int(std::lround(m_baseMs * factor));
    m_baseMs = std::min(m_baseMs * 2, kMaxDelayMs);
    return std::max(1, delay);
}

} // namespace bs::client
