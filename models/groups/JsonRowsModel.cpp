#include "models/groups/JsonRowsModel.h"

#include <QLocale>

#include <algorithm>
#include <cmath>

using namespace Qt::StringLiterals;

namespace bs::models {

JsonRowsModel::JsonRowsModel(QList<Column> columns, QString keyField, QObject* parent)
    : QAbstractTableModel(parent), m_columns(std::move(columns)), m_keyField(std::move(keyField))
{
}

int JsonRowsModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_rows.size());
}

int JsonRowsModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_columns.size());
}

QVariant JsonRowsModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const QJsonObject& row = m_rows.at(index.row());
    const Column& column = m_columns.at(index.column());
    switch (role) {
    case Qt::DisplayRole:
        return formatValue(row.value(column.field), column.format);
    case Qt::ToolTipRole:
        return column.format == Format::TextList ? formatValue(row.value(column.field), column.format) : QVariant();
    case Qt::TextAlignmentRole:
        return QVariant::fromValue(Qt::AlignVCenter | (isNumeric(column.format) ? Qt::AlignRight : Qt::AlignLeft));
    case SortRole:
        return sortValue(row.value(column.field), column.format);
    case KeyRole:
        return rowKey(row);
    case RowObjectRole:
        return row;
    default:
        return {};
    }
}

QVariant JsonRowsModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || section < 0 || section >= m_columns.size())
        return QAbstractTableModel::headerData(section, orientation, role);
    if (role == Qt::DisplayRole)
        return m_columns.at(section).title;
    if (role == Qt::TextAlignmentRole)
        return QVariant::fromValue(Qt::AlignVCenter | (isNumeric(m_columns.at(section).format) ? Qt::AlignRight : Qt::AlignLeft));
    return {};
}

void JsonRowsModel::setRows(const QJsonArray& rows)
{
    QHash<QString, QJsonObject> incoming;
    QStringList order;
    for (const QJsonValue& value : rows) {
        const QJsonObject row = prepared(value.toObject());
        const QString key = rowKey(row);
        if (key.isEmpty() || incoming.contains(key))
            continue;
        incoming.insert(key, row);
        order.append(key);
    }
    removeRowsWithout(incoming);

    QList<int> changed;
    QList<QJsonObject> added;
    for (const QString& key : std::as_const(order)) {
        const QJsonObject& row = incoming[key];
        const int existing = rowOf(key);
        if (existing < 0) {
            added.append(row);
        } else if (m_rows.at(existing) != row) {
            m_rows[existing] = row;
            changed.append(existing);
        }
    }
    emitRowsChanged(changed);
    if (added.isEmpty())
        return;
    const int first = int(m_rows.size());
    beginInsertRows({}, first, first + int(added.size()) - 1);
    m_rows.append(added);
    reindex();
    endInsertRows();
}

void JsonRowsModel::clear()
{
    if (m_rows.isEmpty())
        return;
    beginResetModel();
    m_rows.clear();
    m_rowByKey.clear();
    endResetModel();
}

QString JsonRowsModel::keyAt(int row) const
{
    return row >= 0 && row < m_rows.size() ? rowKey(m_rows.at(row)) : QString();
}

QJsonObject JsonRowsModel::rowObject(int row) const
{
    return row >= 0 && row < m_rows.size() ? m_rows.at(row) : QJsonObject();
}

QString JsonRowsModel::formatValue(const QJsonValue& value, Format format)
{
    if (value.isUndefined() || value.isNull())
        return {};
    static const QLocale english(QLocale::English, QLocale::UnitedStates); // as models/lag/LagText writes
    switch (format) {
    case Format::Text:
        return value.toVariant().toString();
    case Format::Count:
        return english.toString(qint64(std::llround(value.toDouble())));
    case Format::Decimal:
        return english.toString(value.toDouble(), 'f', 1);
    case Format::TextList: {
        QStringList items;
        for (const QJsonValue& item : value.toArray())
            items.append(item.toString());
        return value.isArray() ? items.join(u", "_s) : value.toString();
    }
    }
    return {};
}

QVariant JsonRowsModel::sortValue(const QJsonValue& value, Format format)
{
    if (isNumeric(format))
        return value.isDouble() ? value.toDouble() : -1.0;
    return formatValue(value, format);
}

QString JsonRowsModel::rowKey(const QJsonObject& row) const
{
    return row.value(m_keyField).toVariant().toString();
}

bool JsonRowsModel::mergeFields(int row, const QJsonObject& fields)
{
    if (row < 0 || row >= m_rows.size())
        return false;
    QJsonObject& target = m_rows[row];
    bool changed = false;
    for (auto it = fields.begin(); it != fields.end(); ++it) {
        if (target.value(it.key()) == it.value())
            continue;
        target.insert(it.key(), it.value());
        changed = true;
    }
    return changed;
}

int JsonRowsModel::appendRow(const QJsonObject& row)
{
    const int at = int(m_rows.size());
    beginInsertRows({}, at, at);
    m_rows.append(row);
    m_rowByKey.insert(rowKey(row), at);
    endInsertRows();
    return at;
}

void JsonRowsModel::emitRowsChanged(QList<int> rows)
{
    if (rows.isEmpty() || m_columns.isEmpty())
        return;
    std::sort(rows.begin(), rows.end());
    rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
    const int lastColumn = int(m_columns.size()) - 1;
    for (qsizetype i = 0; i < rows.size();) {
        qsizetype end = i;
        while (end + 1 < rows.size() && rows.at(end + 1) == rows.at(end) + 1)
            ++end;
        emit dataChanged(index(rows.at(i), 0), index(rows.at(end), lastColumn));
        i = end + 1;
    }
}

void JsonRowsModel::removeRowsWithout(const QHash<QString, QJsonObject>& keep)
{
    // From the end, one remove per run of consecutive rows that go.
    for (int row = int(m_rows.size()) - 1; row >= 0; --row) {
        if (keep.contains(rowKey(m_rows.at(row))))
            continue;
        const int last = row;
        while (row > 0 && !keep.contains(rowKey(m_rows.at(row - 1))))
            --row;
        beginRemoveRows({}, row, last);
        m_rows.remove(row, last - row + 1);
        reindex();
        endRemoveRows();
    }
}

void JsonRowsModel::reindex()
{
    m_rowByKey.clear();
    for (int row = 0; row < m_rows.size(); ++row)
        m_rowByKey.insert(rowKey(m_rows.at(row)), row);
}

} // namespace bs::models
