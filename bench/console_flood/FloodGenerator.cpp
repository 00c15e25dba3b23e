#include "FloodGenerator.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

FloodGenerator::FloodGenerator(Settings settings, QObject* parent)
    : QObject(parent)
    , m_settings(settings)
    , m_topics(topicNames(settings.topics))
{
}

QStringList FloodGenerator::topicNames(int count)
{
    // site/<10 areas>/<10 lines>/<machine>/<metric>: 100 lines of count/100 topics each.
    QStringList names;
    names.reserve(count);
    for (int i = 0; i < count; ++i) {
        const int perLine = std::max(1, count / 100);
        const int line = i / perLine;
        names.append(u"site/area%1/line%2/machine%3/metric%4"_s.arg(line / 10).arg(line % 10).arg((i % perLine) / 10).arg(i % 10));
    }
    return names;
}

void FloodGenerator::start()
{
    m_timer = new QTimer(this);
    m_timer->setTimerType(Qt::PreciseTimer);
    m_timer->setInterval(10);
    connect(m_timer, &QTimer::timeout, this, &FloodGenerator::produce);
    m_clock.start();
    m_timer->start();
}

void FloodGenerator::produce()
{
    const qint64 elapsedMs = std::min<qint64>(m_clock.elapsed(), qint64(m_settings.durationSeconds) * 1000);
    const quint64 due = quint64(double(m_settings.messagesPerSecond) * double(elapsedMs) / 1000.0);
    if (due > m_generated) {
        const QDateTime now = QDateTime::currentDateTimeUtc();
        bs::client::MqttMessageBatch batch;
        batch.reserve(qsizetype(due - m_generated));
        const QByteArray padding(std::max(0, m_settings.payloadBytes - 30), 'x');
        for (; m_generated < due; ++m_generated) {
            auto message = std::make_shared<bs::client::MqttMessage>();
            const auto topic = int(m_random.bounded(quint32(m_topics.size())));
            message->topic = m_topics[topic];
            message->payload = "{\"seq\":" + QByteArray::number(m_generated) + ",\"v\":"
                + QByteArray::number(m_random.bounded(1000)) + ",\"p\":\"" + padding + "\"}";
            message->qos = quint8(topic % 3);
            message->retain = topic % 10 == 0;
            message->timestamp = now;
            batch.append(std::move(message));
        }
        emit batchReady(batch);
    }
    if (elapsedMs >= qint64(m_settings.durationSeconds) * 1000) {
        m_timer->stop();
        emit finished(m_generated);
    }
}
