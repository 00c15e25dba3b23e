#pragma once
// The overview: which broker the console is connected to, its state, and live charts of
// messages in/out per second, clients and subscriptions, read from the broker's
// $SYS/broker/... topics (Mosquitto's names, which our engine publishes too).

#include "client/MqttClient.h"

#include <QWidget>

class QChart;
class QDateTimeAxis;
class QFormLayout;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace bs::models {
class SysStatsModel;
}

namespace bs::ui {

class OverviewPage : public QWidget
{
    Q_OBJECT
public:
    OverviewPage(models::SysStatsModel& stats, client::MqttClient& client, QWidget* parent = nullptr);

    /// A line about the embedded broker (address, data directory), or empty.
    void setEmbeddedBrokerInfo(const QString& text);
    QLineSeries* messagesInSeries() const { return m_messagesIn; }

private:
    struct Chart
    {
        QChart* chart;
        QDateTimeAxis* time;
        QValueAxis* values;
    };
    Chart makeChart(const QString& title, std::initializer_list<QLineSeries*> series);
    void refreshCharts();
    void refreshSummary();
    static void fit(const Chart& chart, std::initializer_list<const QLineSeries*> series);

    models::SysStatsModel& m_stats;
    client::MqttClient& m_client;
    QLabel* m_broker = nullptr;
    QLabel* m_state = nullptr;
    QLabel* m_embedded = nullptr;
    QLabel* m_version = nullptr;
    QLabel* m_uptime = nullptr;
    QLabel* m_clients = nullptr;
    QLabel* m_subscriptions = nullptr;
    QLabel* m_retained = nullptr;
    QLabel* m_noStats = nullptr;
    QLineSeries* m_messagesIn = nullptr;
    QLineSeries* m_messagesOut = nullptr;
    QLineSeries* m_clientSeries = nullptr;
    QLineSeries* m_subscriptionSeries = nullptr;
    Chart m_trafficChart{};
    Chart m_clientsChart{};
};

} // namespace bs::ui
