#include "ui/groups/GroupLagPanel.h"

#include "models/lag/LagHistory.h"
#include "ui/charts/LagChartView.h"

#include <QLabel>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

QString colorOf(models::LagTrend::State state)
{
    switch (state) {
    case models::LagTrend::State::Growing:
        return u"#c81e1e"_s;
    case models::LagTrend::State::Draining:
    case models::LagTrend::State::CaughtUp:
        return u"#1f7a32"_s;
    case models::LagTrend::State::Steady:
        break;
    }
    return {};
}

} // namespace

GroupLagPanel::GroupLagPanel(models::LagHistory& history, QWidget* parent)
    : QWidget(parent), m_history(history)
{
    m_chart = new LagChartView;
    m_chart->setHistory(&m_history);
    m_trends = new QLabel;
    m_trends->setObjectName(u"trendLabel"_s);
    m_trends->setWordWrap(true);
    m_trends->setTextFormat(Qt::RichText);
    m_trends->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_chart, 1);
    layout->addWidget(m_trends);

    connect(&m_history, &models::LagHistory::changed, this, &GroupLagPanel::refreshTrends);
    refreshTrends();
}

void GroupLagPanel::setGroups(const QStringList& groups)
{
    if (groups == m_groups)
        return;
    m_groups = groups;
    m_chart->setShownSeries(groups);
    refreshTrends();
}

QString GroupLagPanel::trendText() const
{
    return QTextDocumentFragment::fromHtml(m_trends->text()).toPlainText();
}

void GroupLagPanel::refreshTrends()
{
    if (m_groups.isEmpty()) {
        m_trends->setText(tr("Select one or more groups to see their lag over time."));
        return;
    }
    QStringList lines;
    for (const QString& group : std::as_const(m_groups)) {
        if (lines.size() == kMaxTrendLines) {
            lines.append(tr("and %n more", nullptr, int(m_groups.size()) - kMaxTrendLines));
            break;
        }
        const bool known = m_history.contains(group);
        const models::LagTrend trend = m_history.trend(group);
        const QString words = known ? trend.text() : tr("no live lag yet");
        const QString color = known ? colorOf(trend.state()) : QString();
        const QString styledWords = color.isEmpty() ? words.toHtmlEscaped()
                                                    : u"<span style=\"color:%1\">%2</span>"_s.arg(color, words.toHtmlEscaped());
        lines.append(u"<b>%1</b>: %2"_s.arg(group.toHtmlEscaped(), styledWords));
    }
    m_trends->setText(lines.join(u"<br>"_s));
}

} // namespace bs::ui
