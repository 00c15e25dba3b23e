#include "models/deadletters/BulkReplayPlan.h"

#include <QJsonArray>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::models {

QString BulkReplaySummary::text() const
{
    QString head = cancelled ? u"Cancelled after %1 of %2: replayed %3"_s.arg(processed).arg(total).arg(replayed)
                             : u"Replayed %1 of %2"_s.arg(replayed).arg(total);
    QStringList details;
    if (skippedLoopGuard > 0 || !cancelled)
        details.append(u"%1 skipped by the loop guard"_s.arg(skippedLoopGuard));
    if (skippedAlreadyReplayed > 0)
        details.append(u"%1 already replayed by this request"_s.arg(skippedAlreadyReplayed));
    details.append(u"%1 failed"_s.arg(failed));
    QString text = head + (cancelled ? u", "_s : u": "_s) + details.join(u", "_s) + u'.';
    if (!failures.isEmpty())
        text += u" First failure: "_s + failures.first().second;
    return text;
}

BulkReplayPlan::BulkReplayPlan(QStringList ids, int chunkSize)
    : m_ids(std::move(ids)), m_chunkSize(std::max(1, chunkSize))
{
    m_summary.total = int(m_ids.size());
}

int BulkReplayPlan::chunkCount() const
{
    return (total() + m_chunkSize - 1) / m_chunkSize;
}

QStringList BulkReplayPlan::chunk(int index) const
{
    if (index < 0 || index >= chunkCount())
        return {};
    return m_ids.mid(qsizetype(index) * m_chunkSize, m_chunkSize);
}

bool BulkReplayPlan::hasNextChunk() const
{
    return !m_summary.cancelled && m_nextChunk < chunkCount();
}

QStringList BulkReplayPlan::takeNextChunk()
{
    if (!hasNextChunk() || isChunkInFlight())
        return {};
    m_inFlight = m_nextChunk++;
    return chunk(m_inFlight);
}

void BulkReplayPlan::recordAnswer(const QJsonObject& result)
{
    if (!isChunkInFlight())
        return;
    m_summary.replayed += result.value(u"replayed"_s).toInt();
    m_summary.skippedLoopGuard += result.value(u"skippedLoopGuard"_s).toInt();
    m_summary.skippedAlreadyReplayed += result.value(u"skippedAlreadyReplayed"_s).toInt();
    m_summary.failed += result.value(u"failed"_s).toInt();
    for (const QJsonValue& failure : result.value(u"failures"_s).toArray()) {
        if (m_summary.failures.size() < BulkReplaySummary::kMaxFailures)
            m_summary.failures.append({failure[u"id"_s].toString(), failure[u"message"_s].toString()});
    }
    finishChunk();
}

void BulkReplayPlan::recordReplayed(const QString&)
{
    ++m_summary.replayed;
}

void BulkReplayPlan::recordFailure(const QString& id, const QString& why)
{
    ++m_summary.failed;
    addFailure(id, why);
}

void BulkReplayPlan::recordChunkFailure(const QString& why)
{
    if (!isChunkInFlight())
        return;
    for (const QString& id : chunk(m_inFlight))
        recordFailure(id, why);
    finishChunk();
}

void BulkReplayPlan::finishChunk()
{
    if (!isChunkInFlight())
        return;
    m_summary.processed += int(chunk(m_inFlight).size());
    m_inFlight = -1;
}

void BulkReplayPlan::addFailure(const QString& id, const QString& why)
{
    if (m_summary.failures.size() < BulkReplaySummary::kMaxFailures)
        m_summary.failures.append({id, why});
}

} // namespace bs::models
