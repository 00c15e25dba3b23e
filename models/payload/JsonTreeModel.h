#pragma once
// A JSON document as a tree: columns key, value, type. Members keep document order.
// Big documents stay responsive two ways: at most nodeLimit() nodes (100,000 by default)
// are built, in document order, and a container cut by the cap ends with a
// "… N more not shown" row; documents above maxDocumentBytes() (16 MB) are not parsed at
// all. Either way, and for broken JSON, the model says so with state() and one clear row,
// never an empty tree.

#include "models/payload/JsonTreeNode.h"

#include <QAbstractItemModel>
#include <QByteArray>
#include <vector>

namespace bs::models {

class JsonTreeModel : public QAbstractItemModel
{
    Q_OBJECT
public:
    enum Column { KeyColumn, ValueColumn, TypeColumn, ColumnCount };
    enum Role {
        NodeTypeRole = Qt::UserRole + 1, ///< JsonNodeType as int
        PathRole,                        ///< "$.sensors[2].name"
    };
    enum class State : quint8 {
        Empty,     ///< No document set.
        Ready,     ///< The whole document is in the tree.
        Truncated, ///< Valid, but only the first nodeLimit() nodes are in the tree.
        Invalid,   ///< Not JSON: one Error row says where and why (errorString()).
        TooLarge,  ///< Not parsed (above maxDocumentBytes()): one Error row says so.
    };
    Q_ENUM(State)

    static constexpr int DefaultNodeLimit = 100'000;
    static constexpr qsizetype DefaultMaxDocumentBytes = 16 * 1024 * 1024;

    explicit JsonTreeModel(QObject* parent = nullptr);

    void setJson(const QByteArray& json);
    void clear();

    void setNodeLimit(int limit) { m_nodeLimit = std::max(limit, 1); }
    int nodeLimit() const { return m_nodeLimit; }
    void setMaxDocumentBytes(qsizetype bytes) { m_maxDocumentBytes = bytes; }
    qsizetype maxDocumentBytes() const { return m_maxDocumentBytes; }

    State state() const { return m_state; }
    QString errorString() const { return m_error; }
    int nodeCount() const { return int(m_nodes.size()) - 1; } ///< Rows built, markers included.
    qint64 totalValues() const { return m_totalValues; }      ///< Values in the document.
    QString path(const QModelIndex& index) const;

    QModelIndex index(int row, int column, const QModelIndex& parent = {}) const override;
    QModelIndex parent(const QModelIndex& child) const override;
    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;
    Qt::ItemFlags flags(const QModelIndex& index) const override;

private:
    int nodeId(const QModelIndex& index) const;
    void setErrorRow(const QString& key, const QString& value);

    std::vector<JsonTreeNode> m_nodes;
    State m_state = State::Empty;
    QString m_error;
    qint64 m_totalValues = 0;
    int m_nodeLimit = DefaultNodeLimit;
    qsizetype m_maxDocumentBytes = DefaultMaxDocumentBytes;
};

QString typeName(JsonNodeType type);

} // namespace bs::models
