#pragma once
// Node.js scripts as peers (e.g. scripts driving the npm "mqtt" client). A script prints
// one JSON object as its last stdout line; run() returns it parsed.

#include "peers/ChildProcess.h"

#include <QJsonObject>
#include <QString>
#include <QStringList>
#include <chrono>

namespace bs::peers {

struct NodeScriptResult
{
    bool ok = false;    ///< Exited with code 0 and printed a JSON object.
    QJsonObject output; ///< The last stdout line that parsed as a JSON object.
    QString details;    ///< Command line, exit status, stdout and stderr (for failures).
};

class NodeScripts
{
public:
    /// directory holds the scripts, package.json and (after `npm ci --prefix directory`)
    /// node_modules.
    explicit NodeScripts(QString directory);

    /// `node` (or `nodejs`) from PATH; empty if there is none.
    static QString nodeExecutable();
    /// Empty if node and each package are installed; otherwise what is missing and the
    /// npm command that installs it.
    QString setupProblem(const QStringList& packages) const;

    NodeScriptResult run(const QString& script, const QStringList& arguments,
                         std::chrono::milliseconds timeout = std::chrono::seconds(30)) const;

    QString directory() const { return m_directory; }

private:
    QString m_directory;
};

} // namespace bs::peers
