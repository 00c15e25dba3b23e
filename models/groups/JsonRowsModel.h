#pragma once
// A table whose rows are JSON objects as the admin API answers them (a group, a member, a
// topic of a group), one row per key, and whose columns each show one field of the row.
//
// Rows are kept stable: setRows() with a new answer removes the rows whose key is gone,
// updates the others in place (one dataChanged per run of changed rows) and appends the
// new ones (one insert) — never a reset, so a view keeps its selection, scroll position and
// sort while the data refreshes every few seconds. The key is a field of the row (keyField)
// unless a subclass says otherwise (rowKey()).
//
// Each column has a format: Text, Count (an integer with thousands separators, as
// models/lag/LagText writes numbers), Decimal (one decimal) or TextList (an array joined
// with ", "). A missing field shows as an empty cell. SortRole gives numbers for numeric
// columns (missing: -1, so they sort first) and text otherwise, so a proxy sorts 10 after 9.

#include <QAbstractTableModel>
#include <QHash>
#include <QJsonArray>
#include <QJsonObject>
#include <QList>

namespace bs::models {

class JsonRowsModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum class Format : quint8
    {
        Text,
        Count,
        Decimal,
        TextList,
    };
    struct Column
    {
        QString title;
        QString field;
        Format format = Format::Text;
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1, ///< double for numeric columns, QString otherwise
        KeyRole,                     ///< the row's key
        RowObjectRole,               ///< the row's whole QJsonObject
        FirstSubclassRole = Qt::UserRole + 32,
    };

    JsonRowsModel(QList<Column> columns, QString keyField, QObject* parent = nullptr);

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation, int role = Qt::DisplayRole) const override;

    /// Replaces the rows with these objects, keeping rows stable (see above).
    void setRows(const QJsonArray& rows);
    /// Removes every row (a reset: for a change of broker, not for an update).
    void clear();

    /// The row of a key; -1 when there is none.
    int rowOf(const QString& key) const { return m_rowByKey.value(key, -1); }
    QString keyAt(int row) const;
    QJsonObject rowObject(int row) const;
    const QList<Column>& columns() const { return m_columns; }

    static QString formatValue(const QJsonValue& value, Format format);
    static QVariant sortValue(const QJsonValue& value, Format format);
    static bool isNumeric(Format format) { return format == Format::Count || format == Format::Decimal; }

protected:
    /// The key of a row as given to setRows() (after prepared()); default: its keyField.
    virtual QString rowKey(const QJsonObject& row) const;
    /// The row as it is kept: a subclass may add derived fields. Default: as given.
    virtual QJsonObject prepared(const QJsonObject& row) const { return row; }

    /// Sets fields of a row without emitting anything; true when a value changed.
    bool mergeFields(int row, const QJsonObject& fields);
    /// Appends one row (with its insert signals); returns its row number.
    int appendRow(const QJsonObject& row);
    /// One dataChanged per run of consecutive rows, over every column; rows need not be
    /// sorted or unique.
    void emitRowsChanged(QList<int> rows);

private:
    void removeRowsWithout(const QHash<QString, QJsonObject>& keep);
    void reindex();

    QList<Column> m_columns;
    QString m_keyField;
    QList<QJsonObject> m_rows;
    QHash<QString, int> m_rowByKey;
};

} // namespace bs::models
