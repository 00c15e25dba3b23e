#pragma once
// Process-wide bookkeeping around paho.mqtt.c's shared threads: the connect-latency
// workarounds and the background retirement of handles.
//
// Why a connect can take 1-2 s (paho.mqtt.c 1.3.12, MQTTAsyncUtils.c and Socket.c; paho
// issue 1039): all handles of a process share ONE receive thread. It calls
// Socket_getReadySocket(), which copies the socket set (mod_s -> mod_s.saved) and then
// poll()s that copy for reading with a 1000 ms timeout (10 ms only until the thread has
// seen its first socket event). A socket opened by a new connect is added to mod_s and so
// joins the poll only when the running poll returns. Worse, the TCP connect's completion
// (POLLOUT) is checked only with a zero-timeout poll BEFORE the blocking read poll, and the
// CONNECT packet is sent only after that read poll returns — but the broker sends nothing
// before CONNECT, so the new socket cannot end that poll itself. Result, measured here:
// the first connect of a process ~10-110 ms; a connect while another connection is idle
// 1.7-1.9 s; a connect after every connection closed (threads still running) ~1.0 s.
//
// Two avoidances, used by PahoMqttClient:
//  1. Nudging: while one of our handles connects, another CONNECTED handle is asked every
//     10 ms to send an UNSUBSCRIBE for a filter nobody uses. Its UNSUBACK ends the receive
//     thread's poll, so the new socket is polled, its TCP completion seen and its CONNECT
//     sent within milliseconds (measured: ~20 ms instead of 1.7-1.9 s). UNSUBSCRIBE changes
//     nothing at the broker and delivers nothing to anybody (a QoS 1 publish would).
//  2. Fresh threads: paho stops its threads when the LAST handle is destroyed, and new
//     threads start with the short 10 ms timeout. So a handle is destroyed as soon as its
//     connection ends (never reused for a reconnect), and a connect that has nobody to
//     nudge waits (on a timer, never blocking) until retiring handles are gone.
//
// Retirement: destroying a handle may wait for the network (DISCONNECT) and for paho's
// threads to stop (~100 ms for the last handle), so it never happens on the GUI thread.
// retire() hands the handle to one process-wide worker thread that disconnects with a
// short timeout and destroys it. The worker is joined when the process exits.

#include <QtGlobal>
#include <atomic>
#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

namespace bs::client::paho {

class PahoConnection;

class PahoRuntime
{
public:
    static PahoRuntime& instance();
    ~PahoRuntime();
    PahoRuntime(const PahoRuntime&) = delete;
    PahoRuntime& operator=(const PahoRuntime&) = delete;

    /// Connected handles can nudge. A handle is removed before it is retired.
    void addConnected(PahoConnection* connection);
    void removeConnected(PahoConnection* connection);
    /// Has one connected handle other than connecting send a nudge. False if none exists.
    bool nudgeFor(const PahoConnection* connecting);
    bool canNudgeFor(const PahoConnection* connecting) const;

    /// True while every live handle is being retired: a connect started now would keep
    /// paho's slow threads alive; waiting a moment lets them stop (see the top).
    bool retirementPending() const;
    /// Handles handed to retire() and not yet destroyed.
    int retiringCount() const { return m_retiring.load(); }

    /// Disconnects (bounded) and destroys the handle on the worker thread.
    void retire(std::shared_ptr<PahoConnection> connection);

    // PahoConnection's constructor and destructor count live handles.
    void handleCreated() { ++m_liveHandles; }
    void handleDestroyed() { --m_liveHandles; }

    /// How many nudges were sent (for the latency benchmark and tests).
    quint64 nudgesSent() const { return m_nudges.load(); }
    /// On by default; off only to measure what nudging saves.
    void setNudgingEnabled(bool on) { m_nudgingEnabled = on; }

private:
    PahoRuntime() = default;
    void runWorker();

    mutable std::mutex m_connectedMutex;
    std::vector<PahoConnection*> m_connected;
    std::atomic<quint64> m_nudges{0};
    std::atomic<bool> m_nudgingEnabled{true};
    std::atomic<int> m_liveHandles{0};
    std::atomic<int> m_retiring{0};

    std::mutex m_workerMutex;
    std::condition_variable m_workerWake;
    std::deque<std::shared_ptr<PahoConnection>> m_retireQueue;
    bool m_stopping = false;
    std::thread m_worker;
};

} // namespace bs::client::paho
