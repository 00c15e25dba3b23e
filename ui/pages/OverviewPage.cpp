#include "ui/pages/OverviewPage.h"

#include "models/overview/SysStatsModel.h"

#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFormLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>
#include <QVBoxLayout>

namespace bs::ui {

using models::SysStatsModel;

namespace {

QLineSeries* namedSeries(const QString& name)
{
    auto* series = new QLineSeries;
    series->setName(name);
    series->setUseOpenGL(false);
    return series;
}

QString orDash(const std::optional<double>& value)
{
    return value ? QString::number(qint64(*value)) : QStringLiteral("—");
}

} // namespace

OverviewPage::OverviewPage(models::SysStatsModel& stats, client::MqttClient& client, QWidget* parent)
    : QWidget(parent), m_stats(stats), m_client(client)
{
    auto* summary = new QGroupBox(tr("Connection"));
    auto* form = new QFormLayout(summary);
    auto label = [] {
        auto* l = new QLabel(QStringLiteral("—"));
        l->setTextInteractionFlags(Qt::TextSelectableByMouse);
        return l;
    };
    form->addRow(tr("Broker:"), m_broker = label());
    form->addRow(tr("State:"), m_state = label());
    form->addRow(tr("Embedded engine:"), m_embedded = label());
    form->addRow(tr("Broker version:"), m_version = label());
    form->addRow(tr("Uptime:"), m_uptime = label());
    form->addRow(tr("Clients connected:"), m_clients = label());
    form->addRow(tr("Subscriptions:"), m_subscriptions = label());
    form->addRow(tr("Retained messages:"), m_retained = label());

    m_noStats = new QLabel(tr("Waiting for the broker's $SYS statistics… (a broker that publishes none leaves these charts empty; the topic explorer still works)"));
    m_noStats->setWordWrap(true);

    m_messagesIn = namedSeries(tr("Messages in/s"));
    m_messagesOut = namedSeries(tr("Messages out/s"));
    m_clientSeries = namedSeries(tr("Clients"));
    m_subscriptionSeries = namedSeries(tr("Subscriptions"));
    m_trafficChart = makeChart(tr("Messages per second"), {m_messagesIn, m_messagesOut});
    m_clientsChart = makeChart(tr("Clients and subscriptions"), {m_clientSeries, m_subscriptionSeries});

    auto* trafficView = new QChartView(m_trafficChart.chart);
    trafficView->setRenderHint(QPainter::Antialiasing);
    auto* clientsView = new QChartView(m_clientsChart.chart);
    clientsView->setRenderHint(QPainter::Antialiasing);

    auto* layout = new QVBoxLayout(this);
    auto* top = new QHBoxLayout;
    top->addWidget(summary);
    top->addWidget(m_noStats, 1);
    layout->addLayout(top);
    auto* charts = new QHBoxLayout;
    charts->addWidget(trafficView);
    charts->addWidget(clientsView);
    layout->addLayout(charts, 1);

    connect(&m_stats, &SysStatsModel::changed, this, [this] {
        refreshCharts();
        refreshSummary();
    });
    connect(&m_client, &client::MqttClient::stateChanged, this, &OverviewPage::refreshSummary);
    refreshSummary();
}

OverviewPage::Chart OverviewPage::makeChart(const QString& title,
                                            std::initializer_list<QLineSeries*> series)
{
    Chart chart{new QChart, new QDateTimeAxis, new QValueAxis};
    chart.chart->setTitle(title);
    chart.chart->legend()->setAlignment(Qt::AlignBottom);
    chart.time->setFormat(QStringLiteral("HH:mm:ss"));
    chart.time->setTickCount(5);
    chart.values->setLabelFormat(QStringLiteral("%g"));
    chart.values->setMin(0);
    chart.chart->addAxis(chart.time, Qt::AlignBottom);
    chart.chart->addAxis(chart.values, Qt::AlignLeft);
    for (QLineSeries* s : series) {
        chart.chart->addSeries(s);
        s->attachAxis(chart.time);
        s->attachAxis(chart.values);
    }
    const QDateTime now = QDateTime::currentDateTime();
    chart.time->setRange(now.addSecs(-60), now);
    chart.values->setRange(0, 10);
    return chart;
}

void OverviewPage::fit(const Chart& chart, std::initializer_list<const QLineSeries*> series)
{
    qreal minX = 0;
    qreal maxX = 0;
    qreal maxY = 1;
    bool any = false;
    for (const QLineSeries* s : series) {
        const QList<QPointF> points = s->points();
        for (const QPointF& p : points) {
            minX = any ? std::min(minX, p.x()) : p.x();
            maxX = any ? std::max(maxX, p.x()) : p.x();
            maxY = std::max(maxY, p.y());
            any = true;
        }
    }
    if (!any)
        return;
    if (maxX - minX < 60'000)
        minX = maxX - 60'000; // at least a minute, so the first points are not squeezed
    chart.time->setRange(QDateTime::fromMSecsSinceEpoch(qint64(minX)),
                         QDateTime::fromMSecsSinceEpoch(qint64(maxX)));
    chart.values->setRange(0, std::max(4.0, maxY * 1.15));
    chart.values->applyNiceNumbers();
}

void OverviewPage::refreshCharts()
{
    m_messagesIn->replace(m_stats.series(SysStatsModel::Series::MessagesInPerSecond));
    m_messagesOut->replace(m_stats.series(SysStatsModel::Series::MessagesOutPerSecond));
    m_clientSeries->replace(m_stats.series(SysStatsModel::Series::ClientsConnected));
    m_subscriptionSeries->replace(m_stats.series(SysStatsModel::Series::Subscriptions));
    fit(m_trafficChart, {m_messagesIn, m_messagesOut});
    fit(m_clientsChart, {m_clientSeries, m_subscriptionSeries});
    m_noStats->setVisible(!m_stats.hasData());
}

void OverviewPage::refreshSummary()
{
    const client::ConnectionProfile profile = m_client.profile();
    m_broker->setText(profile.displayName() + QStringLiteral("  (") + profile.serverUri() + u')');
    m_state->setText(client::toString(m_client.state()));
    const QString version = m_stats.version();
    m_version->setText(version.isEmpty() ? QStringLiteral("—") : version);
    const auto uptime = m_stats.uptimeSeconds();
    m_uptime->setText(uptime ? tr("%1 s").arg(*uptime) : QStringLiteral("—"));
    m_clients->setText(orDash(m_stats.latest(SysStatsModel::Series::ClientsConnected)));
    m_subscriptions->setText(orDash(m_stats.latest(SysStatsModel::Series::Subscriptions)));
    m_retained->setText(orDash(m_stats.latest(SysStatsModel::Series::RetainedMessages)));
}

void OverviewPage::setEmbeddedBrokerInfo(const QString& text)
{
    m_embedded->setText(text.isEmpty() ? tr("not running") : text);
}

} // namespace bs::ui
