#include "client/paho/PahoRuntime.h"

#include "client/paho/PahoConnection.h"

#include <algorithm>

namespace bs::client::paho {

namespace {
constexpr std::chrono::milliseconds kDisconnectTimeout{1000};
}

PahoRuntime& PahoRuntime::instance()
{
    static PahoRuntime runtime;
    return runtime;
}

PahoRuntime::~PahoRuntime()
{
    {
        const std::lock_guard lock(m_workerMutex);
        m_stopping = true;
    }
    m_workerWake.notify_all();
    if (m_worker.joinable())
        m_worker.join(); // finishes the queue first: each step is bounded by kDisconnectTimeout
}

void PahoRuntime::addConnected(PahoConnection* connection)
{
    const std::lock_guard lock(m_connectedMutex);
    if (std::find(m_connected.begin(), m_connected.end(), connection) == m_connected.end())
        m_connected.push_back(connection);
}

void PahoRuntime::removeConnected(PahoConnection* connection)
{
    const std::lock_guard lock(m_connectedMutex);
    std::erase(m_connected, connection);
}

bool PahoRuntime::nudgeFor(const PahoConnection* connecting)
{
    // Under the mutex, so the nudged handle cannot be retired meanwhile (removeConnected
    // comes first). nudge() only queues a command in paho and returns at once.
    if (!m_nudgingEnabled)
        return false;
    const std::lock_guard lock(m_connectedMutex);
    for (PahoConnection* connection : m_connected) {
        if (connection != connecting) {
            connection->nudge();
            ++m_nudges;
            return true;
        }
    }
    return false;
}

bool PahoRuntime::canNudgeFor(const PahoConnection* connecting) const
{
    const std::lock_guard lock(m_connectedMutex);
    return std::any_of(m_connected.begin(), m_connected.end(),
                       [connecting](const PahoConnection* c) { return c != connecting; });
}

bool PahoRuntime::retirementPending() const
{
    const int retiring = m_retiring.load();
    return retiring > 0 && m_liveHandles.load() <= retiring;
}

void PahoRuntime::retire(std::shared_ptr<PahoConnection> connection)
{
    if (!connection)
        return;
    removeConnected(connection.get());
    ++m_retiring;
    {
        const std::lock_guard lock(m_workerMutex);
        m_retireQueue.push_back(std::move(connection));
        if (!m_worker.joinable())
            m_worker = std::thread([this] { runWorker(); });
    }
    m_workerWake.notify_one();
}

void PahoRuntime::runWorker()
{
    std::unique_lock lock(m_workerMutex);
    for (;;) {
        m_workerWake.wait(lock, [this] { return m_stopping || !m_retireQueue.empty(); });
        if (m_retireQueue.empty())
            return; // stopping, and nothing left
        std::shared_ptr<PahoConnection> connection = std::move(m_retireQueue.front());
        m_retireQueue.pop_front();
        lock.unlock();
        connection->shutdown(kDisconnectTimeout);
        connection.reset(); // the last owner: destroys the paho handle here
        --m_retiring;
        lock.lock();
    }
}

} // namespace bs::client::paho
