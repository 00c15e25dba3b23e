#include "models/deadletters/ConventionReplayer.h"

#include "client/MqttClient.h"

using namespace Qt::StringLiterals;

namespace bs::models {

ConventionReplayer::ConventionReplayer(client::MqttClient& client, QObject* parent)
    : QObject(parent), m_client(client)
{
    connect(&m_client, &client::MqttClient::published, this, &ConventionReplayer::onPublished);
}

void ConventionReplayer::start(const QList<Copy>& copies, const QString& targetText)
{
    if (m_running)
        return;
    QStringList ids;
    m_messages.clear();
    for (const Copy& copy : copies) {
        ids.append(copy.letterId);
        m_messages.insert(copy.letterId, copy.message);
    }
    m_targetText = targetText;
    m_plan = BulkReplayPlan(ids);
    m_running = true;
    emit progress(0, m_plan.total());
    publishNextChunk();
}

void ConventionReplayer::cancel()
{
    if (!m_running)
        return;
    m_plan.cancel();
    if (!m_plan.isChunkInFlight())
        publishNextChunk(); // finishes
}

void ConventionReplayer::publishNextChunk()
{
    if (!m_plan.hasNextChunk()) {
        m_running = false;
        m_messages.clear();
        emit finished(m_plan.summary());
        return;
    }
    m_replayedInChunk.clear();
    const QStringList chunk = m_plan.takeNextChunk();
    m_publishing = true;
    for (const QString& id : chunk) {
        const quint64 requestId = m_client.publish(m_messages.value(id));
        const auto early = m_early.constFind(requestId);
        if (early != m_early.cend()) {
            settle(id, early->first, early->second);
            m_early.erase(early);
        } else {
            m_inFlight.insert(requestId, id);
        }
    }
    m_publishing = false;
    finishChunkIfAnswered();
}

void ConventionReplayer::onPublished(quint64 requestId, int reasonCode, const QString& error)
{
    const auto it = m_inFlight.constFind(requestId);
    if (it == m_inFlight.cend()) {
        if (m_publishing)
            m_early.insert(requestId, {reasonCode, error});
        return;
    }
    const QString id = *it;
    m_inFlight.erase(it);
    settle(id, reasonCode, error);
    finishChunkIfAnswered();
}

void ConventionReplayer::settle(const QString& letterId, int reasonCode, const QString& error)
{
    if (error.isEmpty() && reasonCode >= 0 && reasonCode < 0x80) {
        m_plan.recordReplayed(letterId);
        m_replayedInChunk.append(letterId);
    } else {
        m_plan.recordFailure(letterId, error.isEmpty() ? u"refused (0x%1)"_s.arg(reasonCode, 2, 16, QChar(u'0')) : error);
    }
}

void ConventionReplayer::finishChunkIfAnswered()
{
    if (m_publishing || !m_inFlight.isEmpty() || !m_plan.isChunkInFlight())
        return;
    m_plan.finishChunk();
    if (!m_replayedInChunk.isEmpty())
        emit lettersReplayed(m_replayedInChunk, m_targetText);
    emit progress(m_plan.processed(), m_plan.total());
    publishNextChunk();
}

} // namespace bs::models
