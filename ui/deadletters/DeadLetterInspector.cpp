#include "ui/deadletters/DeadLetterInspector.h"

#include "models/payload/PayloadPreview.h"
#include "ui/payload/MessageInspector.h"

#include <QAction>
#include <QDateTime>
#include <QHeaderView>
#include <QLabel>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

QString timeText(qint64 ms)
{
    return ms > 0 ? QDateTime::fromMSecsSinceEpoch(ms).toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s) : QString();
}

QString targetText(const QString& target)
{
    if (target == u"group")
        return u"back to its group"_s;
    if (target == u"original")
        return u"to the original topic"_s;
    return u"to "_s + target;
}

} // namespace

DeadLetterInspector::DeadLetterInspector(QWidget* parent)
    : QWidget(parent), m_title(new QLabel(this)), m_details(new QTreeWidget(this)),
      m_message(new MessageInspector(this)), m_loading(new QLabel(tr("Loading the payload…"), this))
{
    m_title->setTextFormat(Qt::PlainText);
    m_title->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QFont bold = m_title->font();
    bold.setBold(true);
    m_title->setFont(bold);

    m_details->setColumnCount(2);
    m_details->setHeaderLabels({tr("Death"), tr("Value")});
    m_details->setRootIsDecorated(false);
    m_details->setSelectionMode(QAbstractItemView::ExtendedSelection);
    m_details->header()->setSectionResizeMode(0, QHeaderView::ResizeToContents);
    m_details->setMinimumWidth(260);

    // The topic inspector without what makes no sense here: no previous message to diff.
    QTabWidget* tabs = m_message->tabs();
    tabs->removeTab(1);
    m_message->republishAction()->setText(tr("&Edit and replay…"));
    m_message->republishAction()->setToolTip(tr("Edit this letter's payload and properties, then replay it"));
    connect(m_message, &MessageInspector::republishRequested, this, &DeadLetterInspector::editAndReplayRequested);

    m_loading->hide();
    auto* right = new QWidget(this);
    auto* rightLayout = new QVBoxLayout(right);
    rightLayout->setContentsMargins(0, 0, 0, 0);
    rightLayout->addWidget(m_loading);
    rightLayout->addWidget(m_message, 1);

    auto* split = new QSplitter(Qt::Horizontal, this);
    split->addWidget(m_details);
    split->addWidget(right);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 3);
    split->setChildrenCollapsible(false);
    split->setSizes({340, 1000});

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_title);
    layout->addWidget(split, 1);
    clear();
}

void DeadLetterInspector::setLetter(const models::DeadLetter& letter)
{
    m_letterId = letter.id;
    m_title->setText(models::oneLineText(letter.id));
    fillDetails(letter);
    if (letter.hasPayload()) {
        m_message->setMessage(letter.message, {});
        m_loading->hide();
    } else {
        m_message->clear();
        m_loading->show();
    }
}

void DeadLetterInspector::setFullLetter(const models::DeadLetter& letter)
{
    if (letter.id == m_letterId)
        setLetter(letter);
}

void DeadLetterInspector::clear()
{
    m_letterId.clear();
    m_title->setText(tr("No dead letter selected"));
    m_details->clear();
    m_message->clear();
    m_loading->hide();
}

bool DeadLetterInspector::hasPayload() const
{
    return bool(m_message->currentMessage());
}

QString DeadLetterInspector::detail(const QString& name) const
{
    const QList<QTreeWidgetItem*> items = m_details->findItems(name, Qt::MatchExactly, 0);
    return items.isEmpty() ? QString() : items.first()->text(1);
}

void DeadLetterInspector::fillDetails(const models::DeadLetter& letter)
{
    m_details->clear();
    auto add = [this](const QString& name, const QString& value) {
        if (value.isEmpty())
            return;
        auto* item = new QTreeWidgetItem(m_details, {name, models::oneLineText(value)});
        item->setToolTip(1, value);
    };
    add(tr("Reason"), letter.reason);
    add(tr("Reason code"), letter.reasonCode);
    add(tr("Error"), letter.error);
    add(letter.source == models::DeadLetter::Source::Engine ? tr("Group") : tr("Source"), letter.group);
    add(tr("Original topic"), letter.originalTopic.isEmpty() ? tr("(unknown: cannot be replayed)") : letter.originalTopic);
    add(tr("Original offset"), letter.originalOffset >= 0 ? QString::number(letter.originalOffset) : QString());
    add(tr("Member"), letter.member);
    add(tr("Deliveries"), QString::number(letter.deliveryCount));
    add(tr("Replay count"), QString::number(letter.replayCount));
    add(tr("First death"), letter.firstDeath);
    add(tr("Last death"), letter.lastDeath);
    add(tr("Stored"), timeText(letter.timeMs));
    add(tr("Replayed"), letter.isReplayed()
                            ? (letter.replays == 1 ? tr("once") : tr("%1 times").arg(letter.replays)) + u", last "_s
                                  + timeText(letter.lastReplayMs) + u' ' + targetText(letter.lastReplayTarget)
                            : tr("no"));
    add(tr("Dead-letter topic"), letter.topic);
    add(tr("Id"), letter.id);
    add(tr("Size"), models::formatByteSize(letter.size));
    add(tr("QoS"), QString::number(letter.qos));
}

} // namespace bs::ui
