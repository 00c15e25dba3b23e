#pragma once
// Parses a JSON document (RFC 8259) into JsonTreeNodes, keeping members in document order
// (QJsonObject would sort them) and numbers as written. Iterative, so deeply nested input
// cannot overflow the stack. At most `nodeLimit` nodes are materialised, in document
// order; the rest of the document is still checked, and every container that lost
// children to the cap ends with a Truncated marker node.

#include "models/payload/JsonTreeNode.h"

#include <QByteArrayView>
#include <vector>

namespace bs::models {

struct JsonTreeBuild
{
    std::vector<JsonTreeNode> nodes; ///< nodes[0] is the root.
    bool ok = false;
    bool truncated = false;
    qint64 totalValues = 0;          ///< Values in the whole document (root excluded).
    QString error;                   ///< "line 3, column 7: expected ':' after a key"
    qsizetype errorOffset = -1;
};

JsonTreeBuild buildJsonTree(QByteArrayView json, int nodeLimit);

/// Longest value text kept in a node (longer strings are cut and marked valueElided).
inline constexpr qsizetype JsonTreeMaxValueChars = 4096;

} // namespace bs::models
