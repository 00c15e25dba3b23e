#pragma once
// Delays between reconnect attempts: 0.5 s, 1 s, 2 s, 4 s ... at most 30 s, each with
// ±20 % jitter so that many consoles do not hammer a restarted broker in step.

#include <QtGlobal>

namespace bs::client {

class ReconnectBackoff
{
public:
    static constexpr int kFirstDelayMs = 500;
    static constexpr int kMaxDelayMs = 30'000;
    static constexpr double kJitter = 0.2;

    /// The delay before the next attempt (jittered), then doubles the base.
    int nextDelayMs();
    /// The base delay of the next attempt, without jitter.
    int baseDelayMs() const { return m_baseMs; }
    void reset() { m_baseMs = kFirstDelayMs; }

private:
    int m_baseMs = kFirstDelayMs;
};

} // namespace bs::client
