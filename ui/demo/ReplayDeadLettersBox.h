#pragma once
// "Replay payment's dead letters": one button that asks the engine's admin API to put a
// group's pending dead letters back into that group's backlog (replayDeadLetters, target
// group, a fresh requestId so a retried click never replays twice), and a line that says
// what came of it ("Replayed 12 of 12 dead letters to payment…", or why not). Only letters
// with reason "rejected" (orders the service refused, e.g. while it was down) go back: a
// poison order (reason delivery_limit) would only crash the service again, so it stays for
// investigation. One request at a time; the answer arrives as AdminClient::answered /
// failed, nothing waits.

#include <QWidget>

class QLabel;
class QPushButton;

namespace bs::client {
class AdminClient;
}

namespace bs::ui {

class ReplayDeadLettersBox : public QWidget
{
    Q_OBJECT
public:
    ReplayDeadLettersBox(client::AdminClient& admin, const QString& group, QWidget* parent = nullptr);

    QPushButton* button() const { return m_button; }
    QString outcome() const;
    /// Whether the group's service is down right now (its replayed letters would die again).
    void setServiceDown(bool down) { m_serviceDown = down; }

public slots:
    void replay();

private:
    void onAnswered(quint64 requestId, const QString& command, const QJsonObject& result);
    void onFailed(quint64 requestId, const QString& command, const QString& code, const QString& message);
    void finish(const QString& text);

    client::AdminClient& m_admin;
    QString m_group;
    QPushButton* m_button = nullptr;
    QLabel* m_outcome = nullptr;
    quint64 m_request = 0;
    bool m_serviceDown = false;
};

} // namespace bs::ui
