#include "peers/ServerMatrix.h"

#include <QCoreApplication>
#include <QRandomGenerator>
#include <atomic>

using namespace Qt::StringLiterals;

namespace bs::peers {

QList<ServerKind> selectedServers(QString* error)
{
    const QString selection = qEnvironmentVariable("BS_INTEROP_SERVERS");
    if (selection.trimmed().isEmpty())
        return {ServerKind::Brokerscope, ServerKind::Mosquitto};
    QList<ServerKind> kinds;
    QStringList unknown;
    for (const QString& name : selection.split(u',', Qt::SkipEmptyParts)) {
        if (const auto kind = serverKindFromName(name)) {
            if (!kinds.contains(*kind))
                kinds.append(*kind);
        } else {
            unknown << name.trimmed();
        }
    }
    if (error && !unknown.isEmpty())
        *error = u"BS_INTEROP_SERVERS names unknown servers: %1"_s.arg(unknown.join(u", "_s));
    return kinds;
}

void addServerColumn()
{
    QTest::addColumn<QString>("server");
}

QTestData& addServerRow(ServerKind kind, const QString& suffix)
{
    const QString name = serverKindName(kind);
    return QTest::newRow(qPrintable(name + suffix)) << name;
}

void addServerRows()
{
    addServerColumn();
    for (ServerKind kind : selectedServers())
        addServerRow(kind);
}

ServerPool::ServerPool(BrokerOptions options) : m_options(std::move(options)) {}

ServerPool::~ServerPool()
{
    stopAll(nullptr);
}

BrokerProcess* ServerPool::server(ServerKind kind, QString* error)
{
    auto& slot = m_servers[kind];
    if (slot && slot->isRunning())
        return slot.get();
    if (slot) {
        // It was running once and is gone: say so, and start afresh next time.
        if (error)
            *error =
                u"%1 (pid %2) exited unexpectedly with code %3\n--- log ---\n%4"_s.arg(slot->name())
                    .arg(slot->pid())
                    .arg(slot->exitCode())
                    .arg(slot->log().right(4000));
        slot.reset();
        return nullptr;
    }
    auto process = BrokerProcess::create(kind, m_options);
    if (!process->start()) {
        if (error)
            *error = process->errorString();
        return nullptr;
    }
    slot = std::move(process);
    return slot.get();
}

BrokerProcess* ServerPool::server(const QString& kindName, QString* error)
{
    const auto kind = serverKindFromName(kindName);
    if (!kind) {
        if (error)
            *error = u"unknown server \"%1\""_s.arg(kindName);
        return nullptr;
    }
    return server(*kind, error);
}

bool ServerPool::stopAll(QString* error)
{
    QStringList problems;
    for (auto& [kind, process] : m_servers) {
        if (!process)
            continue;
        if (!process->isRunning()) {
            problems << u"%1 was no longer running (exit code %2)"_s.arg(process->name())
                            .arg(process->exitCode());
        } else if (!process->stop()) {
            problems << (process->wasKilled()
                             ? u"%1 did not exit within 5 s of SIGTERM and was killed"_s.arg(
                                   process->name())
                             : u"%1 exited with code %2 after SIGTERM"_s.arg(process->name())
                                   .arg(process->exitCode()));
        }
    }
    m_servers.clear();
    if (error)
        *error = problems.join(u"; "_s);
    return problems.isEmpty();
}

namespace {
int nextSerial()
{
    static std::atomic<int> serial{0};
    return ++serial;
}
QString runTag()
{
    static const QString tag =
        u"%1-%2"_s.arg(QCoreApplication::applicationPid())
            .arg(QRandomGenerator::global()->bounded(0x10000), 4, 16, QLatin1Char('0'));
    return tag;
}
} // namespace

QString uniqueClientId(const QString& purpose)
{
    return u"%1-%2-%3"_s.arg(purpose, runTag()).arg(nextSerial());
}

QString uniqueTopicPrefix(const QString& purpose)
{
    return u"bs-it/%1-%2/%3"_s.arg(runTag()).arg(nextSerial()).arg(purpose);
}

} // namespace bs::peers
