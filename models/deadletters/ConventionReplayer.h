#pragma once
// Replaying dead letters on a generic broker (convention mode): the console publishes a
// copy of each letter (DeadLetter::replayCopy) to its original topic, or to a chosen
// topic, through the MqttClient. Chunks of BulkReplayPlan::kDefaultChunkSize are
// published at once; the next chunk goes when every publish of the current one was
// answered (published()), so progress counts the broker's answers and cancel() stops
// between chunks. A publish answered with an error counts as failed.
// Answers given synchronously from inside publish() are kept until its id is known.

#include "client/MqttMessage.h"
#include "models/deadletters/BulkReplayPlan.h"

#include <QHash>
#include <QObject>

namespace bs::client {
class MqttClient;
}

namespace bs::models {

class ConventionReplayer : public QObject
{
    Q_OBJECT
public:
    struct Copy
    {
        QString letterId;
        client::MqttMessage message;
    };

    explicit ConventionReplayer(client::MqttClient& client, QObject* parent = nullptr);

    /// targetText: what replayed letters are marked with ("original" or the topic).
    void start(const QList<Copy>& copies, const QString& targetText);
    void cancel();
    bool isRunning() const { return m_running; }
    const BulkReplayPlan& plan() const { return m_plan; }

signals:
    void lettersReplayed(const QStringList& ids, const QString& target);
    void progress(int processed, int total);
    void finished(const bs::models::BulkReplaySummary& summary);

private:
    void publishNextChunk();
    void onPublished(quint64 requestId, int reasonCode, const QString& error);
    void settle(const QString& letterId, int reasonCode, const QString& error);
    void finishChunkIfAnswered();

    client::MqttClient& m_client;
    QHash<QString, client::MqttMessage> m_messages; ///< By letter id.
    QString m_targetText;
    BulkReplayPlan m_plan;
    QHash<quint64, QString> m_inFlight;             ///< Publish request id -> letter id.
    QHash<quint64, std::pair<int, QString>> m_early; ///< Answers before publish() returned.
    QStringList m_replayedInChunk;
    bool m_running = false;
    bool m_publishing = false;
};

} // namespace bs::models
