#pragma once
// A live chart of consumer-group lag over time: one line per shown group, overlaid, with a
// legend (up to kMaxLegendSeries groups; more would bury the plot), a time axis and a lag
// axis from 0. One line is drawn 2 px wide, overlaid lines 1 px. Buttons choose the window
// (1 min, 15 min, 1 h, 24 h) and export the chart as PNG or its data as CSV (through a
// non-modal file dialog).
//
// The data is a LagHistory's. On LagHistory::changed the chart is redrawn at most
// 1000 / kMinRefreshIntervalMs times a second, and not at all while hidden (it catches up
// when shown). The window ends at the history's newest sample (latestTimeMs()), so the
// chart follows the data's own clock; it is the current time only while there is no data.
//
// A redraw asks the history for at most one min/max pair per pixel column of the plot and
// hands each line its points in one QXYSeries::replace(); no animation, no OpenGL. Qt
// Charts spends one to two microseconds a point (it strokes each line's path to find its
// shape, then paints it), so all lines share kPointBudget points: one line (2 px wide)
// gets a pair every 2 px, 10 lines 300 columns each, 100 lines 30. That keeps a redraw of
// 1 to 100 groups under 16 ms (bench/lag_chart).
//
// Nothing here blocks the GUI thread: file dialogs are open()ed, never exec()ed.

#include "models/lag/LagHistory.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QStringList>
#include <QTimer>
#include <QWidget>

#include <array>

class QButtonGroup;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QValueAxis;

namespace bs::ui {

class LagChartView : public QWidget
{
    Q_OBJECT
public:
    static constexpr std::array<qint64, 4> kWindowsMs{60'000, 15 * 60'000, 3'600'000, 24 * 3'600'000};
    static constexpr qint64 kDefaultWindowMs = kWindowsMs[1];
    static constexpr int kMinRefreshIntervalMs = 250;
    /// More lines than this are drawn without antialiasing and without a legend.
    static constexpr int kMaxLegendSeries = 20;
    /// Points handed to all lines together in one redraw: each line gets at most
    /// 2 × min(plot width / line width, budget / (2 × lines), at least kMinColumns).
    static constexpr int kPointBudget = 6'000;
    static constexpr int kMinColumns = 30;

    explicit LagChartView(QWidget* parent = nullptr);

    /// The history to draw (not owned; may be null). Redraws at once.
    void setHistory(models::LagHistory* history);
    models::LagHistory* history() const { return m_history; }

    /// The groups to draw, in legend order (duplicates dropped). Redraws at once.
    void setShownSeries(const QStringList& series);
    QStringList shownSeries() const { return m_shown; }

    /// One of kWindowsMs (another value is taken as is, with no button checked). Until it is
    /// called or a button pressed, the window follows the history: 1 min while the shown
    /// lines are younger than a minute, then 15 min.
    void setWindowMs(qint64 windowMs);
    qint64 windowMs() const { return m_windowMs; }

    QChart* chart() const { return m_chart; }
    QChartView* chartView() const { return m_view; }
    QDateTimeAxis* timeAxis() const { return m_timeAxis; }
    QValueAxis* valueAxis() const { return m_valueAxis; }
    /// The line of one shown group; null when it is not shown.
    QLineSeries* lineSeries(const QString& series) const;
    /// The end of the window of the last redraw (msecs since epoch).
    qint64 windowEndMs() const { return m_windowEndMs; }

public slots:
    /// Redraws now, hidden or not.
    void refresh();
    /// Saves the chart as it is drawn as a PNG file; false when it cannot be written.
    bool exportPng(const QString& path);
    /// Saves the shown groups' data over the current window as CSV (models::LagCsv).
    bool exportCsv(const QString& path);
    /// Asks for a file (non-modal dialog), then exports to it.
    void askAndExportPng();
    void askAndExportCsv();

signals:
    /// After an export: where, and whether it was written.
    void exported(const QString& path, bool ok);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void applyWindow(qint64 windowMs);
    void fitYoungHistory(qint64 endMs);
    using ExportFunction = bool (LagChartView::*)(const QString&);
    void scheduleRefresh();
    void askAndExport(const QString& title, const QString& filter, const QString& suffix, ExportFunction exportTo);
    void reportExport(const QString& path, bool ok, const QString& error = {});
    int pointsPerLine() const;
    qint64 nowMs() const;

    QPointer<models::LagHistory> m_history;
    QStringList m_shown;
    QList<QLineSeries*> m_lines; ///< Parallel to m_shown.
    qint64 m_windowMs = kDefaultWindowMs;
    bool m_autoWindow = true; ///< No window chosen yet: young histories are shown over 1 min.
    qint64 m_windowEndMs = 0;
    QChart* m_chart = nullptr;
    QChartView* m_view = nullptr;
    QDateTimeAxis* m_timeAxis = nullptr;
    QValueAxis* m_valueAxis = nullptr;
    QButtonGroup* m_windowButtons = nullptr;
    QLabel* m_status = nullptr;
    QTimer m_refreshTimer;
    QElapsedTimer m_sinceRefresh;
    bool m_dirty = false;
};

} // namespace bs::ui
