#pragma once
// The dead letters of the connected broker as a table, one row a letter.
//
// Rows are a QList<DeadLetter> in arrival order plus a hash from letter id to row. Two
// sources fill it, chosen by mode():
// - Engine (our engine answers the admin API): applyListing() takes a listDeadLetters
//   answer and reconciles by id — rows whose letter is gone are removed, changed rows get
//   dataChanged, new letters are appended — so a refresh that brings the same ids keeps
//   the selection and the scroll position (never a reset). A live "$DLQ/..." message only
//   emits engineLetterArrived(): the listing is the truth, and whoever owns the admin
//   client refreshes (debounced).
// - Convention (a generic broker): every received message on a topic that matches
//   patterns() is a row; the newest kConventionCapacity are kept, the oldest go first.
// While the mode is Unknown (connecting, probing), matching messages are kept as
// convention rows; switching to Engine drops them (the listing replaces them).
//
// Replays and purges made from the console mark or remove rows at once (markReplayed,
// removeLetters); a replayed letter stays, marked. Sorting and filtering are the proxy's
// (DeadLetterFilterProxy); columns give display text and SortRole raw values.

#include "models/deadletters/DeadLetter.h"
#include "models/deadletters/DeadLetterCounts.h"
#include "models/deadletters/DeadLetterPatterns.h"

#include <QAbstractTableModel>
#include <QHash>
#include <QList>

namespace bs::models {

class DeadLetterModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        TimeColumn,
        GroupColumn,
        OriginalTopicColumn,
        ReasonColumn,
        DeliveriesColumn,
        ReplaysColumn,
        PayloadColumn,
        ColumnCount
    };
    Q_ENUM(Column)

    enum Role
    {
        SortRole = Qt::UserRole + 1, ///< Raw value of the column (time in ms, counts).
        LetterIdRole,
        ReasonRole,
        GroupRole,
        OriginalTopicRole,
        ReplayedRole,  ///< bool
        ReplaysRole,   ///< int: how often this letter was replayed
    };
    Q_ENUM(Role)

    enum class Mode : quint8
    {
        Unknown,
        Engine,
        Convention,
    };
    Q_ENUM(Mode)

    static constexpr int kConventionCapacity = 10'000;
    static constexpr QStringView kEnginePrefix = u"$DLQ/";

    explicit DeadLetterModel(QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    Mode mode() const { return m_mode; }
    /// Unknown keeps the rows; Engine clears them (the listing follows); Convention keeps
    /// only convention rows (those that came while the broker was being probed).
    void setMode(Mode mode);

    const DeadLetterPatterns& patterns() const { return m_patterns; }
    void setPatterns(const DeadLetterPatterns& patterns);
    /// True for messages ingest() uses: $DLQ/... always, the patterns' topics otherwise.
    bool isDeadLetterTopic(const QString& topic) const;

    /// Received messages; anything that is not a dead letter is ignored.
    void ingest(const client::MqttMessageBatch& messages);
    /// Engine: the letters of a listing (every page) and its totals; reconciled by id.
    void applyListing(const QList<DeadLetter>& letters, const DeadLetterCounts& totals);
    void markReplayed(const QStringList& ids, const QString& target, qint64 whenMs);
    void removeLetters(const QStringList& ids);
    void clear();

    /// Null when out of range / unknown.
    const DeadLetter* letterAt(int row) const;
    const DeadLetter* letterById(const QString& id) const;
    int rowOf(const QString& id) const { return m_rowOfId.value(id, -1); }
    const QList<DeadLetter>& letters() const { return m_letters; }

    /// Engine: the listing's totals (adjusted for replays and purges made since);
    /// otherwise counted over the rows.
    DeadLetterCounts counts() const;
    /// Every group / reason seen, sorted (for the filter lists).
    QStringList groups() const;
    QStringList reasons() const;

signals:
    /// Engine mode: a $DLQ message arrived; the listing is out of date.
    void engineLetterArrived();
    void modeChanged(bs::models::DeadLetterModel::Mode mode);
    /// Rows or totals changed (after any change; coalesce before recounting).
    void countsChanged();

private:
    void appendLetters(QList<DeadLetter> letters);
    void removeRows(QList<int> rows);
    void rebuildIndex();
    void emitRowChanged(int row);
    QVariant displayData(const DeadLetter& letter, int column) const;
    QVariant sortData(const DeadLetter& letter, int column) const;

    QList<DeadLetter> m_letters;
    QHash<QString, int> m_rowOfId;
    DeadLetterPatterns m_patterns;
    DeadLetterCounts m_engineTotals;
    Mode m_mode = Mode::Unknown;
    quint64 m_sequence = 0;
};

} // namespace bs::models
