#include "ui/demo/ReplayDeadLettersBox.h"

#include "client/AdminClient.h"

#include <QJsonObject>
#include <QLabel>
#include <QPushButton>
#include <QUuid>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

const QString kReplay = u"replayDeadLetters"_s;

} // namespace

ReplayDeadLettersBox::ReplayDeadLettersBox(client::AdminClient& admin, const QString& group, QWidget* parent)
    : QWidget(parent), m_admin(admin), m_group(group)
{
    m_button = new QPushButton(tr("Rep&lay %1's dead letters").arg(group));
    m_button->setObjectName(u"replayButton"_s);
    m_button->setToolTip(tr("Put the orders %1 rejected back into its group only (no other service sees them "
                            "again); poison orders stay in the dead letters").arg(group));
    m_outcome = new QLabel;
    m_outcome->setObjectName(u"replayOutcome"_s);
    m_outcome->setWordWrap(true);
    m_outcome->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_button);
    layout->addWidget(m_outcome);

    connect(m_button, &QPushButton::clicked, this, &ReplayDeadLettersBox::replay);
    connect(&m_admin, &client::AdminClient::answered, this, &ReplayDeadLettersBox::onAnswered);
    connect(&m_admin, &client::AdminClient::failed, this, &ReplayDeadLettersBox::onFailed);
}

QString ReplayDeadLettersBox::outcome() const
{
    return m_outcome->text();
}

void ReplayDeadLettersBox::replay()
{
    if (m_request != 0)
        return;
    const QJsonObject fields{{u"requestId"_s, QUuid::createUuid().toString(QUuid::WithoutBraces)},
                             {u"group"_s, m_group},
                             {u"reason"_s, u"rejected"_s},
                             {u"target"_s, u"group"_s}};
    m_button->setEnabled(false);
    m_outcome->setText(tr("Asking the broker to replay %1's dead letters…").arg(m_group));
    m_request = m_admin.request(kReplay, fields);
}

void ReplayDeadLettersBox::onAnswered(quint64 requestId, const QString&, const QJsonObject& result)
{
    if (requestId != m_request)
        return;
    const qint64 matched = result.value(u"matched"_s).toInteger();
    const qint64 replayed = result.value(u"replayed"_s).toInteger();
    if (matched == 0) {
        finish(tr("%1 has no rejected orders waiting for a replay.").arg(m_group));
        return;
    }
    QString text = tr("Replayed %1 of %2 dead letters to %3 (%4 skipped by the loop guard, %5 failed).")
                       .arg(replayed).arg(matched).arg(m_group)
                       .arg(result.value(u"skippedLoopGuard"_s).toInteger())
                       .arg(result.value(u"failed"_s).toInteger());
    if (m_serviceDown)
        text += u' ' + tr("%1 is still down: they will fail and come back as dead letters.").arg(m_group);
    finish(text);
}

void ReplayDeadLettersBox::onFailed(quint64 requestId, const QString&, const QString& code, const QString& message)
{
    if (requestId != m_request)
        return;
    finish(tr("The replay failed: %1 (%2).").arg(message, code));
}

void ReplayDeadLettersBox::finish(const QString& text)
{
    m_request = 0;
    m_button->setEnabled(true);
    m_outcome->setText(text);
}

} // namespace bs::ui
