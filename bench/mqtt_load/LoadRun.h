#pragma once
// Runs one load scenario. Phases: subscribers connect and subscribe; publishers connect;
// publishing runs for the duration; a drain waits (bounded) until deliveries stop; every
// connection closes; worker threads join; the report is printed. Subscribers and publishers
// run on separate worker threads (round-robin within each half) and are driven there with
// queued invocations; this object stays on the main thread and only polls atomic counters.

#include "LoadOptions.h"

#include <QElapsedTimer>
#include <QObject>
#include <QTimer>
#include <memory>
#include <vector>

class QThread;

namespace bs::bench {

class LoadPublisher;
class LoadSubscriber;
class MqttConnection;

class LoadRun : public QObject
{
    Q_OBJECT
public:
    explicit LoadRun(LoadOptions options, QObject* parent = nullptr);
    ~LoadRun() override;

    void start();

signals:
    void finished(int exitCode);

private:
    void placeOnWorker(MqttConnection* connection, size_t slot, bool isSubscriber);
    void connectPublishers();
    void startPublishing();
    void stopPublishing();
    void pollDrain();
    void finish(int exitCode);
    void abort(const QString& message);
    quint64 totalReceived() const;
    quint64 totalSent() const;
    bool anyInFlight() const;

    LoadOptions m_options;
    std::vector<QThread*> m_threads;
    std::vector<LoadSubscriber*> m_subscribers;
    std::vector<LoadPublisher*> m_publishers;
    int m_readySubscribers = 0;
    int m_readyPublishers = 0;
    QTimer m_setupTimeout;
    QTimer m_drainPoll;
    QElapsedTimer m_clock;
    qint64 m_publishStartNs = 0;
    qint64 m_publishStopNs = 0;
    qint64 m_lastDeliveryNs = 0;
    quint64 m_lastReceived = 0;
    bool m_finishing = false;
};

} // namespace bs::bench
