#include "peers/NodeScripts.h"

#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QStandardPaths>

using namespace Qt::StringLiterals;

namespace bs::peers {

NodeScripts::NodeScripts(QString directory) : m_directory(std::move(directory)) {}

QString NodeScripts::nodeExecutable()
{
    QString node = QStandardPaths::findExecutable(u"node"_s);
    if (node.isEmpty())
        node = QStandardPaths::findExecutable(u"nodejs"_s);
    return node;
}

QString NodeScripts::setupProblem(const QStringList& packages) const
{
    if (nodeExecutable().isEmpty())
        return u"Node.js is not installed (no `node` on PATH)"_s;
    QStringList missing;
    for (const QString& package : packages) {
        if (!QFileInfo::exists(m_directory + u"/node_modules/"_s + package + u"/package.json"_s))
            missing << package;
    }
    if (missing.isEmpty())
        return {};
    return u"npm package(s) %1 missing in %2/node_modules: run `npm ci --prefix %2`"_s.arg(
        missing.join(u", "_s), QDir::cleanPath(m_directory));
}

NodeScriptResult NodeScripts::run(const QString& script, const QStringList& arguments,
                                  std::chrono::milliseconds timeout) const
{
    NodeScriptResult result;
    ChildProcess process(nodeExecutable(), QStringList{m_directory + u'/' + script} + arguments);
    process.setWorkingDirectory(m_directory);
    const bool finished = process.run(timeout);
    if (!finished)
        process.kill();
    result.details = process.describe();
    if (!finished) {
        result.details.prepend(u"timed out after %1 ms: "_s.arg(timeout.count()));
        return result;
    }
    const QList<QByteArray> lines = process.standardOutputLines();
    for (auto line = lines.crbegin(); line != lines.crend(); ++line) {
        const QJsonDocument document = QJsonDocument::fromJson(*line);
        if (document.isObject()) {
            result.output = document.object();
            break;
        }
    }
    result.ok = process.succeeded() && !result.output.isEmpty();
    return result;
}

} // namespace bs::peers
