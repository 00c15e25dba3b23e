#include "ui/dialogs/RepeatPublisher.h"

#include "client/MqttClient.h"
#include "ui/dialogs/ReasonCodeText.h"

#include <cmath>

namespace bs::ui {

QString PublishSummary::toString() const
{
    QString text;
    if (failed == 0)
        text = QStringLiteral("Sent %1 of %2.").arg(succeeded).arg(requested);
    else
        text = QStringLiteral("Sent %1, failed %2 of %3.").arg(succeeded).arg(failed).arg(requested);
    if (cancelled) {
        text += QStringLiteral(" Cancelled");
        if (unanswered > 0)
            text += QStringLiteral(" (%1 still waiting for an answer)").arg(unanswered);
        text += u'.';
    }
    if (!firstError.isEmpty())
        text += QStringLiteral(" First error: ") + firstError;
    return text;
}

RepeatPublisher::RepeatPublisher(client::MqttClient& client, QObject* parent)
    : QObject(parent)
    , m_client(client)
{
    m_timer.setTimerType(Qt::PreciseTimer);
    connect(&m_timer, &QTimer::timeout, this, &RepeatPublisher::issueDue);
    connect(&m_client, &client::MqttClient::published, this, &RepeatPublisher::onPublished);
}

void RepeatPublisher::start(const client::MqttMessage& message, int count, double perSecond)
{
    if (m_running)
        cancel();
    m_message = message;
    m_perSecond = perSecond > 0 ? perSecond : 1;
    m_pending.clear();
    m_earlyAnswers.clear();
    m_summary = PublishSummary{};
    m_summary.requested = qMax(1, count);
    m_running = true;
    emit progressChanged(0, m_summary.requested);
    // Fire often enough for the rate, but no more than every 10 ms; each tick issues what
    // the elapsed time says is due.
    m_timer.start(int(qBound(10.0, 1000.0 / m_perSecond, 1000.0)));
    m_clock.start();
    issueDue(); // the first message goes out at once
}

void RepeatPublisher::cancel()
{
    if (!m_running)
        return;
    m_summary.cancelled = true;
    finish();
}

void RepeatPublisher::issueDue()
{
    if (!m_running)
        return;
    const double elapsedSeconds = double(m_clock.nsecsElapsed()) / 1e9;
    const qint64 due = qMin<qint64>(m_summary.requested, 1 + qint64(std::floor(elapsedSeconds * m_perSecond)));
    int issuedThisTick = 0;
    while (m_running && m_summary.issued < due && issuedThisTick < kMaxPerTick) {
        client::MqttMessage message = m_message;
        message.timestamp = QDateTime::currentDateTimeUtc();
        m_inPublishCall = true;
        const quint64 id = m_client.publish(message);
        m_inPublishCall = false;
        ++m_summary.issued;
        ++issuedThisTick;
        if (const auto early = m_earlyAnswers.constFind(id); early != m_earlyAnswers.cend()) {
            const Answer answer = *early;
            m_earlyAnswers.erase(early);
            count(answer.reasonCode, answer.error);
        } else {
            m_pending.insert(id);
        }
    }
    m_earlyAnswers.clear();
    if (m_summary.issued >= m_summary.requested)
        m_timer.stop();
    finishIfDone();
}

void RepeatPublisher::onPublished(quint64 requestId, int reasonCode, const QString& error)
{
    if (!m_running)
        return;
    if (m_inPublishCall) {
        m_earlyAnswers.insert(requestId, {reasonCode, error});
        return;
    }
    if (!m_pending.remove(requestId))
        return; // someone else's publish
    count(reasonCode, error);
    finishIfDone();
}

void RepeatPublisher::count(int reasonCode, const QString& error)
{
    if (isFailure(reasonCode, error)) {
        ++m_summary.failed;
        if (m_summary.firstError.isEmpty())
            m_summary.firstError = failureText(reasonCode, error);
    } else {
        ++m_summary.succeeded;
    }
    emit progressChanged(m_summary.succeeded + m_summary.failed, m_summary.requested);
}

void RepeatPublisher::finishIfDone()
{
    if (m_running && m_summary.issued >= m_summary.requested && m_pending.isEmpty())
        finish();
}

void RepeatPublisher::finish()
{
    m_timer.stop();
    m_running = false;
    m_summary.unanswered = int(m_pending.size());
    m_pending.clear();
    emit finished(m_summary);
}

} // namespace bs::ui
