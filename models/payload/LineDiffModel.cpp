#include "models/payload/LineDiffModel.h"

#include <QBrush>
#include <QColor>

using namespace Qt::StringLiterals;

namespace bs::models {

LineDiffModel::LineDiffModel(QObject* parent)
    : QAbstractTableModel(parent)
{
}

void LineDiffModel::setResult(LineDiffResult result)
{
    beginResetModel();
    m_result = std::move(result);
    endResetModel();
}

void LineDiffModel::clear()
{
    setResult({});
}

int LineDiffModel::rowCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : int(m_result.lines.size());
}

int LineDiffModel::columnCount(const QModelIndex& parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

namespace {

QString prefixed(const DiffLine& line, qsizetype maxChars)
{
    const QString marker = line.kind == DiffLine::Kind::Added     ? u"+ "_s
                           : line.kind == DiffLine::Kind::Removed ? u"- "_s
                                                                  : u"  "_s;
    if (line.text.size() <= maxChars)
        return marker + line.text;
    return marker + line.text.left(maxChars) + u'…';
}

} // namespace

QVariant LineDiffModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid | CheckIndexOption::ParentIsInvalid))
        return {};
    const DiffLine& line = m_result.lines[index.row()];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case OldNumberColumn: return line.oldNumber > 0 ? QVariant(line.oldNumber) : QVariant();
        case NewNumberColumn: return line.newNumber > 0 ? QVariant(line.newNumber) : QVariant();
        case TextColumn: return prefixed(line, MaxDisplayChars);
        }
        return {};
    case Qt::ToolTipRole:
        if (index.column() == TextColumn && line.text.size() > MaxDisplayChars)
            return prefixed(line, MaxDisplayChars * 10);
        return {};
    case Qt::BackgroundRole:
        if (line.kind == DiffLine::Kind::Added)
            return QBrush(QColor(0xdd, 0xf7, 0xe2));
        if (line.kind == DiffLine::Kind::Removed)
            return QBrush(QColor(0xfd, 0xe2, 0xe1));
        return {};
    case Qt::ForegroundRole:
        if (index.column() != TextColumn)
            return QBrush(QColor(0x80, 0x80, 0x80));
        if (line.kind == DiffLine::Kind::Added)
            return QBrush(QColor(0x11, 0x63, 0x29));
        if (line.kind == DiffLine::Kind::Removed)
            return QBrush(QColor(0x9a, 0x1c, 0x1c));
        return {};
    case Qt::TextAlignmentRole:
        if (index.column() != TextColumn)
            return (Qt::AlignRight | Qt::AlignVCenter).toInt();
        return {};
    case KindRole:
        return int(line.kind);
    default:
        return {};
    }
}

QVariant LineDiffModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case OldNumberColumn: return tr("Old");
    case NewNumberColumn: return tr("New");
    case TextColumn: return tr("Line");
    }
    return {};
}

} // namespace bs::models
