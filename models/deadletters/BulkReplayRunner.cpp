#include "models/deadletters/BulkReplayRunner.h"

#include "client/AdminClient.h"
#include "models/deadletters/DeadLetter.h"

#include <QJsonArray>
#include <QSet>
#include <QUuid>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

const QString kList = u"listDeadLetters"_s;
const QString kReplay = u"replayDeadLetters"_s;

bool isTransient(const QString& code)
{
    return code == u"timeout" || code == u"not-connected";
}

QStringList groupsOf(const QStringList& ids)
{
    QSet<QString> groups;
    for (const QString& id : ids)
        groups.insert(groupOfLetterId(id));
    QStringList list(groups.cbegin(), groups.cend());
    list.sort(Qt::CaseInsensitive);
    return list;
}

} // namespace

BulkReplayRunner::BulkReplayRunner(client::AdminClient& admin, QObject* parent) : QObject(parent), m_admin(admin)
{
    connect(&m_admin, &client::AdminClient::answered, this, &BulkReplayRunner::onAnswered);
    connect(&m_admin, &client::AdminClient::failed, this, &BulkReplayRunner::onFailed);
}

void BulkReplayRunner::start(const QStringList& ids, const ReplayTarget& target, bool confirmFirst)
{
    if (isRunning())
        return;
    m_target = target;
    m_ids = ids;
    m_filter = {};
    m_dryRun = {};
    m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    m_plan = BulkReplayPlan(m_ids);
    if (confirmFirst) {
        requestDryRun();
    } else {
        setPhase(Phase::Replaying);
        sendNextChunk();
    }
}

void BulkReplayRunner::startMatching(const DeadLetterFilter& filter, const ReplayTarget& target)
{
    if (isRunning())
        return;
    m_target = target;
    m_filter = filter;
    m_ids.clear();
    m_dryRun = {};
    m_requestId = QUuid::createUuid().toString(QUuid::WithoutBraces);
    setPhase(Phase::Listing);
    requestListPage({});
}

void BulkReplayRunner::confirm()
{
    if (m_phase != Phase::AwaitingConfirmation)
        return;
    setPhase(Phase::Replaying);
    emit progress(0, m_plan.total());
    sendNextChunk();
}

void BulkReplayRunner::cancel()
{
    if (m_phase == Phase::Replaying) {
        m_plan.cancel(); // the chunk in flight is answered, then finish()
        if (!m_plan.isChunkInFlight())
            finish();
        return;
    }
    if (!isRunning())
        return;
    m_admin.cancel(m_pending);
    m_pending = 0;
    m_plan = BulkReplayPlan(m_ids);
    m_plan.cancel();
    finish();
}

void BulkReplayRunner::setPhase(Phase phase)
{
    if (phase == m_phase)
        return;
    m_phase = phase;
    emit phaseChanged(phase);
}

void BulkReplayRunner::requestListPage(const QString& after)
{
    QJsonObject fields = m_filter.toJson();
    fields.insert(u"state"_s, u"pending"_s);
    fields.insert(u"limit"_s, kListPageLimit);
    if (!after.isEmpty())
        fields.insert(u"after"_s, after);
    m_pending = m_admin.request(kList, fields);
}

void BulkReplayRunner::requestDryRun()
{
    setPhase(Phase::DryRun);
    m_plan = BulkReplayPlan(m_ids);
    if (m_ids.isEmpty()) {
        m_dryRun.text = m_filter.isEmpty() ? u"No pending dead letters to replay."_s
                                           : u"No pending dead letters match "_s + m_filter.describe() + u'.';
        setPhase(Phase::AwaitingConfirmation);
        emit dryRunReady(m_dryRun.text);
        return;
    }
    QJsonObject fields = m_target.toJson();
    fields.insert(u"requestId"_s, m_requestId);
    fields.insert(u"ids"_s, QJsonArray::fromStringList(m_ids));
    fields.insert(u"dryRun"_s, true);
    m_pending = m_admin.request(kReplay, fields);
}

void BulkReplayRunner::sendNextChunk()
{
    if (m_plan.isChunkInFlight())
        return;
    if (!m_plan.hasNextChunk()) {
        finish();
        return;
    }
    m_chunk = m_plan.takeNextChunk();
    m_attempts = 1;
    sendChunk();
}

void BulkReplayRunner::sendChunk()
{
    QJsonObject fields = m_target.toJson();
    fields.insert(u"requestId"_s, m_requestId);
    fields.insert(u"ids"_s, QJsonArray::fromStringList(m_chunk));
    m_pending = m_admin.request(kReplay, fields);
}

void BulkReplayRunner::onAnswered(quint64 requestId, const QString&, const QJsonObject& result)
{
    if (requestId != m_pending || m_pending == 0)
        return;
    m_pending = 0;
    switch (m_phase) {
    case Phase::Listing: {
        for (const QJsonValue& letter : result.value(u"letters"_s).toArray())
            m_ids.append(letter[u"id"_s].toString());
        const QString next = result.value(u"next"_s).toString();
        if (next.isEmpty())
            requestDryRun();
        else
            requestListPage(next);
        break;
    }
    case Phase::DryRun: {
        m_dryRun.matched = result.value(u"matched"_s).toInteger();
        m_dryRun.wouldReplay = result.value(u"replayed"_s).toInteger();
        m_dryRun.skippedLoopGuard = result.value(u"skippedLoopGuard"_s).toInteger();
        m_dryRun.text = m_target.describe(m_dryRun.wouldReplay, groupsOf(m_ids));
        if (m_dryRun.skippedLoopGuard > 0)
            m_dryRun.text += u"; %1 skipped by the loop guard (replayed too often already)"_s.arg(m_dryRun.skippedLoopGuard);
        m_dryRun.text += u'.';
        setPhase(Phase::AwaitingConfirmation);
        emit dryRunReady(m_dryRun.text);
        break;
    }
    case Phase::Replaying: {
        m_plan.recordAnswer(result);
        QStringList replayed;
        for (const QJsonValue& id : result.value(u"ids"_s).toArray())
            replayed.append(id.toString());
        if (!replayed.isEmpty())
            emit lettersReplayed(replayed, m_target.markText());
        emit progress(m_plan.processed(), m_plan.total());
        sendNextChunk();
        break;
    }
    default:
        break;
    }
}

void BulkReplayRunner::onFailed(quint64 requestId, const QString&, const QString& code, const QString& message)
{
    if (requestId != m_pending || m_pending == 0)
        return;
    m_pending = 0;
    if (m_phase != Phase::Replaying) {
        abandon(message);
        return;
    }
    if (isTransient(code) && m_attempts < kMaxAttempts) {
        ++m_attempts; // the same requestId: letters replayed by the lost attempt are skipped
        sendChunk();
        return;
    }
    m_plan.recordChunkFailure(message);
    emit progress(m_plan.processed(), m_plan.total());
    sendNextChunk();
}

void BulkReplayRunner::finish()
{
    setPhase(Phase::Finished);
    emit finished(m_plan.summary());
}

void BulkReplayRunner::abandon(const QString& message)
{
    setPhase(Phase::Finished);
    emit failed(message);
}

} // namespace bs::models
