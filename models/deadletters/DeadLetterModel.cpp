#include "models/deadletters/DeadLetterModel.h"

#include <QDateTime>
#include <QSet>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

QString timeText(qint64 ms)
{
    const QDateTime time = QDateTime::fromMSecsSinceEpoch(ms);
    return time.date() == QDate::currentDate() ? time.toString(u"HH:mm:ss"_s) : time.toString(u"yyyy-MM-dd HH:mm"_s);
}

QStringList sortedUnion(QSet<QString> values, const QMap<QString, qint64>& more)
{
    for (auto it = more.cbegin(); it != more.cend(); ++it)
        values.insert(it.key());
    QStringList list(values.cbegin(), values.cend());
    list.sort(Qt::CaseInsensitive);
    return list;
}

void forget(QMap<QString, qint64>& counts, const QString& key)
{
    if (--counts[key] <= 0)
        counts.remove(key);
}

} // namespace

DeadLetterModel::DeadLetterModel(QObject* parent) : QAbstractTableModel(parent) {}

int DeadLetterModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_letters.size());
}

int DeadLetterModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

QVariant DeadLetterModel::data(const QModelIndex& index, int role) const
{
    const DeadLetter* letter = index.isValid() ? letterAt(index.row()) : nullptr;
    if (!letter)
        return {};
    switch (role) {
    case Qt::DisplayRole:
        return displayData(*letter, index.column());
    case Qt::ToolTipRole:
        if (index.column() == ReasonColumn && !letter->error.isEmpty())
            return letter->reasonCode.isEmpty() ? letter->error : letter->error + u" ("_s + letter->reasonCode + u')';
        if (index.column() == TimeColumn)
            return QDateTime::fromMSecsSinceEpoch(letter->timeMs).toString(Qt::ISODateWithMs);
        return displayData(*letter, index.column());
    case Qt::TextAlignmentRole:
        if (index.column() == DeliveriesColumn || index.column() == ReplaysColumn)
            return QVariant::fromValue(Qt::AlignRight | Qt::AlignVCenter);
        return {};
    case SortRole:
        return sortData(*letter, index.column());
    case LetterIdRole:
        return letter->id;
    case ReasonRole:
        return letter->reason;
    case GroupRole:
        return letter->group;
    case OriginalTopicRole:
        return letter->originalTopic;
    case ReplayedRole:
        return letter->isReplayed();
    case ReplaysRole:
        return letter->replays;
    default:
        return {};
    }
}

QVariant DeadLetterModel::displayData(const DeadLetter& letter, int column) const
{
    switch (column) {
    case TimeColumn: return timeText(letter.timeMs);
    case GroupColumn: return letter.group;
    case OriginalTopicColumn: return letter.originalTopic.isEmpty() ? u"(unknown)"_s : letter.originalTopic;
    case ReasonColumn: return displayName(letter.reason);
    case DeliveriesColumn: return letter.deliveryCount;
    case ReplaysColumn: return letter.replayCount;
    case PayloadColumn: return letter.preview;
    default: return {};
    }
}

QVariant DeadLetterModel::sortData(const DeadLetter& letter, int column) const
{
    switch (column) {
    case TimeColumn: return letter.timeMs;
    case DeliveriesColumn: return letter.deliveryCount;
    case ReplaysColumn: return letter.replayCount;
    default: return displayData(letter, column);
    }
}

QVariant DeadLetterModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case TimeColumn: return tr("Time");
    case GroupColumn: return m_mode == Mode::Engine ? tr("Group") : tr("Source");
    case OriginalTopicColumn: return tr("Original topic");
    case ReasonColumn: return tr("Reason");
    case DeliveriesColumn: return tr("Deliveries");
    case ReplaysColumn: return tr("Replays");
    case PayloadColumn: return tr("Payload");
    default: return {};
    }
}

void DeadLetterModel::setMode(Mode mode)
{
    if (mode == m_mode)
        return;
    // Convention rows gathered while the broker was being probed stay; an engine's rows
    // never become a generic broker's, and the engine's listing replaces everything.
    const bool keepRows = mode == Mode::Unknown
        || (mode == Mode::Convention && std::all_of(m_letters.cbegin(), m_letters.cend(), [](const DeadLetter& l) {
               return l.source == DeadLetter::Source::Convention;
           }));
    m_mode = mode;
    if (!keepRows)
        clear();
    emit headerDataChanged(Qt::Horizontal, GroupColumn, GroupColumn);
    emit modeChanged(mode);
}

void DeadLetterModel::setPatterns(const DeadLetterPatterns& patterns)
{
    m_patterns = patterns;
}

bool DeadLetterModel::isDeadLetterTopic(const QString& topic) const
{
    return topic.startsWith(kEnginePrefix) || m_patterns.matches(topic);
}

void DeadLetterModel::ingest(const client::MqttMessageBatch& messages)
{
    if (m_mode == Mode::Engine) {
        const bool arrived = std::any_of(messages.cbegin(), messages.cend(), [](const client::MqttMessagePtr& m) {
            return m && m->topic.startsWith(kEnginePrefix);
        });
        if (arrived)
            emit engineLetterArrived();
        return;
    }
    QList<DeadLetter> letters;
    for (const client::MqttMessagePtr& message : messages) {
        if (!message || !m_patterns.matches(message->topic))
            continue;
        if (message->retain && message->payload.isEmpty())
            continue; // clears a retained message: nothing died
        letters.append(DeadLetter::fromMessage(message, m_patterns, ++m_sequence));
    }
    if (letters.isEmpty())
        return;
    if (letters.size() > kConventionCapacity)
        letters.remove(0, letters.size() - kConventionCapacity);
    const qsizetype overflow = m_letters.size() + letters.size() - kConventionCapacity;
    if (overflow > 0) {
        beginRemoveRows({}, 0, int(overflow) - 1);
        m_letters.remove(0, overflow);
        rebuildIndex();
        endRemoveRows();
    }
    appendLetters(std::move(letters));
    emit countsChanged();
}

void DeadLetterModel::applyListing(const QList<DeadLetter>& letters, const DeadLetterCounts& totals)
{
    QHash<QString, const DeadLetter*> incoming;
    incoming.reserve(letters.size());
    for (const DeadLetter& letter : letters)
        incoming.insert(letter.id, &letter);
    QList<int> gone;
    for (int row = 0; row < m_letters.size(); ++row) {
        if (!incoming.contains(m_letters[row].id))
            gone.append(row);
    }
    removeRows(gone);
    QList<DeadLetter> added;
    for (const DeadLetter& letter : letters) {
        const int row = rowOf(letter.id);
        if (row < 0) {
            added.append(letter);
        } else if (!m_letters[row].sameRow(letter)) {
            m_letters[row] = letter;
            emitRowChanged(row);
        }
    }
    appendLetters(std::move(added));
    m_engineTotals = totals;
    emit countsChanged();
}

void DeadLetterModel::markReplayed(const QStringList& ids, const QString& target, qint64 whenMs)
{
    for (const QString& id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        DeadLetter& letter = m_letters[row];
        if (!letter.isReplayed())
            ++m_engineTotals.replayed;
        ++letter.replays;
        ++letter.replayCount;
        letter.lastReplayMs = whenMs;
        letter.lastReplayTarget = target;
        emitRowChanged(row);
    }
    emit countsChanged();
}

void DeadLetterModel::removeLetters(const QStringList& ids)
{
    QList<int> rows;
    for (const QString& id : ids) {
        const int row = rowOf(id);
        if (row < 0)
            continue;
        rows.append(row);
        const DeadLetter& letter = m_letters[row];
        m_engineTotals.total = std::max<qint64>(0, m_engineTotals.total - 1);
        m_engineTotals.replayed -= letter.isReplayed() ? 1 : 0;
        forget(m_engineTotals.byReason, letter.reason);
        forget(m_engineTotals.bySource, letter.group);
    }
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    removeRows(rows);
    emit countsChanged();
}

void DeadLetterModel::clear()
{
    if (!m_letters.isEmpty()) {
        beginResetModel();
        m_letters.clear();
        m_rowOfId.clear();
        endResetModel();
    }
    m_engineTotals = {};
    emit countsChanged();
}

const DeadLetter* DeadLetterModel::letterAt(int row) const
{
    return row >= 0 && row < m_letters.size() ? &m_letters[row] : nullptr;
}

const DeadLetter* DeadLetterModel::letterById(const QString& id) const
{
    return letterAt(rowOf(id));
}

DeadLetterCounts DeadLetterModel::counts() const
{
    return m_mode == Mode::Engine ? m_engineTotals : DeadLetterCounts::count(m_letters);
}

QStringList DeadLetterModel::groups() const
{
    QSet<QString> values;
    for (const DeadLetter& letter : m_letters)
        values.insert(letter.group);
    return sortedUnion(values, m_engineTotals.bySource);
}

QStringList DeadLetterModel::reasons() const
{
    QSet<QString> values;
    for (const DeadLetter& letter : m_letters)
        values.insert(letter.reason);
    return sortedUnion(values, m_engineTotals.byReason);
}

void DeadLetterModel::appendLetters(QList<DeadLetter> letters)
{
    if (letters.isEmpty())
        return;
    const int first = int(m_letters.size());
    beginInsertRows({}, first, first + int(letters.size()) - 1);
    for (DeadLetter& letter : letters) {
        m_rowOfId.insert(letter.id, int(m_letters.size()));
        m_letters.append(std::move(letter));
    }
    endInsertRows();
}

void DeadLetterModel::removeRows(QList<int> rows)
{
    if (rows.isEmpty())
        return;
    // Contiguous runs, last first, so earlier row numbers stay valid.
    std::sort(rows.begin(), rows.end());
    qsizetype end = rows.size();
    while (end > 0) {
        qsizetype start = end - 1;
        while (start > 0 && rows[start - 1] == rows[start] - 1)
            --start;
        beginRemoveRows({}, rows[start], rows[end - 1]);
        m_letters.remove(rows[start], rows[end - 1] - rows[start] + 1);
        endRemoveRows();
        end = start;
    }
    rebuildIndex();
}

void DeadLetterModel::rebuildIndex()
{
    m_rowOfId.clear();
    m_rowOfId.reserve(m_letters.size());
    for (int row = 0; row < m_letters.size(); ++row)
        m_rowOfId.insert(m_letters[row].id, row);
}

void DeadLetterModel::emitRowChanged(int row)
{
    emit dataChanged(index(row, 0), index(row, ColumnCount - 1));
}

} // namespace bs::models
