#include "ui/dialogs/JsonCheck.h"

#include <QJsonDocument>
#include <QJsonParseError>

namespace bs::ui {

namespace {

bool isBlank(char c)
{
    return c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

JsonProblem problemAt(const QByteArray& payload, qsizetype offset, const QString& message)
{
    offset = qBound(qsizetype(0), offset, payload.size());
    const QByteArray before = payload.left(offset);
    const qsizetype lastNewline = before.lastIndexOf('\n');
    JsonProblem problem;
    problem.line = int(before.count('\n')) + 1;
    problem.column = int(QString::fromUtf8(before.mid(lastNewline + 1)).size()) + 1;
    problem.message = message;
    return problem;
}

} // namespace

QString JsonProblem::toString() const
{
    return QStringLiteral("Line %1, column %2: %3").arg(line).arg(column).arg(message);
}

bool looksLikeJson(const QByteArray& payload)
{
    for (const char c : payload) {
        if (isBlank(c))
            continue;
        return c == '{' || c == '[';
    }
    return false;
}

bool contentTypeSaysJson(const QString& contentType)
{
    const QString type = contentType.section(u';', 0, 0).trimmed().toLower();
    return type == u"application/json" || type == u"text/json" || type.endsWith(u"+json");
}

std::optional<JsonProblem> findJsonProblem(const QByteArray& payload)
{
    if (payload.trimmed().isEmpty())
        return problemAt(payload, payload.size(), QStringLiteral("empty payload"));

    // QJsonDocument takes objects and arrays only; a scalar document ("42", "\"text\"") is
    // checked as the single element of an array, and the error offset shifted back.
    const bool container = looksLikeJson(payload);
    const QByteArray document = container ? payload : QByteArray('[' + payload + ']');
    QJsonParseError error;
    QJsonDocument::fromJson(document, &error);
    if (error.error == QJsonParseError::NoError)
        return std::nullopt;
    // Qt's offset is just past the character that broke the parse (except for garbage at
    // the end, where it is that garbage); point at that character.
    const qsizetype pastIt = error.error == QJsonParseError::GarbageAtEnd ? 0 : 1;
    const qsizetype offset = (container ? error.offset : error.offset - 1) - pastIt;
    return problemAt(payload, offset, error.errorString());
}

} // namespace bs::ui
