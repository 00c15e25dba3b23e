#include "ui/groups/GroupActions.h"

#include "client/AdminClient.h"

#include <QJsonArray>
#include <QMessageBox>
#include <QPushButton>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

const QString kCreate = u"createGroup"_s;
const QString kSeek = u"seekGroup"_s;
const QString kDelete = u"deleteGroup"_s;

QString verb(const QString& command)
{
    if (command == kCreate)
        return GroupActions::tr("create");
    if (command == kSeek)
        return GroupActions::tr("seek");
    if (command == kDelete)
        return GroupActions::tr("delete");
    return command;
}

} // namespace

GroupActions::GroupActions(client::AdminClient& admin, QWidget* dialogParent)
    : QObject(dialogParent), m_admin(admin), m_dialogParent(dialogParent)
{
    connect(&m_admin, &client::AdminClient::answered, this, &GroupActions::onAnswered);
    connect(&m_admin, &client::AdminClient::failed, this, &GroupActions::onFailed);
}

void GroupActions::createGroup(const QJsonObject& fields)
{
    if (isBusy())
        return;
    m_command = kCreate;
    send(kCreate, fields);
}

void GroupActions::seekGroup(const QJsonObject& fields)
{
    if (isBusy())
        return;
    m_command = kSeek;
    QJsonObject request = fields;
    request.insert(u"force"_s, false);
    send(kSeek, request);
}

void GroupActions::deleteGroup(const QString& group)
{
    if (isBusy())
        return;
    m_command = kDelete;
    m_fields = {{u"group"_s, group}, {u"force"_s, false}};
    ask(u"confirmDelete"_s,
        tr("Delete group '%1'? Its committed offsets and counters are forgotten; the messages stay in "
           "their topics.").arg(group),
        tr("Delete"), [this] { send(kDelete, m_fields); });
}

QString GroupActions::failureText(const QString& command, const QString& group, const QString& code,
                                  const QString& message)
{
    QString why;
    if (code == u"not-found")
        why = tr("there is no group '%1' (any more).").arg(group);
    else if (code == u"exists")
        why = tr("a group named '%1' exists already.").arg(group);
    else if (code == u"forbidden")
        why = tr("the broker does not allow admin requests from this connection.");
    else if (code == u"timeout")
        why = tr("the broker did not answer in time.");
    else if (code == u"not-connected")
        why = tr("not connected to a broker.");
    else if (code == u"conflict")
        why = tr("members are connected.");
    else
        why = message.isEmpty() ? tr("the broker answered %1.").arg(code) : message;
    return tr("Could not %1 group '%2': %3").arg(verb(command), group, why);
}

QString GroupActions::successText(const QString& command, const QString& group, const QJsonObject& result)
{
    if (command == kCreate)
        return tr("Group '%1' created: it keeps its messages until it is deleted.").arg(group);
    if (command == kDelete)
        return tr("Group '%1' deleted.").arg(group);
    qint64 lag = 0;
    const QJsonArray topics = result.value(u"topics"_s).toArray();
    for (const QJsonValue& topic : topics)
        lag += topic.toObject().value(u"lag"_s).toInteger();
    return tr("Group '%1' moved in %n topic(s): it now owes %2 message(s).", nullptr, int(topics.size()))
        .arg(group)
        .arg(lag);
}

void GroupActions::send(const QString& command, const QJsonObject& fields)
{
    m_fields = fields;
    m_requestId = m_admin.request(command, fields);
    reportBusy();
}

void GroupActions::onAnswered(quint64 requestId, const QString& command, const QJsonObject& result)
{
    if (requestId != m_requestId)
        return;
    m_requestId = 0;
    finish(Outcome::Done, successText(command, group(), result));
}

void GroupActions::onFailed(quint64 requestId, const QString& command, const QString& code, const QString& message)
{
    if (requestId != m_requestId)
        return;
    m_requestId = 0;
    const bool forced = m_fields.value(u"force"_s).toBool();
    if (code != u"conflict" || forced || (command != kSeek && command != kDelete)) {
        finish(Outcome::Failed, failureText(command, group(), code, message));
        return;
    }
    const QString question = command == kSeek
        ? tr("Group '%1' has members connected. Seeking moves the offsets they read from under them: "
             "messages may be delivered again or skipped while they run. Seek anyway?").arg(group())
        : tr("Group '%1' has members connected. Deleting forgets its offsets; members still subscribed "
             "start a new group with the next message. Delete anyway?").arg(group());
    ask(u"confirmForce"_s, question, command == kSeek ? tr("Seek anyway") : tr("Delete anyway"), [this, command] {
        QJsonObject forcedFields = m_fields;
        forcedFields.insert(u"force"_s, true);
        send(command, forcedFields);
    });
}

void GroupActions::ask(const QString& objectName, const QString& question, const QString& acceptText,
                       const std::function<void()>& onAccept)
{
    auto* box = new QMessageBox(QMessageBox::Question, tr("Consumer groups"), question,
                                QMessageBox::Yes | QMessageBox::Cancel, m_dialogParent);
    box->setObjectName(objectName);
    box->button(QMessageBox::Yes)->setText(acceptText);
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    m_asking = true;
    connect(box, &QMessageBox::finished, this, [this, box, onAccept] {
        m_asking = false;
        if (box->clickedButton() == box->button(QMessageBox::Yes))
            onAccept();
        else
            finish(Outcome::Cancelled, tr("Group '%1' left as it was.").arg(group()));
    });
    reportBusy();
    box->open();
}

void GroupActions::finish(Outcome outcome, const QString& text)
{
    reportBusy();
    emit finished(m_command, outcome, text);
}

void GroupActions::reportBusy()
{
    if (isBusy() == m_reportedBusy)
        return;
    m_reportedBusy = isBusy();
    emit busyChanged(m_reportedBusy);
}

QString GroupActions::group() const
{
    return m_fields.value(u"group"_s).toString();
}

} // namespace bs::ui
