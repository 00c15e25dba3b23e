#pragma once
// Live JSON validation for the inject dialog's payload editor. It only warns: a payload
// that is not JSON is still sent as it is.

#include <QByteArray>
#include <QString>
#include <optional>

namespace bs::ui {

struct JsonProblem
{
    int line = 1;   ///< 1-based
    int column = 1; ///< 1-based, in characters
    QString message; ///< Qt's parser message, e.g. "missing value separator"

    /// "Line 3, column 7: missing value separator"
    QString toString() const;
};

/// The first non-blank byte opens an object or an array.
bool looksLikeJson(const QByteArray& payload);

/// "application/json", "text/json", or any "+json" suffix type ("application/ld+json").
bool contentTypeSaysJson(const QString& contentType);

/// nullopt when payload is one valid JSON value (object, array, or scalar).
std::optional<JsonProblem> findJsonProblem(const QByteArray& payload);

} // namespace bs::ui
