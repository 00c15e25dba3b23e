#include "models/payload/JsonTreeModel.h"

#include "models/payload/JsonTreeBuilder.h"
#include "models/payload/PayloadPreview.h"

#include <QColor>
#include <QFont>

using namespace Qt::StringLiterals;

namespace bs::models {

QString typeName(JsonNodeType type)
{
    switch (type) {
    case JsonNodeType::Object: return u"object"_s;
    case JsonNodeType::Array: return u"array"_s;
    case JsonNodeType::String: return u"string"_s;
    case JsonNodeType::Number: return u"number"_s;
    case JsonNodeType::Bool: return u"boolean"_s;
    case JsonNodeType::Null: return u"null"_s;
    case JsonNodeType::Truncated: return u"truncated"_s;
    case JsonNodeType::Error: return u"error"_s;
    }
    return {};
}

JsonTreeModel::JsonTreeModel(QObject* parent)
    : QAbstractItemModel(parent)
{
    m_nodes.emplace_back();
}

void JsonTreeModel::clear()
{
    beginResetModel();
    m_nodes.assign(1, JsonTreeNode{});
    m_state = State::Empty;
    m_error.clear();
    m_totalValues = 0;
    endResetModel();
}

void JsonTreeModel::setErrorRow(const QString& key, const QString& value)
{
    JsonTreeNode row;
    row.parent = 0;
    row.type = JsonNodeType::Error;
    row.key = key;
    row.value = value;
    m_nodes.assign(1, JsonTreeNode{});
    m_nodes[0].children.append(1);
    m_nodes.push_back(std::move(row));
}

void JsonTreeModel::setJson(const QByteArray& json)
{
    beginResetModel();
    m_error.clear();
    m_totalValues = 0;
    if (json.size() > m_maxDocumentBytes) {
        m_state = State::TooLarge;
        m_error = tr("The document is %1; the tree shows documents up to %2. "
                     "Use the Text or Hex view.")
                      .arg(formatByteSize(json.size()), formatByteSize(m_maxDocumentBytes));
        setErrorRow(tr("not loaded"), m_error);
    } else {
        JsonTreeBuild build = buildJsonTree(json, m_nodeLimit);
        if (build.ok) {
            m_nodes = std::move(build.nodes);
            m_totalValues = build.totalValues;
            m_state = build.truncated ? State::Truncated : State::Ready;
        } else {
            m_state = State::Invalid;
            m_error = tr("Invalid JSON at %1").arg(build.error);
            setErrorRow(tr("invalid JSON"), m_error);
        }
    }
    endResetModel();
}

int JsonTreeModel::nodeId(const QModelIndex& index) const
{
    return index.isValid() ? int(index.internalId()) : 0;
}

QModelIndex JsonTreeModel::index(int row, int column, const QModelIndex& parent) const
{
    if (column < 0 || column >= ColumnCount || row < 0 || parent.column() > 0)
        return {};
    const JsonTreeNode& node = m_nodes[size_t(nodeId(parent))];
    if (row >= node.children.size())
        return {};
    return createIndex(row, column, quintptr(node.children[row]));
}

QModelIndex JsonTreeModel::parent(const QModelIndex& child) const
{
    if (!child.isValid())
        return {};
    const int parentId = m_nodes[size_t(nodeId(child))].parent;
    if (parentId <= 0)
        return {};
    return createIndex(m_nodes[size_t(parentId)].row, 0, quintptr(parentId));
}

int JsonTreeModel::rowCount(const QModelIndex& parent) const
{
    if (parent.column() > 0)
        return 0;
    return int(m_nodes[size_t(nodeId(parent))].children.size());
}

int JsonTreeModel::columnCount(const QModelIndex&) const
{
    return ColumnCount;
}

QVariant JsonTreeModel::data(const QModelIndex& index, int role) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return {};
    const JsonTreeNode& node = m_nodes[size_t(nodeId(index))];
    switch (role) {
    case Qt::DisplayRole:
        switch (index.column()) {
        case KeyColumn: return node.key;
        case ValueColumn: return node.valueElided ? node.value + u'…' : node.value;
        case TypeColumn: return typeName(node.type);
        }
        return {};
    case Qt::ToolTipRole:
        if (node.type == JsonNodeType::Error || node.type == JsonNodeType::Truncated)
            return node.value;
        if (index.column() == ValueColumn && node.valueElided)
            return tr("%1…\n(value cut at %2 characters)").arg(node.value).arg(JsonTreeMaxValueChars);
        return path(index);
    case Qt::ForegroundRole:
        if (node.type == JsonNodeType::Error)
            return QColor(0xb0, 0x00, 0x20);
        if (node.type == JsonNodeType::Truncated)
            return QColor(0x70, 0x70, 0x70);
        return {};
    case Qt::FontRole:
        if (node.type == JsonNodeType::Truncated || node.type == JsonNodeType::Error) {
            QFont font;
            font.setItalic(node.type == JsonNodeType::Truncated);
            font.setBold(node.type == JsonNodeType::Error);
            return font;
        }
        return {};
    case NodeTypeRole:
        return int(node.type);
    case PathRole:
        return path(index);
    default:
        return {};
    }
}

QVariant JsonTreeModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return {};
    switch (section) {
    case KeyColumn: return tr("Key");
    case ValueColumn: return tr("Value");
    case TypeColumn: return tr("Type");
    }
    return {};
}

Qt::ItemFlags JsonTreeModel::flags(const QModelIndex& index) const
{
    if (!checkIndex(index, CheckIndexOption::IndexIsValid))
        return Qt::NoItemFlags;
    Qt::ItemFlags flags = Qt::ItemIsEnabled | Qt::ItemIsSelectable;
    if (m_nodes[size_t(nodeId(index))].children.isEmpty())
        flags |= Qt::ItemNeverHasChildren;
    return flags;
}

QString JsonTreeModel::path(const QModelIndex& index) const
{
    QStringList parts;
    for (int id = nodeId(index); id > 0; id = m_nodes[size_t(id)].parent) {
        const JsonTreeNode& node = m_nodes[size_t(id)];
        if (node.type == JsonNodeType::Error || node.type == JsonNodeType::Truncated)
            return {};
        const JsonTreeNode& parent = m_nodes[size_t(node.parent)];
        if (parent.type == JsonNodeType::Array)
            parts.prepend(node.key);
        else if (node.key == u"(value)"_s && node.parent == 0 && parent.type != JsonNodeType::Object)
            continue; // the single row of a scalar document
        else
            parts.prepend(u'.' + node.key);
    }
    return u'$' + parts.join(QString());
}

} // namespace bs::models
