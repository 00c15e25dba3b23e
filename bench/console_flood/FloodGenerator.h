#pragma once
// Produces message batches at a steady rate on its own thread, the way the client's
// network side does, and hands each batch over with a queued signal. Every 10 ms it makes
// the messages that are due (rate x elapsed - sent so far), picking topics uniformly at
// random; topic strings are built once and shared, payloads are small JSON texts.

#include "client/MqttMessage.h"

#include <QElapsedTimer>
#include <QObject>
#include <QRandomGenerator>
#include <QStringList>
#include <QTimer>

class FloodGenerator : public QObject
{
    Q_OBJECT
public:
    struct Settings
    {
        int messagesPerSecond = 50'000;
        int topics = 10'000;
        int durationSeconds = 5;
        int payloadBytes = 40;
    };

    explicit FloodGenerator(Settings settings, QObject* parent = nullptr);

    static QStringList topicNames(int count);
    quint64 generated() const { return m_generated; }

public slots:
    void start();

signals:
    void batchReady(const bs::client::MqttMessageBatch& batch);
    void finished(quint64 generated);

private:
    void produce();

    Settings m_settings;
    QStringList m_topics;
    QTimer* m_timer = nullptr;
    QElapsedTimer m_clock;
    QRandomGenerator m_random{20240611};
    quint64 m_generated = 0;
};
