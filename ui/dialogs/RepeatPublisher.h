#pragma once
// Publishes one message N times at R per second without blocking the GUI thread: a QTimer
// issues the messages that are due (by elapsed time, so high rates are kept even though a
// timer fires at most every few milliseconds), and progress counts the client's
// published() answers, not the calls. Answers are matched by request id; one that arrives
// synchronously from inside publish() is kept until the id is known.

#include "client/MqttMessage.h"

#include <QElapsedTimer>
#include <QHash>
#include <QObject>
#include <QSet>
#include <QTimer>

namespace bs::client {
class MqttClient;
}

namespace bs::ui {

struct PublishSummary
{
    int requested = 0; ///< N
    int issued = 0;    ///< publish() calls made
    int succeeded = 0; ///< answered with a reason code below 0x80 and no error
    int failed = 0;
    int unanswered = 0; ///< issued but not answered when it ended (cancelled runs)
    bool cancelled = false;
    QString firstError; ///< e.g. "Not authorized (0x87)"

    /// "Sent 10 of 10." / "Sent 3, failed 7 of 10. First error: Not authorized (0x87)"
    QString toString() const;
};

class RepeatPublisher : public QObject
{
    Q_OBJECT
public:
    explicit RepeatPublisher(client::MqttClient& client, QObject* parent = nullptr);

    /// Starts a run; a run in progress is cancelled first. count >= 1, perSecond > 0.
    void start(const client::MqttMessage& message, int count, double perSecond);
    /// Stops issuing; finished() follows at once with cancelled set.
    void cancel();
    bool isRunning() const { return m_running; }
    const PublishSummary& summary() const { return m_summary; }

    /// Upper bound of publish() calls per timer tick, so a huge rate cannot stall the
    /// event loop.
    static constexpr int kMaxPerTick = 200;

signals:
    /// answered: published() answers received so far, of total.
    void progressChanged(int answered, int total);
    void finished(const bs::ui::PublishSummary& summary);

private:
    void issueDue();
    void onPublished(quint64 requestId, int reasonCode, const QString& error);
    void count(int reasonCode, const QString& error);
    void finishIfDone();
    void finish();

    client::MqttClient& m_client;
    QTimer m_timer;
    QElapsedTimer m_clock;
    client::MqttMessage m_message;
    double m_perSecond = 1;
    bool m_running = false;
    bool m_inPublishCall = false;
    QSet<quint64> m_pending;
    struct Answer
    {
        int reasonCode;
        QString error;
    };
    QHash<quint64, Answer> m_earlyAnswers; // answered before publish() returned its id
    PublishSummary m_summary;
};

} // namespace bs::ui

Q_DECLARE_METATYPE(bs::ui::PublishSummary)
