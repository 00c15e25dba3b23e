#include "ui/deadletters/ReplayDialog.h"

#include "broker/protocol/Topic.h"
#include "ui/dialogs/PayloadEditor.h"
#include "ui/dialogs/UserPropertiesTable.h"

#include <QButtonGroup>
#include <QCheckBox>
#include <QDialogButtonBox>
#include <QFormLayout>
#include <QJsonArray>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSet>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

using models::ReplayTarget;

namespace {

constexpr int kTopicsNamed = 3;

QString listed(const QStringList& names)
{
    if (names.size() <= kTopicsNamed)
        return names.join(u", "_s);
    return names.mid(0, kTopicsNamed).join(u", "_s) + u" and %1 more"_s.arg(names.size() - kTopicsNamed);
}

QList<client::UserProperty> withoutDeadLetterProperties(const client::MqttMessagePtr& message)
{
    QList<client::UserProperty> properties = message ? message->properties.userProperties : QList<client::UserProperty>{};
    properties.removeIf([](const client::UserProperty& p) { return p.name.startsWith(u"dlq-"); });
    return properties;
}

} // namespace

ReplayDialog::ReplayDialog(Kind kind, const QList<models::DeadLetter>& letters, bool engine, QWidget* parent)
    : QDialog(parent), m_kind(kind), m_letters(letters), m_engine(engine)
{
    setObjectName(u"replayDialog"_s);
    const int count = int(m_letters.size());
    setWindowTitle(kind == Kind::EditAndReplay ? tr("Edit and replay") : (count == 1 ? tr("Replay a dead letter") : tr("Replay %1 dead letters").arg(count)));

    auto* heading = new QLabel(this);
    heading->setWordWrap(true);
    heading->setTextFormat(Qt::PlainText);
    if (count == 1) {
        const models::DeadLetter& letter = m_letters.first();
        heading->setText(tr("A dead letter of %1 from %2 (%3).")
                             .arg(letter.group.isEmpty() ? tr("unknown source") : letter.group,
                                  letter.originalTopic.isEmpty() ? tr("an unknown topic") : letter.originalTopic,
                                  letter.reason.isEmpty() ? tr("no reason given") : letter.reason));
    } else {
        heading->setText(tr("%1 dead letters.").arg(count));
    }

    m_warning = new QLabel(this);
    m_warning->setObjectName(u"replayWarning"_s);
    m_warning->setWordWrap(true);
    m_warning->setTextFormat(Qt::PlainText);
    m_warning->setStyleSheet(u"QLabel { background: #fff4e5; color: #7a4100; border: 1px solid #f0c68a; padding: 6px; }"_s);
    m_summary = new QLabel(this);
    m_summary->setObjectName(u"replaySummary"_s);
    m_summary->setWordWrap(true);
    m_summary->setTextFormat(Qt::PlainText);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Cancel, this);
    m_replay = buttons->addButton(tr("Replay"), QDialogButtonBox::AcceptRole);
    m_replay->setObjectName(u"replayButton"_s);
    m_replay->setDefault(true);
    connect(buttons, &QDialogButtonBox::accepted, this, &ReplayDialog::accept);
    connect(buttons, &QDialogButtonBox::rejected, this, &ReplayDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(heading);
    layout->addWidget(buildTargets());
    if (kind == Kind::EditAndReplay)
        layout->addWidget(buildEditor(), 1);
    layout->addWidget(m_warning);
    layout->addWidget(m_summary);
    layout->addWidget(buttons);

    if (kind == Kind::ReplayToTopic)
        setTargetKind(ReplayTarget::Kind::Topic);
    else
        setTargetKind(m_engine ? ReplayTarget::Kind::Group : ReplayTarget::Kind::Original);
    update();
    resize(kind == Kind::EditAndReplay ? QSize(640, 560) : QSize(520, 0));
}

QWidget* ReplayDialog::buildTargets()
{
    auto* box = new QWidget(this);
    auto* layout = new QVBoxLayout(box);
    layout->setContentsMargins(0, 0, 0, 0);
    m_targets = new QButtonGroup(this);
    const QStringList groups = [this] {
        QSet<QString> names;
        for (const models::DeadLetter& letter : std::as_const(m_letters))
            names.insert(letter.group);
        QStringList list(names.cbegin(), names.cend());
        list.sort();
        return list;
    }();
    m_toGroup = new QRadioButton(groups.size() == 1 ? tr("Back to group %1 only (into its backlog)").arg(groups.first())
                                                    : tr("Back to the groups they failed in only"), box);
    m_toOriginal = new QRadioButton(tr("Republish to the original topic (%1)").arg(listed(originalTopics())), box);
    m_toTopic = new QRadioButton(tr("Publish to topic:"), box);
    m_topic = new QLineEdit(box);
    m_topic->setObjectName(u"replayTopic"_s);
    m_topic->setPlaceholderText(tr("e.g. orders/retry"));
    m_force = new QCheckBox(tr("Force: replay letters the loop guard would skip (replayed too often already)"), box);
    m_force->setVisible(m_engine);
    m_toGroup->setVisible(m_engine);
    m_toOriginal->setEnabled(!originalTopics().isEmpty());
    m_targets->addButton(m_toGroup, int(ReplayTarget::Kind::Group));
    m_targets->addButton(m_toOriginal, int(ReplayTarget::Kind::Original));
    m_targets->addButton(m_toTopic, int(ReplayTarget::Kind::Topic));
    auto* topicRow = new QHBoxLayout;
    topicRow->addWidget(m_toTopic);
    topicRow->addWidget(m_topic, 1);
    layout->addWidget(m_toGroup);
    layout->addWidget(m_toOriginal);
    layout->addLayout(topicRow);
    layout->addWidget(m_force);
    connect(m_targets, &QButtonGroup::idToggled, this, [this] { update(); });
    connect(m_topic, &QLineEdit::textChanged, this, [this] {
        if (!m_topic->text().isEmpty())
            m_toTopic->setChecked(true);
        update();
    });
    return box;
}

QWidget* ReplayDialog::buildEditor()
{
    const models::DeadLetter& letter = m_letters.first();
    auto* box = new QWidget(this);
    auto* form = new QFormLayout(box);
    form->setContentsMargins(0, 0, 0, 0);
    m_payload = new PayloadEditor(box);
    m_payload->setPayload(letter.message ? letter.message->payload : QByteArray());
    m_contentType = new QLineEdit(letter.message ? letter.message->properties.contentType : QString(), box);
    m_payload->setContentType(m_contentType->text());
    connect(m_contentType, &QLineEdit::textChanged, m_payload, &PayloadEditor::setContentType);
    m_properties = new UserPropertiesTable(box);
    m_properties->setProperties(withoutDeadLetterProperties(letter.message));
    connect(m_payload, &PayloadEditor::payloadChanged, this, [this] { update(); });
    form->addRow(tr("Payload"), m_payload);
    form->addRow(tr("Content type"), m_contentType);
    form->addRow(tr("User properties"), m_properties);
    return box;
}

void ReplayDialog::setTargetKind(ReplayTarget::Kind kind)
{
    if (kind == ReplayTarget::Kind::Group && !m_engine)
        kind = ReplayTarget::Kind::Original;
    if (QAbstractButton* button = m_targets->button(int(kind)))
        button->setChecked(true);
    if (kind == ReplayTarget::Kind::Topic)
        m_topic->setFocus();
    update();
}

ReplayTarget ReplayDialog::target() const
{
    ReplayTarget target;
    target.kind = ReplayTarget::Kind(std::max(0, m_targets->checkedId()));
    target.topic = target.kind == ReplayTarget::Kind::Topic ? m_topic->text().trimmed() : QString();
    target.force = m_engine && m_force->isChecked();
    if (m_kind == Kind::EditAndReplay) {
        QJsonArray properties;
        for (const client::UserProperty& property : m_properties->properties())
            properties.append(QJsonObject{{u"name"_s, property.name}, {u"value"_s, property.value}});
        target.edit = {{u"payloadBase64"_s, QString::fromLatin1(m_payload->payload().value_or(QByteArray()).toBase64())},
                       {u"userProperties"_s, properties},
                       {u"contentType"_s, m_contentType->text()}};
    }
    return target;
}

QStringList ReplayDialog::originalTopics() const
{
    QStringList topics;
    for (const models::DeadLetter& letter : m_letters) {
        if (letter.canReplayToOriginal() && !topics.contains(letter.originalTopic))
            topics.append(letter.originalTopic);
    }
    return topics;
}

QList<models::DeadLetter> ReplayDialog::replayableLetters() const
{
    if (m_engine || target().kind != ReplayTarget::Kind::Original)
        return m_letters;
    QList<models::DeadLetter> letters;
    for (const models::DeadLetter& letter : m_letters) {
        if (letter.canReplayToOriginal())
            letters.append(letter);
    }
    return letters;
}

QString ReplayDialog::warningText() const
{
    const ReplayTarget chosen = target();
    const bool one = replayableLetters().size() == 1;
    switch (chosen.kind) {
    case ReplayTarget::Kind::Group:
        return {};
    case ReplayTarget::Kind::Original: {
        const QStringList topics = originalTopics();
        if (topics.isEmpty())
            return tr("No letter here knows its original topic: replay them to a topic instead.");
        return tr("Every subscriber of %1 will receive %2 again, not only the consumer that failed.")
            .arg(listed(topics), one ? tr("it") : tr("them"));
    }
    case ReplayTarget::Kind::Topic:
        return chosen.topic.isEmpty() ? QString()
                                      : tr("Every subscriber of %1 will receive %2.").arg(chosen.topic, one ? tr("it") : tr("them"));
    }
    return {};
}

QString ReplayDialog::summaryText() const
{
    const ReplayTarget chosen = target();
    QStringList groups;
    for (const models::DeadLetter& letter : m_letters) {
        if (!groups.contains(letter.group))
            groups.append(letter.group);
    }
    const qsizetype replayable = replayableLetters().size();
    QString text = chosen.describe(replayable, groups) + u'.';
    if (replayable < m_letters.size())
        text += u' ' + tr("%1 without an original topic will be skipped.").arg(m_letters.size() - replayable);
    return text;
}

void ReplayDialog::update()
{
    const ReplayTarget chosen = target();
    QString problem;
    if (chosen.kind == ReplayTarget::Kind::Topic) {
        const mqtt::TopicName name(chosen.topic);
        if (chosen.topic.isEmpty())
            problem = tr("Type the topic to publish to.");
        else if (!name.isValid() || chosen.topic.startsWith(u'$'))
            problem = tr("%1 is not a topic one can publish to.").arg(chosen.topic);
    }
    QString payloadError;
    if (m_payload && !m_payload->payload(&payloadError))
        problem = payloadError;
    const QString warning = warningText();
    m_warning->setText(warning);
    m_warning->setVisible(!warning.isEmpty());
    m_summary->setText(problem.isEmpty() ? summaryText() : problem);
    m_replay->setEnabled(problem.isEmpty() && !replayableLetters().isEmpty());
}

void ReplayDialog::accept()
{
    if (!m_replay->isEnabled())
        return;
    emit replayRequested(target());
    QDialog::accept();
}

} // namespace bs::ui
