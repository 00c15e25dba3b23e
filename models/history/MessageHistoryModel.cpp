#include "models/history/MessageHistoryModel.h"

#include "models/payload/PayloadPreview.h"
#include "models/topics/TimeText.h"

#include <QDateTime>

using namespace Qt::StringLiterals;

namespace bs::models {

MessageHistoryModel::MessageHistoryModel(TopicHistoryStore* store, QObject* parent)
    : QAbstractTableModel(parent)
    , m_store(store)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(kUpdateIntervalMs);
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &MessageHistoryModel::applyPending);
    if (store) {
        connect(store, &TopicHistoryStore::appended, this, &MessageHistoryModel::scheduleUpdate);
        connect(store, &TopicHistoryStore::removed, this, &MessageHistoryModel::scheduleUpdate);
    }
}

int MessageHistoryModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_entries.size());
}

int MessageHistoryModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const TopicHistoryStore::Entry* MessageHistoryModel::entryAt(int row) const
{
    if (row < 0 || row >= m_entries.size())
        return nullptr;
    return &m_entries[m_entries.size() - 1 - row];
}

client::MqttMessagePtr MessageHistoryModel::messageAt(int row) const
{
    const TopicHistoryStore::Entry* entry = entryAt(row);
    return entry ? entry->message : nullptr;
}

client::MqttMessagePtr MessageHistoryModel::previousOf(int row) const
{
    if (!entryAt(row))
        return nullptr;
    return messageAt(row + 1);
}

QVariant MessageHistoryModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const TopicHistoryStore::Entry* entry = entryAt(index.row());
    const client::MqttMessage& message = *entry->message;
    const qint64 timestamp = message.timestamp.isValid() ? message.timestamp.toMSecsSinceEpoch() : 0;
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case TimeColumn:
            return timestamp ? localTimeOfDay(timestamp) : QString();
        case QosColumn:
            return int(message.qos);
        case RetainColumn:
            return message.retain ? u"retained"_s : QString();
        case SizeColumn:
            return qint64(message.payload.size());
        case PreviewColumn:
            return oneLinePreview(message.payload, kPreviewChars);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TimeColumn && message.timestamp.isValid())
            return message.timestamp.toLocalTime().toString(Qt::ISODateWithMs);
        if (index.column() == PreviewColumn)
            return oneLinePreview(message.payload, 400);
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() == QosColumn || index.column() == SizeColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case MessageRole:
        return QVariant::fromValue(entry->message);
    case TimestampRole:
        return timestamp;
    case SizeRole:
        return qint64(message.payload.size());
    case SequenceRole:
        return QVariant::fromValue<qulonglong>(entry->sequence);
    default:
        return {};
    }
}

QVariant MessageHistoryModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return u"Time"_s;
    case QosColumn: return u"QoS"_s;
    case RetainColumn: return u"Retain"_s;
    case SizeColumn: return u"Size (bytes)"_s;
    case PreviewColumn: return u"Payload"_s;
    }
    return {};
}

void MessageHistoryModel::setTopic(const QString& topic)
{
    beginResetModel();
    m_topic = topic;
    m_entries.clear();
    m_arrivalsSeen = 0;
    if (m_store && !topic.isEmpty()) {
        m_entries = m_store->entries(topic);
        m_arrivalsSeen = m_store->arrivals(topic);
    }
    endResetModel();
    if (m_pendingCount != 0) {
        m_pendingCount = 0;
        emit pendingWhilePaused(0);
    }
}

void MessageHistoryModel::setPaused(bool paused)
{
    if (paused == m_paused)
        return;
    m_paused = paused;
    if (!paused)
        applyPending(); // resume shows what arrived at once
    emit pausedChanged(paused);
}

void MessageHistoryModel::scheduleUpdate()
{
    if (!m_timer.isActive())
        m_timer.start();
}

void MessageHistoryModel::applyPending()
{
    m_timer.stop();
    if (m_paused)
        updatePendingCount();
    else
        reconcile();
}

void MessageHistoryModel::updatePendingCount()
{
    const quint64 arrivals = m_store && !m_topic.isEmpty() ? m_store->arrivals(m_topic) : 0;
    // Fewer arrivals than seen: the topic was removed and came back; count afresh.
    const quint64 pending = arrivals >= m_arrivalsSeen ? arrivals - m_arrivalsSeen : arrivals;
    const int count = int(std::min<quint64>(pending, quint64(std::numeric_limits<int>::max())));
    if (count != m_pendingCount) {
        m_pendingCount = count;
        emit pendingWhilePaused(count);
    }
}

void MessageHistoryModel::reconcile()
{
    if (m_topic.isEmpty() || !m_store)
        return;
    // Evicted (or removed) in the store: the oldest rows, at the bottom.
    const quint64 oldest = m_store->oldestSequence(m_topic);
    qsizetype evicted = 0;
    while (evicted < m_entries.size() && (oldest == 0 || m_entries[evicted].sequence < oldest))
        ++evicted;
    if (evicted > 0) {
        const int rows = int(m_entries.size());
        beginRemoveRows({}, rows - int(evicted), rows - 1);
        m_entries.remove(0, evicted);
        endRemoveRows();
    }
    // New: at the top.
    const quint64 newestShown = m_entries.isEmpty() ? 0 : m_entries.constLast().sequence;
    const QList<TopicHistoryStore::Entry> fresh = m_store->entriesAfter(m_topic, newestShown);
    if (!fresh.isEmpty()) {
        beginInsertRows({}, 0, int(fresh.size()) - 1);
        m_entries.append(fresh);
        endInsertRows();
    }
    m_arrivalsSeen = m_store->arrivals(m_topic);
    if (m_pendingCount != 0) {
        m_pendingCount = 0;
        emit pendingWhilePaused(0);
    }
}

} // namespace bs::models
