#include "LoadRun.h"

#include "LoadPublisher.h"
#include "LoadReport.h"
#include "LoadSubscriber.h"

#include <QThread>
#include <cstdio>

namespace bs::bench {

namespace {
constexpr int kSetupTimeoutMs = 15000;
constexpr int kDrainPollMs = 50;
constexpr qint64 kQuietNs = 1'000'000'000; ///< drain ends after this long without a delivery
constexpr int kCloseGraceMs = 200;
} // namespace

LoadRun::LoadRun(LoadOptions options, QObject* parent)
    : QObject(parent), m_options(std::move(options)), m_setupTimeout(this), m_drainPoll(this)
{
    m_setupTimeout.setSingleShot(true);
    m_setupTimeout.setInterval(kSetupTimeoutMs);
    connect(&m_setupTimeout, &QTimer::timeout, this,
            [this] { abort(QStringLiteral("timed out connecting and subscribing")); });
    m_drainPoll.setInterval(kDrainPollMs);
    connect(&m_drainPoll, &QTimer::timeout, this, &LoadRun::pollDrain);
}

LoadRun::~LoadRun()
{
    for (QThread* thread : m_threads) {
        thread->quit();
        thread->wait();
    }
    // Connections were deleted on their threads (deleteLater before quit) or never started.
}

void LoadRun::start()
{
    m_clock.start();
    for (int i = 0; i < m_options.threads; ++i) {
        auto* thread = new QThread(this);
        thread->setObjectName(QStringLiteral("load-worker-%1").arg(i));
        thread->start();
        m_threads.push_back(thread);
    }
    m_setupTimeout.start();
    for (int i = 0; i < m_options.subscribers; ++i) {
        auto* subscriber = new LoadSubscriber(m_options, quint32(i));
        m_subscribers.push_back(subscriber);
        connect(subscriber, &MqttConnection::ready, this, [this] {
            if (++m_readySubscribers == m_options.subscribers)
                connectPublishers();
        });
        placeOnWorker(subscriber, size_t(i), true);
    }
    if (m_options.subscribers == 0)
        connectPublishers();
}

void LoadRun::placeOnWorker(MqttConnection* connection, size_t slot, bool isSubscriber)
{
    // With two or more workers, subscribers get the first half and publishers the rest, so a
    // publisher flooding its socket never delays the reading of deliveries on the same thread.
    const size_t workers = m_threads.size();
    const size_t subscriberWorkers = workers >= 2 ? workers / 2 : workers;
    const size_t worker = workers < 2 ? 0
                          : isSubscriber ? slot % subscriberWorkers
                                         : subscriberWorkers + slot % (workers - subscriberWorkers);
    connect(connection, &MqttConnection::failed, this, &LoadRun::abort);
    connection->moveToThread(m_threads[worker]);
    QMetaObject::invokeMethod(connection, &MqttConnection::start, Qt::QueuedConnection);
}

void LoadRun::connectPublishers()
{
    for (int i = 0; i < m_options.publishers; ++i) {
        auto* publisher = new LoadPublisher(m_options, quint32(i));
        m_publishers.push_back(publisher);
        connect(publisher, &MqttConnection::ready, this, [this] {
            if (++m_readyPublishers == m_options.publishers)
                startPublishing();
        });
        placeOnWorker(publisher, size_t(i), false);
    }
    if (m_options.publishers == 0)
        startPublishing();
}

void LoadRun::startPublishing()
{
    m_setupTimeout.stop();
    m_publishStartNs = m_clock.nsecsElapsed();
    m_lastDeliveryNs = m_publishStartNs;
    for (LoadPublisher* publisher : m_publishers)
        QMetaObject::invokeMethod(publisher, &LoadPublisher::startPublishing, Qt::QueuedConnection);
    QTimer::singleShot(int(m_options.durationSeconds * 1000), Qt::PreciseTimer, this,
                       &LoadRun::stopPublishing);
    m_drainPoll.start();
}

void LoadRun::stopPublishing()
{
    for (LoadPublisher* publisher : m_publishers)
        QMetaObject::invokeMethod(publisher, &LoadPublisher::stopPublishing, Qt::QueuedConnection);
    m_publishStopNs = m_clock.nsecsElapsed();
}

void LoadRun::pollDrain()
{
    const qint64 now = m_clock.nsecsElapsed();
    const quint64 received = totalReceived();
    if (received != m_lastReceived) {
        m_lastReceived = received;
        m_lastDeliveryNs = now;
    }
    if (m_publishStopNs == 0)
        return;
    const quint64 perMessage = m_options.sharedGroup.isEmpty() ? quint64(m_options.subscribers)
                                                               : (m_options.subscribers > 0 ? 1 : 0);
    const bool allDelivered = received >= totalSent() * perMessage && !anyInFlight();
    const bool quiet = now - m_lastDeliveryNs > kQuietNs && !anyInFlight();
    const bool outOfTime = now - m_publishStopNs > qint64(m_options.drainSeconds * 1e9);
    if (allDelivered || quiet || outOfTime)
        finish(0);
}

void LoadRun::abort(const QString& message)
{
    if (m_finishing)
        return;
    std::fprintf(stderr, "mqtt_load: %s\n", qUtf8Printable(message));
    finish(1);
}

void LoadRun::finish(int exitCode)
{
    if (m_finishing)
        return;
    m_finishing = true;
    m_drainPoll.stop();
    m_setupTimeout.stop();
    for (LoadPublisher* publisher : m_publishers)
        QMetaObject::invokeMethod(publisher, &MqttConnection::close, Qt::QueuedConnection);
    for (LoadSubscriber* subscriber : m_subscribers)
        QMetaObject::invokeMethod(subscriber, &MqttConnection::close, Qt::QueuedConnection);
    QTimer::singleShot(kCloseGraceMs, this, [this, exitCode] {
        for (QThread* thread : m_threads) {
            thread->quit();
            thread->wait();
        }
        if (exitCode == 0) {
            LoadTimes times;
            times.publishNs = m_publishStopNs - m_publishStartNs;
            times.deliveryNs = m_lastDeliveryNs - m_publishStartNs;
            printLoadReport(m_options, times, m_publishers, m_subscribers);
        }
        for (LoadPublisher* publisher : m_publishers)
            delete publisher; // threads have stopped: safe to delete from here
        for (LoadSubscriber* subscriber : m_subscribers)
            delete subscriber;
        m_publishers.clear();
        m_subscribers.clear();
        emit finished(exitCode);
    });
}

quint64 LoadRun::totalReceived() const
{
    quint64 sum = 0;
    for (const LoadSubscriber* subscriber : m_subscribers)
        sum += subscriber->received();
    return sum;
}

quint64 LoadRun::totalSent() const
{
    quint64 sum = 0;
    for (const LoadPublisher* publisher : m_publishers)
        sum += publisher->sent();
    return sum;
}

bool LoadRun::anyInFlight() const
{
    for (const LoadPublisher* publisher : m_publishers) {
        if (publisher->inFlight() > 0)
            return true;
    }
    return false;
}

} // namespace bs::bench
