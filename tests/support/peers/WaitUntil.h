#pragma once
// Waiting without fixed sleeps: spin the calling thread's event loop until a condition
// holds or a timeout passes. Child processes, sockets and timers keep being serviced.

#include <chrono>
#include <functional>

namespace bs::peers {

/// Runs the event loop until condition() returns true or timeout passes. Returns the
/// condition's last value. The condition is checked at once, then every few milliseconds.
bool waitUntil(const std::function<bool()>& condition, std::chrono::milliseconds timeout);

} // namespace bs::peers
