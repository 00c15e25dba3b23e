#pragma once
// The numbers the class compares: creating an order asynchronously (saved, published,
// answered at the broker's PUBACK) against synchronously (the customer waits while the
// order service calls all six services in turn), measured on the same orders. Two rows,
// four columns (p50, p99, error rate, throughput, over the scenario's metrics window) and
// under them, in words, what the class sees ("Asynchronous answers the customer 270×
// faster…", what a fault does to each way).

#include "demo/DemoSnapshot.h"

#include <QWidget>

class QLabel;
class QTableWidget;

namespace bs::ui {

class LatencyComparison : public QWidget
{
    Q_OBJECT
public:
    enum Row
    {
        AsyncRow,
        SyncRow,
        RowCount
    };
    enum Column
    {
        P50Column,
        P99Column,
        ErrorRateColumn,
        ThroughputColumn,
        ColumnCount
    };

    explicit LatencyComparison(QWidget* parent = nullptr);

    void showSnapshot(const demo::DemoSnapshot& snapshot);

    /// The metrics the row shows now.
    const demo::OrderPathMetrics& shown(Row row) const { return row == AsyncRow ? m_async : m_sync; }
    QString cellText(Row row, Column column) const;
    /// The words under the table, as plain text.
    QString verdict() const;
    QTableWidget* table() const { return m_table; }

    /// The sentences for a snapshot (rich text).
    static QString verdictHtml(const demo::DemoSnapshot& snapshot);

private:
    void showRow(Row row, const demo::OrderPathMetrics& metrics, bool worse);

    QTableWidget* m_table = nullptr;
    QLabel* m_verdict = nullptr;
    demo::OrderPathMetrics m_async;
    demo::OrderPathMetrics m_sync;
};

} // namespace bs::ui
