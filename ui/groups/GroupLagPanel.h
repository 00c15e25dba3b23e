#pragma once
// The lag of the selected consumer groups over time, overlaid in one LagChartView (windows
// 1 min / 15 min / 1 h / 24 h, PNG / CSV export), with each group's trend in words under
// the chart — "orders: growing by 120 msg/s", "billing: draining — empty in about 4 min" —
// growing in red, draining and caught up in green. The words follow LagHistory::changed
// (at most 4 times a second).

#include <QStringList>
#include <QWidget>

class QLabel;

namespace bs::models {
class LagHistory;
}

namespace bs::ui {

class LagChartView;

class GroupLagPanel : public QWidget
{
    Q_OBJECT
public:
    /// Trend lines shown under the chart; more groups are summed up as "and N more".
    static constexpr int kMaxTrendLines = 6;

    explicit GroupLagPanel(models::LagHistory& history, QWidget* parent = nullptr);

    /// The groups to draw and describe, in order.
    void setGroups(const QStringList& groups);
    QStringList groups() const { return m_groups; }

    LagChartView* chart() const { return m_chart; }
    /// The trend words as shown (plain text, one line a group).
    QString trendText() const;

private:
    void refreshTrends();

    models::LagHistory& m_history;
    QStringList m_groups;
    LagChartView* m_chart = nullptr;
    QLabel* m_trends = nullptr;
};

} // namespace bs::ui
