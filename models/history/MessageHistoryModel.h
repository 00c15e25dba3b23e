#pragma once
// One topic's recent messages from a TopicHistoryStore, newest first. The model keeps
// its own list of the rows it shows (shared message pointers, at most the store's
// per-topic capacity), so it can hold still while paused even if the store evicts.
// Updates are coalesced like the topic tree: a store change arms a 50 ms single-shot
// timer, and the tick reconciles once: rows the store evicted leave at the bottom, new
// ones are inserted at the top. While paused nothing moves; pendingWhilePaused() tells
// how many arrived, and resuming shows them at once.

#include "models/history/TopicHistoryStore.h"

#include <QAbstractTableModel>
#include <QPointer>
#include <QTimer>

namespace bs::models {

class MessageHistoryModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        QosColumn,
        RetainColumn,
        SizeColumn,
        PreviewColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        MessageRole = Qt::UserRole + 1, ///< MqttMessagePtr.
        TimestampRole, ///< qint64 msecs since epoch (0 when the message has none).
        SizeRole,      ///< qint64 payload bytes.
        SequenceRole,  ///< quint64 store sequence number.
    };
    Q_ENUM(Role)

    static constexpr int kUpdateIntervalMs = 50;
    static constexpr int kPreviewChars = 80;

    explicit MessageHistoryModel(TopicHistoryStore* store, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    QString topic() const { return m_topic; }
    bool isPaused() const { return m_paused; }
    /// Messages that arrived on the topic since the view was paused.
    int pendingCount() const { return m_pendingCount; }

    /// Null when row is out of range.
    client::MqttMessagePtr messageAt(int row) const;
    /// The message that came before messageAt(row) on the same topic (the next row
    /// down), for a diff; null for the oldest row.
    client::MqttMessagePtr previousOf(int row) const;

public slots:
    /// Shows another topic (empty: none); resets the model, pending count back to 0.
    void setTopic(const QString& topic);
    void setPaused(bool paused);
    /// Reconciles with the store now (the timer calls this).
    void applyPending();

signals:
    void pendingWhilePaused(int count);
    void pausedChanged(bool paused);

private:
    const TopicHistoryStore::Entry* entryAt(int row) const;
    void scheduleUpdate();
    void reconcile();
    void updatePendingCount();

    QPointer<TopicHistoryStore> m_store;
    QString m_topic;
    QList<TopicHistoryStore::Entry> m_entries; ///< Oldest first; row r is m_entries[size - 1 - r].
    QTimer m_timer;
    bool m_paused = false;
    quint64 m_arrivalsSeen = 0; ///< store.arrivals(topic) when the rows were last brought up to date.
    int m_pendingCount = 0;
};

} // namespace bs::models
