#pragma once
// The flat storage behind JsonTreeModel: every node lives in one vector and refers to its
// parent and children by index, so a QModelIndex carries a node's index as its internal id.
// Node 0 is the invisible root: it stands for the document's top-level object or array,
// whose members are the model's top-level rows.

#include <QList>
#include <QString>

namespace bs::models {

enum class JsonNodeType : quint8
{
    Object,
    Array,
    String,
    Number,
    Bool,
    Null,
    Truncated, ///< Marker row: "… N more not shown" at the end of a container cut by the cap.
    Error,     ///< The one row of a document that failed to parse or was not loaded.
};

struct JsonTreeNode
{
    int parent = -1;
    int row = 0;          ///< Position among the parent's children.
    JsonNodeType type = JsonNodeType::Null;
    QString key;          ///< Member name, "[i]" for array elements.
    QString value;        ///< Display text: the scalar, or "3 keys" / "5 items".
    bool valueElided = false;
    QList<int> children;
};

} // namespace bs::models
