#pragma once
// The Consumer groups page's changes to the broker — create, seek and delete a group —
// through the admin API, one at a time. Delete asks first; create and seek are confirmed
// by their dialogs. When the broker refuses with "conflict" (members are connected) this
// asks whether to go ahead anyway and, if so, sends the same request again with "force":
// true. Questions are non-modal QMessageBoxes, open()ed, never exec()ed.
//
// Every action ends in one finished() with a sentence for the user: what was done, that
// nothing was done (cancelled), or why it failed, in words from the error code.

#include <QJsonObject>
#include <QObject>

#include <functional>

class QWidget;

namespace bs::client {
class AdminClient;
}

namespace bs::ui {

class GroupActions : public QObject
{
    Q_OBJECT
public:
    enum class Outcome : quint8
    {
        Done,
        Cancelled,
        Failed,
    };
    Q_ENUM(Outcome)

    /// dialogParent: the widget questions are shown over.
    GroupActions(client::AdminClient& admin, QWidget* dialogParent);

    /// A request in flight or a question open.
    bool isBusy() const { return m_requestId != 0 || m_asking; }

    /// createGroup with these fields (CreateGroupDialog::request()).
    void createGroup(const QJsonObject& fields);
    /// seekGroup with these fields (SeekGroupDialog::request()), without force first.
    void seekGroup(const QJsonObject& fields);
    /// Asks, then deleteGroup without force first.
    void deleteGroup(const QString& group);

    /// "Could not seek group 'work': the broker did not answer in time."
    static QString failureText(const QString& command, const QString& group, const QString& code,
                               const QString& message);
    /// "Group 'work' deleted." and the like, from a command's answer.
    static QString successText(const QString& command, const QString& group, const QJsonObject& result);

signals:
    void busyChanged(bool busy);
    void finished(const QString& command, bs::ui::GroupActions::Outcome outcome, const QString& text);

private:
    void send(const QString& command, const QJsonObject& fields);
    void onAnswered(quint64 requestId, const QString& command, const QJsonObject& result);
    void onFailed(quint64 requestId, const QString& command, const QString& code, const QString& message);
    void ask(const QString& objectName, const QString& question, const QString& acceptText,
             const std::function<void()>& onAccept);
    void finish(Outcome outcome, const QString& text);
    void reportBusy();
    QString group() const;

    client::AdminClient& m_admin;
    QWidget* m_dialogParent;
    quint64 m_requestId = 0;
    QString m_command;     ///< Of the action under way.
    QJsonObject m_fields;  ///< Its request, to send again with force.
    bool m_asking = false;
    bool m_reportedBusy = false;
};

} // namespace bs::ui
