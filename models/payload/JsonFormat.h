#pragma once
// Pretty-printing JSON without reparsing it into QJsonDocument, which would sort object
// members and rewrite numbers (1.50 -> 1.5): this only moves white space. Strings, numbers
// and member order stay exactly as the publisher sent them.

#include <QByteArray>
#include <QByteArrayView>

namespace bs::models {

/// Re-indents `json` with `indent` spaces per level. Meant for valid JSON; anything else
/// still comes out as text (never crashes), just not nicely laid out.
QByteArray indentJson(QByteArrayView json, int indent = 2);

} // namespace bs::models
