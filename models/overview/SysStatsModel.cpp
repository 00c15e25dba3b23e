#include "models/overview/SysStatsModel.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

struct KeyToSeries
{
    QStringView key;
    SysStatsModel::Series series;
    bool counter;
};

constexpr KeyToSeries kKeys[] = {
    {u"publish/messages/received", SysStatsModel::Series::MessagesInPerSecond, true},
    {u"publish/messages/sent", SysStatsModel::Series::MessagesOutPerSecond, true},
    {u"messages/received", SysStatsModel::Series::PacketsInPerSecond, true},
    {u"messages/sent", SysStatsModel::Series::PacketsOutPerSecond, true},
    {u"bytes/received", SysStatsModel::Series::BytesInPerSecond, true},
    {u"bytes/sent", SysStatsModel::Series::BytesOutPerSecond, true},
    {u"clients/connected", SysStatsModel::Series::ClientsConnected, false},
    {u"subscriptions/count", SysStatsModel::Series::Subscriptions, false},
    {u"retained messages/count", SysStatsModel::Series::RetainedMessages, false},
};

/// The leading number of "1234", "12.5", "3600 seconds"; nullopt when there is none.
std::optional<double> leadingNumber(const QString& text)
{
    const QString trimmed = text.trimmed();
    qsizetype end = 0;
    while (end < trimmed.size() && (trimmed[end].isDigit() || trimmed[end] == u'.' || (end == 0 && trimmed[end] == u'-')))
        ++end;
    bool ok = false;
    const double value = trimmed.left(end).toDouble(&ok);
    return ok ? std::optional<double>(value) : std::nullopt;
}

} // namespace

SysStatsModel::SysStatsModel(QObject* parent)
    : QObject(parent)
{
    m_changedTimer.setSingleShot(true);
    m_changedTimer.setInterval(kChangedIntervalMs);
    connect(&m_changedTimer, &QTimer::timeout, this, &SysStatsModel::changed);
}

void SysStatsModel::ingest(const client::MqttMessageBatch& messages)
{
    for (const client::MqttMessagePtr& message : messages) {
        if (message && message->topic.startsWith(kPrefix))
            apply(*message);
    }
}

void SysStatsModel::apply(const client::MqttMessage& message)
{
    const QString key = message.topic.mid(kPrefix.size());
    // $SYS payloads are short ASCII; anything else is shown as the lossy text it is.
    const QString text = QString::fromUtf8(message.payload.left(256));
    m_latestText.insert(key, text);
    scheduleChanged();
    const qint64 atMs = message.timestamp.isValid() ? message.timestamp.toMSecsSinceEpoch()
                                                    : QDateTime::currentMSecsSinceEpoch();
    const std::optional<double> number = leadingNumber(text);
    if (!number)
        return;
    if (key == u"uptime") {
        const auto seconds = qint64(*number);
        if (m_uptime && seconds < *m_uptime && !message.retain)
            resetCounters(); // the broker restarted
        m_uptime = seconds;
        return;
    }
    for (const KeyToSeries& entry : kKeys) {
        if (entry.key != key)
            continue;
        if (entry.counter)
            applyCounter(entry.series, *number, atMs, message.retain);
        else
            append(entry.series, atMs, *number);
        return;
    }
}

void SysStatsModel::applyCounter(Series target, double value, qint64 atMs, bool retained)
{
    Counter& counter = m_counters[size_t(target)];
    const bool restarted = counter.known && value < counter.value;
    if (retained || !counter.known || !counter.timed || restarted) {
        counter = Counter{value, atMs, true, !retained}; // a baseline, no rate yet
        return;
    }
    if (atMs <= counter.atMs)
        return; // the same instant twice (or the clock went back): keep the older baseline
    append(target, atMs, (value - counter.value) * 1000.0 / double(atMs - counter.atMs));
    counter = Counter{value, atMs, true, true};
}

void SysStatsModel::append(Series target, qint64 atMs, double value)
{
    QList<QPointF>& points = m_series[size_t(target)];
    points.append(QPointF(double(atMs), value));
    const double oldest = double(atMs - m_windowMs);
    qsizetype drop = 0;
    while (drop < points.size() && points[drop].x() < oldest)
        ++drop;
    drop = std::max(drop, points.size() - kMaxPoints);
    if (drop > 0)
        points.remove(0, drop);
}

void SysStatsModel::resetCounters()
{
    m_counters.fill(Counter{});
}

QList<QPointF> SysStatsModel::series(Series which) const
{
    return m_series[size_t(which)];
}

std::optional<double> SysStatsModel::latest(Series which) const
{
    const QList<QPointF>& points = m_series[size_t(which)];
    if (points.isEmpty())
        return std::nullopt;
    return points.constLast().y();
}

QString SysStatsModel::latestText(const QString& key) const
{
    return m_latestText.value(key);
}

QStringList SysStatsModel::knownKeys() const
{
    QStringList keys = m_latestText.keys();
    keys.sort();
    return keys;
}

std::optional<qint64> SysStatsModel::uptimeSeconds() const
{
    return m_uptime;
}

void SysStatsModel::setHistoryWindow(qint64 msecs)
{
    m_windowMs = std::max<qint64>(1000, msecs);
}

void SysStatsModel::clear()
{
    for (QList<QPointF>& points : m_series)
        points.clear();
    resetCounters();
    m_latestText.clear();
    m_uptime.reset();
    scheduleChanged();
}

void SysStatsModel::scheduleChanged()
{
    if (!m_changedTimer.isActive())
        m_changedTimer.start();
}

} // namespace bs::models
