#include "ui/charts/LagChartView.h"

#include "models/lag/LagCsv.h"

#include <QButtonGroup>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QFileDialog>
#include <QGraphicsLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLayout>
#include <QLegend>
#include <QLineSeries>
#include <QPen>
#include <QPushButton>
#include <QToolButton>
#include <QValueAxis>
#include <QVBoxLayout>

#include <algorithm>
#include <cmath>
#include <utility>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

QString windowLabel(qint64 windowMs)
{
    if (windowMs < 3'600'000)
        return LagChartView::tr("%1 min").arg(windowMs / 60'000);
    return LagChartView::tr("%1 h").arg(windowMs / 3'600'000);
}

/// A lag axis of round numbers from 0: at most 5 steps of 1, 2, 2.5 or 5 × 10^n reaching
/// at least value. Returns the maximum and sets tickCount.
double niceAxisMax(double value, int& tickCount)
{
    const double magnitude = std::pow(10.0, std::floor(std::log10(value / 5)));
    double step = 10 * magnitude;
    for (const double factor : {1.0, 2.0, 2.5, 5.0}) {
        if (value / (factor * magnitude) <= 5) {
            step = factor * magnitude;
            break;
        }
    }
    const double steps = std::ceil(value / step);
    tickCount = int(steps) + 1;
    return steps * step;
}

/// One line is drawn 2 px wide; overlaid lines 1 px, so they hide each other less.
qreal lineWidth(int lines)
{
    return lines == 1 ? 2.0 : 1.0;
}

} // namespace

LagChartView::LagChartView(QWidget* parent)
    : QWidget(parent)
{
    m_chart = new QChart;
    m_chart->setAnimationOptions(QChart::NoAnimation);
    m_chart->legend()->setAlignment(Qt::AlignBottom);
    m_timeAxis = new QDateTimeAxis;
    m_timeAxis->setTickCount(5);
    m_timeAxis->setFormat(u"HH:mm:ss"_s); // (Qt's default, with the date, crowds the labels out)
    m_valueAxis = new QValueAxis;
    m_valueAxis->setLabelFormat(u"%.0f"_s);
    m_valueAxis->setTitleText(tr("Lag (messages)"));
    m_chart->addAxis(m_timeAxis, Qt::AlignBottom);
    m_chart->addAxis(m_valueAxis, Qt::AlignLeft);
    m_view = new QChartView(m_chart);
    m_view->setRenderHint(QPainter::Antialiasing);

    auto* bar = new QHBoxLayout;
    m_windowButtons = new QButtonGroup(this);
    m_windowButtons->setExclusive(true);
    for (size_t i = 0; i < kWindowsMs.size(); ++i) {
        auto* button = new QToolButton;
        button->setText(windowLabel(kWindowsMs[i]));
        button->setCheckable(true);
        button->setChecked(kWindowsMs[i] == m_windowMs);
        m_windowButtons->addButton(button, int(i));
        bar->addWidget(button);
    }
    connect(m_windowButtons, &QButtonGroup::idClicked, this,
            [this](int id) { setWindowMs(kWindowsMs[size_t(id)]); });
    m_status = new QLabel;
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    bar->addWidget(m_status, 1);
    auto* png = new QPushButton(tr("Export PNG…"));
    auto* csv = new QPushButton(tr("Export CSV…"));
    connect(png, &QPushButton::clicked, this, &LagChartView::askAndExportPng);
    connect(csv, &QPushButton::clicked, this, &LagChartView::askAndExportCsv);
    bar->addWidget(png);
    bar->addWidget(csv);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(bar);
    layout->addWidget(m_view, 1);

    m_refreshTimer.setSingleShot(true);
    connect(&m_refreshTimer, &QTimer::timeout, this, [this] {
        if (isVisible())
            refresh();
        else
            m_dirty = true;
    });
    refresh();
}

void LagChartView::setHistory(models::LagHistory* history)
{
    if (m_history)
        disconnect(m_history, nullptr, this, nullptr);
    m_history = history;
    if (m_history)
        connect(m_history, &models::LagHistory::changed, this, &LagChartView::scheduleRefresh);
    refresh();
}

void LagChartView::setShownSeries(const QStringList& series)
{
    QStringList wanted = series;
    wanted.removeDuplicates();
    QList<QLineSeries*> lines;
    lines.reserve(wanted.size());
    for (const QString& name : std::as_const(wanted)) {
        const qsizetype old = m_shown.indexOf(name);
        if (old >= 0) {
            lines.append(std::exchange(m_lines[old], nullptr));
            continue;
        }
        auto* line = new QLineSeries;
        line->setName(name);
        line->setUseOpenGL(false);
        m_chart->addSeries(line); // the theme gives it its pen
        line->attachAxis(m_timeAxis);
        line->attachAxis(m_valueAxis);
        lines.append(line);
    }
    for (QLineSeries* gone : std::as_const(m_lines)) {
        if (gone) {
            m_chart->removeSeries(gone);
            delete gone;
        }
    }
    m_shown = wanted;
    m_lines = lines;
    // Overlaid lines are thin (the raster engine also draws 1 px lines several times
    // faster); many lines also without antialiasing.
    const bool crowded = m_shown.size() > kMaxLegendSeries;
    for (QLineSeries* line : std::as_const(m_lines)) {
        QPen pen = line->pen();
        pen.setWidthF(lineWidth(int(m_shown.size())));
        line->setPen(pen);
    }
    m_view->setRenderHint(QPainter::Antialiasing, !crowded);
    m_chart->legend()->setVisible(!m_shown.isEmpty() && !crowded);
    refresh();
}

void LagChartView::setWindowMs(qint64 windowMs)
{
    m_autoWindow = false; // the user's choice stays
    applyWindow(windowMs);
    refresh();
}

void LagChartView::applyWindow(qint64 windowMs)
{
    m_windowMs = std::max<qint64>(1'000, windowMs);
    const auto it = std::find(kWindowsMs.begin(), kWindowsMs.end(), m_windowMs);
    if (it != kWindowsMs.end()) {
        m_windowButtons->button(int(it - kWindowsMs.begin()))->setChecked(true);
    } else if (QAbstractButton* checked = m_windowButtons->checkedButton()) {
        m_windowButtons->setExclusive(false);
        checked->setChecked(false);
        m_windowButtons->setExclusive(true);
    }
    m_timeAxis->setFormat(m_windowMs <= 15 * 60'000 ? u"HH:mm:ss"_s : u"HH:mm"_s);
    m_timeAxis->setTickCount(m_windowMs <= 15 * 60'000 ? 4 : 5); // wider labels, fewer of them
}

void LagChartView::fitYoungHistory(qint64 endMs)
{
    // Until a window is chosen: a history younger than a minute is shown over a minute (not
    // squeezed against the right edge of 15 min); from then on, the default 15 min.
    if (!m_autoWindow || !m_history)
        return;
    qint64 oldest = endMs;
    for (const QString& series : std::as_const(m_shown)) {
        const QList<QPointF> span = m_history->points(series, kDefaultWindowMs, endMs, 2);
        if (!span.isEmpty())
            oldest = std::min(oldest, qint64(span.first().x()));
    }
    const qint64 wanted = endMs - oldest < kWindowsMs[0] ? kWindowsMs[0] : kDefaultWindowMs;
    if (wanted != m_windowMs)
        applyWindow(wanted);
}

QLineSeries* LagChartView::lineSeries(const QString& series) const
{
    const qsizetype index = m_shown.indexOf(series);
    return index >= 0 ? m_lines[index] : nullptr;
}

qint64 LagChartView::nowMs() const
{
    const models::LagHistory* history = m_history;
    const qint64 latest = history ? history->latestTimeMs() : 0;
    return latest > 0 ? latest : QDateTime::currentMSecsSinceEpoch();
}

int LagChartView::pointsPerLine() const
{
    // One min/max pair per pen width of the plot (a guess before the first layout), but no
    // more than the shared budget allows each line.
    const int lines = std::max<int>(1, int(m_shown.size()));
    const int width = int(m_chart->plotArea().width() / lineWidth(lines));
    const int columns = std::clamp(width > 0 ? width : 1000, kMinColumns, 4000);
    return std::clamp(kPointBudget / (2 * lines), kMinColumns, columns);
}

void LagChartView::scheduleRefresh()
{
    if (m_refreshTimer.isActive())
        return;
    const qint64 since = m_sinceRefresh.isValid() ? m_sinceRefresh.elapsed() : kMinRefreshIntervalMs;
    m_refreshTimer.start(int(std::max<qint64>(0, kMinRefreshIntervalMs - since)));
}

void LagChartView::refresh()
{
    m_sinceRefresh.start();
    m_dirty = false;
    // Lay out now what changed since the last event loop pass (legend markers, the legend
    // shown or hidden), so the plot's width is known and an export right after is complete.
    for (QGraphicsWidget* item : {static_cast<QGraphicsWidget*>(m_chart->legend()), static_cast<QGraphicsWidget*>(m_chart)}) {
        if (QGraphicsLayout* itemLayout = item->layout())
            itemLayout->activate();
    }
    const qint64 end = nowMs();
    m_windowEndMs = end;
    fitYoungHistory(end);
    const int maxPoints = pointsPerLine();
    const models::LagHistory* history = m_history;
    QList<QList<QPointF>> lines(m_shown.size());
    double maxLag = 0;
    for (qsizetype i = 0; i < m_shown.size(); ++i) {
        if (history)
            lines[i] = history->points(m_shown[i], m_windowMs, end, maxPoints);
        for (const QPointF& point : std::as_const(lines[i]))
            maxLag = std::max(maxLag, point.y());
    }
    // Every axis change makes each line recompute its geometry with the points it has, so
    // the lines are emptied first and filled last: one geometry pass per line, not three.
    for (QLineSeries* line : std::as_const(m_lines))
        line->clear();
    m_timeAxis->setRange(QDateTime::fromMSecsSinceEpoch(end - m_windowMs), QDateTime::fromMSecsSinceEpoch(end));
    int ticks = 5;
    const double top = niceAxisMax(std::max(10.0, maxLag * 1.1), ticks);
    m_valueAxis->setTickCount(ticks);
    m_valueAxis->setRange(0, top);
    for (qsizetype i = 0; i < m_shown.size(); ++i)
        m_lines[i]->replace(lines[i]);
}

void LagChartView::showEvent(QShowEvent* event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

bool LagChartView::exportPng(const QString& path)
{
    if (layout())
        layout()->activate(); // a view never shown still gets its size
    refresh();
    const bool ok = m_view->grab().save(path, "PNG");
    reportExport(path, ok);
    return ok;
}

bool LagChartView::exportCsv(const QString& path)
{
    const models::LagHistory* history = m_history;
    QString error = tr("no data");
    const bool ok = history && models::LagCsv::write(path, *history, m_shown, m_windowMs, nowMs(), &error);
    reportExport(path, ok, error);
    return ok;
}

void LagChartView::askAndExportPng()
{
    askAndExport(tr("Export lag chart"), tr("PNG images (*.png)"), u"png"_s, &LagChartView::exportPng);
}

void LagChartView::askAndExportCsv()
{
    askAndExport(tr("Export lag data"), tr("CSV files (*.csv)"), u"csv"_s, &LagChartView::exportCsv);
}

void LagChartView::askAndExport(const QString& title, const QString& filter, const QString& suffix, ExportFunction exportTo)
{
    auto* dialog = new QFileDialog(this, title, QString(), filter);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setDefaultSuffix(suffix);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->selectFile(u"lag-"_s + QDateTime::currentDateTime().toString(u"yyyyMMdd-HHmmss"_s) + u'.' + suffix);
    connect(dialog, &QFileDialog::fileSelected, this, [this, exportTo](const QString& path) { (this->*exportTo)(path); });
    dialog->open();
}

void LagChartView::reportExport(const QString& path, bool ok, const QString& error)
{
    if (ok)
        m_status->setText(tr("Saved %1").arg(path));
    else
        m_status->setText(error.isEmpty() ? tr("Could not write %1").arg(path) : tr("Could not write %1: %2").arg(path, error));
    emit exported(path, ok);
}

} // namespace bs::ui
