#pragma once
// The overview page's broker statistics, read from the $SYS/broker/... topics with
// Mosquitto's names (our engine publishes the same ones every sysInterval seconds).
// Counters (publish/messages/received, bytes/sent, ...) become rates: the difference
// between two updates of the same counter divided by the time between them (the
// messages' arrival timestamps). A counter that goes down, or an uptime that goes down,
// means the broker restarted: the next update only sets a new baseline, so no rate is
// ever negative. A retained update (sent to us on subscribe, published up to one
// interval earlier) sets a baseline without a time, so it never produces a rate. Gauges
// (clients/connected, subscriptions/count, ...) are plotted as they come.
//
// Every series keeps the last historyWindow() (default 15 min) of points, x in msecs
// since epoch, at most kMaxPoints each. changed() is emitted at most every 250 ms.

#include "client/MqttMessage.h"

#include <QHash>
#include <QObject>
#include <QPointF>
#include <QTimer>

#include <array>
#include <optional>

namespace bs::models {

class SysStatsModel : public QObject
{
    Q_OBJECT
public:
    enum class Series : quint8
    {
        MessagesInPerSecond,  ///< publish/messages/received
        MessagesOutPerSecond, ///< publish/messages/sent
        PacketsInPerSecond,   ///< messages/received (all packets)
        PacketsOutPerSecond,  ///< messages/sent
        BytesInPerSecond,     ///< bytes/received
        BytesOutPerSecond,    ///< bytes/sent
        ClientsConnected,     ///< clients/connected
        Subscriptions,        ///< subscriptions/count
        RetainedMessages,     ///< retained messages/count
    };
    Q_ENUM(Series)
    static constexpr int kSeriesCount = 9;

    static constexpr qint64 kDefaultHistoryWindowMs = 15 * 60 * 1000;
    static constexpr int kMaxPoints = 4096;
    static constexpr int kChangedIntervalMs = 250;
    static inline const QString kPrefix = QStringLiteral("$SYS/broker/");

    explicit SysStatsModel(QObject* parent = nullptr);

    QList<QPointF> series(Series series) const;
    /// The newest point's value of a series.
    std::optional<double> latest(Series series) const;
    /// The last payload of $SYS/broker/<key> as text ("version", "uptime",
    /// "clients/connected", ...); empty when never seen.
    QString latestText(const QString& key) const;
    QStringList knownKeys() const;
    std::optional<qint64> uptimeSeconds() const;
    QString version() const { return latestText(QStringLiteral("version")); }
    bool hasData() const { return !m_latestText.isEmpty(); }

    void setHistoryWindow(qint64 msecs);
    qint64 historyWindow() const { return m_windowMs; }

public slots:
    /// Takes the $SYS/broker/ messages of a batch and ignores the rest.
    void ingest(const bs::client::MqttMessageBatch& messages);
    /// Forgets everything (e.g. when connecting to another broker).
    void clear();

signals:
    void changed();

private:
    struct Counter
    {
        double value = 0;
        qint64 atMs = 0;
        bool known = false; ///< A baseline value exists.
        bool timed = false; ///< atMs is when value was true (not a retained replay).
    };

    void apply(const client::MqttMessage& message);
    void applyCounter(Series target, double value, qint64 atMs, bool retained);
    void append(Series target, qint64 atMs, double value);
    void resetCounters();
    void scheduleChanged();

    std::array<QList<QPointF>, kSeriesCount> m_series;
    std::array<Counter, kSeriesCount> m_counters{}; ///< By Series (rate series only).
    QHash<QString, QString> m_latestText;
    std::optional<qint64> m_uptime;
    qint64 m_windowMs = kDefaultHistoryWindowMs;
    QTimer m_changedTimer;
};

} // namespace bs::models
