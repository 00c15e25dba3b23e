#pragma once
// A LineDiffResult as a table: old line number, new line number, and the line prefixed
// with "+ ", "- " or "  ". Added rows have a green background, removed rows a red one.

#include "models/payload/LineDiff.h"

#include <QAbstractTableModel>

namespace bs::models {

class LineDiffModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column { OldNumberColumn, NewNumberColumn, TextColumn, ColumnCount };
    enum Role { KindRole = Qt::UserRole + 1 }; ///< DiffLine::Kind as int

    /// Display text of one line is cut here; the tooltip has up to ten times more.
    static constexpr qsizetype MaxDisplayChars = 2000;

    explicit LineDiffModel(QObject* parent = nullptr);

    void setResult(LineDiffResult result);
    void clear();
    const LineDiffResult& result() const { return m_result; }

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    LineDiffResult m_result;
};

} // namespace bs::models
