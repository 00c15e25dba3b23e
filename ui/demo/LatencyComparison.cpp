#include "ui/demo/LatencyComparison.h"

#include "models/lag/LagText.h"
#include "ui/demo/DemoFormat.h"

#include <QHeaderView>
#include <QLabel>
#include <QTableWidget>
#include <QTextDocumentFragment>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

const QColor kWorse(0xb0, 0x2a, 0x1e);
constexpr double kWorseFactor = 5.0;      ///< A latency this many times the other way's is marked.
constexpr double kWorseErrorRate = 0.01;  ///< An error rate above this is marked.

bool hasLatency(const demo::OrderPathMetrics& metrics)
{
    return metrics.samples > 0;
}

QString situation(const demo::DemoSnapshot& snapshot)
{
    QStringList sentences;
    if (snapshot.emailSlow)
        sentences << LatencyComparison::tr("Email is slow: every synchronous order waits for it (or times out), "
                                           "while the order service answers as fast as before — only email's lag grows.");
    if (snapshot.paymentDown)
        sentences << LatencyComparison::tr("Payment is down: synchronous orders fail; asynchronous ones are still "
                                           "accepted, and payment's orders wait as dead letters for a replay.");
    if (snapshot.producerStopped)
        sentences << LatencyComparison::tr("No new orders: the consumers drain their backlog on their own.");
    return sentences.join(u' ');
}

} // namespace

LatencyComparison::LatencyComparison(QWidget* parent) : QWidget(parent)
{
    m_table = new QTableWidget(RowCount, ColumnCount);
    m_table->setObjectName(u"latencyTable"_s);
    m_table->setHorizontalHeaderLabels({tr("p50"), tr("p99"), tr("Errors"), tr("Throughput")});
    m_table->setVerticalHeaderLabels({tr("Asynchronous"), tr("Synchronous")});
    m_table->verticalHeaderItem(AsyncRow)->setToolTip(tr("Order saved and published; the customer has the answer at "
                                                         "the broker's acknowledgement"));
    m_table->verticalHeaderItem(SyncRow)->setToolTip(tr("The customer waits while the order service calls inventory, "
                                                        "payment, email, warehouse, analytics and loyalty in turn"));
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setSelectionMode(QAbstractItemView::NoSelection);
    m_table->setFocusPolicy(Qt::NoFocus);
    m_table->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    m_table->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    m_table->setVerticalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_table->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    QFont numbers = m_table->font();
    numbers.setPointSizeF(numbers.pointSizeF() * 1.25);
    numbers.setBold(true);
    for (int row = 0; row < RowCount; ++row) {
        for (int column = 0; column < ColumnCount; ++column) {
            auto* item = new QTableWidgetItem(u"—"_s);
            item->setTextAlignment(Qt::AlignCenter);
            item->setFont(numbers);
            m_table->setItem(row, column, item);
        }
    }
    const int rowHeight = QFontMetrics(numbers).height() + 10;
    m_table->verticalHeader()->setDefaultSectionSize(rowHeight);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() + RowCount * rowHeight
                            + 2 * m_table->frameWidth());

    m_verdict = new QLabel(tr("Start the demo: both ways of creating an order are measured on the same orders."));
    m_verdict->setObjectName(u"latencyVerdict"_s);
    m_verdict->setWordWrap(true);
    m_verdict->setTextFormat(Qt::RichText);
    m_verdict->setAlignment(Qt::AlignLeft | Qt::AlignTop);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_table);
    layout->addWidget(m_verdict, 1);
    // Room for the table and about four lines of words, however the splitter is dragged.
    setMinimumHeight(m_table->height() + 4 * fontMetrics().lineSpacing() + layout->spacing());
}

void LatencyComparison::showSnapshot(const demo::DemoSnapshot& snapshot)
{
    m_async = snapshot.async;
    m_sync = snapshot.sync;
    const bool syncSlower = hasLatency(m_async) && hasLatency(m_sync) && m_sync.p50Ms > m_async.p50Ms * kWorseFactor;
    showRow(AsyncRow, m_async, false);
    showRow(SyncRow, m_sync, syncSlower);
    m_verdict->setText(verdictHtml(snapshot));
}

void LatencyComparison::showRow(Row row, const demo::OrderPathMetrics& metrics, bool worse)
{
    const QString texts[ColumnCount] = {
        latencyText(metrics.p50Ms, hasLatency(metrics)),
        latencyText(metrics.p99Ms, hasLatency(metrics)),
        hasLatency(metrics) ? percentText(metrics.errorRate) : u"—"_s,
        models::roundedRate(metrics.throughputPerSecond) + u"/s"_s,
    };
    const bool marked[ColumnCount] = {worse, worse, metrics.errorRate > kWorseErrorRate, false};
    for (int column = 0; column < ColumnCount; ++column) {
        QTableWidgetItem* item = m_table->item(row, column);
        item->setText(texts[column]);
        item->setForeground(marked[column] ? QBrush(kWorse) : QBrush());
    }
}

QString LatencyComparison::verdictHtml(const demo::DemoSnapshot& snapshot)
{
    const demo::OrderPathMetrics& async = snapshot.async;
    const demo::OrderPathMetrics& sync = snapshot.sync;
    if (!hasLatency(async) && !hasLatency(sync))
        return tr("Start the demo: both ways of creating an order are measured on the same orders.");
    QStringList parts;
    if (hasLatency(async) && hasLatency(sync) && async.p50Ms > 0.0 && sync.p50Ms > async.p50Ms) {
        parts << u"<b>"_s
                     + tr("Asynchronous answers the customer %1 faster")
                           .arg(factorText(sync.p50Ms / async.p50Ms))
                     + u"</b> "_s
                     + tr("(half of the orders within %1 instead of %2).")
                           .arg(latencyText(async.p50Ms), latencyText(sync.p50Ms));
    } else if (!hasLatency(sync)) {
        parts << tr("No synchronous order has finished yet: the customers are still waiting.");
    }
    if (sync.errorRate > async.errorRate + kWorseErrorRate / 10)
        parts << tr("%1 of synchronous orders fail, %2 of asynchronous ones.")
                     .arg(percentText(sync.errorRate), percentText(async.errorRate));
    const QString now = situation(snapshot);
    if (!now.isEmpty())
        parts << now;
    if (snapshot.speedFactor != 1.0)
        parts << u"<small>"_s + tr("Measured on the wall clock, at speed ×%1.").arg(snapshot.speedFactor)
                     + u"</small>"_s;
    return parts.join(u' ');
}

QString LatencyComparison::cellText(Row row, Column column) const
{
    return m_table->item(row, column)->text();
}

QString LatencyComparison::verdict() const
{
    return QTextDocumentFragment::fromHtml(m_verdict->text()).toPlainText();
}

} // namespace bs::ui
