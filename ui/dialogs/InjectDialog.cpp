#include "ui/dialogs/InjectDialog.h"

#include "client/MqttClient.h"
#include "ui/dialogs/MessagePropertiesBox.h"
#include "ui/dialogs/PayloadEditor.h"
#include "ui/dialogs/ReasonCodeText.h"
#include "ui/dialogs/TemplateBar.h"
#include "ui/dialogs/TemplateStore.h"

#include <QCheckBox>
#include <QComboBox>
#include <QCompleter>
#include <QDoubleSpinBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>

namespace bs::ui {

using namespace Qt::StringLiterals;

namespace {

/// Why a topic name cannot be published to (§4.7), or empty when it can.
QString topicProblem(const QString& topic)
{
    if (topic.isEmpty())
        return InjectDialog::tr("Enter a topic.");
    if (topic.contains(u'+') || topic.contains(u'#'))
        return InjectDialog::tr("A topic to publish to cannot contain the wildcards + or #.");
    if (topic.contains(QChar(0)))
        return InjectDialog::tr("A topic cannot contain the null character.");
    if (topic.toUtf8().size() > 65535)
        return InjectDialog::tr("The topic is longer than 65,535 bytes.");
    return {};
}

} // namespace

InjectDialog::InjectDialog(client::MqttClient& client, TemplateStore& templates,
                           QAbstractItemModel* topicCompletionModel, QWidget* parent)
    : QDialog(parent)
    , m_client(client)
    , m_templates(templates)
    , m_publisher(client)
    , m_templateBar(new TemplateBar(templates, this))
    , m_topic(new QLineEdit(this))
    , m_completer(new QCompleter(this))
    , m_qos(new QComboBox(this))
    , m_retain(new QCheckBox(tr("Retain"), this))
    , m_payload(new PayloadEditor(this))
    , m_properties(new MessagePropertiesBox(this))
    , m_protocolNote(new QLabel(this))
    , m_repeatCount(new QSpinBox(this))
    , m_repeatRate(new QDoubleSpinBox(this))
    , m_progress(new QProgressBar(this))
    , m_status(new QLabel(this))
    , m_publishButton(new QPushButton(tr("Publish"), this))
    , m_cancelButton(new QPushButton(tr("Cancel"), this))
    , m_closeButton(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Inject message"));
    m_topic->setObjectName(u"topicEdit"_s);
    m_qos->setObjectName(u"qosBox"_s);
    m_retain->setObjectName(u"retainCheck"_s);
    m_payload->setObjectName(u"payloadEditor"_s);
    m_properties->setObjectName(u"propertiesBox"_s);
    m_protocolNote->setObjectName(u"protocolNote"_s);
    m_repeatCount->setObjectName(u"repeatCountSpin"_s);
    m_repeatRate->setObjectName(u"repeatRateSpin"_s);
    m_progress->setObjectName(u"progressBar"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_publishButton->setObjectName(u"publishButton"_s);
    m_cancelButton->setObjectName(u"cancelButton"_s);
    m_closeButton->setObjectName(u"closeButton"_s);

    m_topic->setPlaceholderText(tr("e.g. plant/line1/temperature"));
    m_topic->setClearButtonEnabled(true);
    m_completer->setModel(topicCompletionModel);
    m_completer->setCompletionRole(Qt::DisplayRole);
    m_completer->setCaseSensitivity(Qt::CaseInsensitive);
    m_completer->setFilterMode(Qt::MatchContains);
    m_completer->setMaxVisibleItems(12);
    m_topic->setCompleter(m_completer);

    m_qos->addItems({tr("0 — at most once"), tr("1 — at least once"), tr("2 — exactly once")});
    m_repeatCount->setRange(1, 1'000'000);
    m_repeatCount->setSuffix(tr(" time(s)"));
    m_repeatCount->setAccelerated(true);
    m_repeatRate->setRange(0.1, 10'000);
    m_repeatRate->setDecimals(1);
    m_repeatRate->setValue(10);
    m_repeatRate->setSuffix(tr(" per second"));
    m_protocolNote->setWordWrap(true);
    m_protocolNote->setStyleSheet(u"color: #8a5a00;"_s);
    m_status->setWordWrap(true);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_publishButton->setDefault(true);
    m_cancelButton->setToolTip(tr("Stop sending the remaining messages"));
    for (QPushButton* button : {m_cancelButton, m_closeButton})
        button->setAutoDefault(false);

    buildLayout();
    setRunning(false);
    m_progress->hide();
    updateProtocolNote();

    connect(m_publishButton, &QPushButton::clicked, this, &InjectDialog::publish);
    connect(m_cancelButton, &QPushButton::clicked, this, &InjectDialog::cancelPublishing);
    connect(m_closeButton, &QPushButton::clicked, this, &QDialog::reject);
    connect(&m_publisher, &RepeatPublisher::progressChanged, this, &InjectDialog::onProgress);
    connect(&m_publisher, &RepeatPublisher::finished, this, &InjectDialog::onFinished);
    connect(m_properties, &MessagePropertiesBox::contentTypeChanged, m_payload,
            &PayloadEditor::setContentType);
    connect(&m_client, &client::MqttClient::stateChanged, this, &InjectDialog::updateProtocolNote);
    connect(m_templateBar, &TemplateBar::loadRequested, this,
            [this](const client::MqttMessage& loaded) { setMessage(loaded); });
    connect(m_templateBar, &TemplateBar::saveRequested, this, &InjectDialog::saveTemplate);
    connect(m_templateBar, &TemplateBar::statusMessage, this, &InjectDialog::showStatus);
}

InjectDialog::~InjectDialog() = default;

void InjectDialog::buildLayout()
{
    auto* qosRow = new QHBoxLayout;
    qosRow->addWidget(m_qos);
    qosRow->addSpacing(16);
    qosRow->addWidget(m_retain);
    qosRow->addStretch();

    auto* repeatRow = new QHBoxLayout;
    repeatRow->addWidget(m_repeatCount);
    repeatRow->addWidget(new QLabel(tr("at"), this));
    repeatRow->addWidget(m_repeatRate);
    repeatRow->addStretch();

    auto* form = new QFormLayout;
    form->addRow(tr("Topic:"), m_topic);
    form->addRow(tr("QoS:"), qosRow);
    form->addRow(tr("Payload:"), m_payload);
    form->addRow(tr("Send:"), repeatRow);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_cancelButton);
    bottom->addWidget(m_publishButton);
    bottom->addWidget(m_closeButton);

    auto* layout = new QVBoxLayout(this);
    layout->addWidget(m_templateBar);
    layout->addLayout(form, 3);
    layout->addWidget(m_protocolNote);
    layout->addWidget(m_properties, 2);
    layout->addWidget(m_progress);
    layout->addLayout(bottom);
    resize(720, 760);
}

void InjectDialog::setTopicCompletionRole(int role)
{
    m_completer->setCompletionRole(role);
}

int InjectDialog::topicCompletionRole() const
{
    return m_completer->completionRole();
}

void InjectDialog::setMessage(const client::MqttMessage& message)
{
    m_topic->setText(message.topic);
    m_qos->setCurrentIndex(qBound(0, int(message.qos), 2));
    m_retain->setChecked(message.retain);
    m_properties->setProperties(message.properties);
    m_payload->setContentType(message.properties.contentType);
    m_payload->setPayload(message.payload);
}

std::optional<client::MqttMessage> InjectDialog::message(QString* error) const
{
    client::MqttMessage built;
    built.topic = m_topic->text();
    if (const QString problem = topicProblem(built.topic); !problem.isEmpty()) {
        if (error)
            *error = problem;
        return std::nullopt;
    }
    const auto payload = m_payload->payload(error);
    if (!payload)
        return std::nullopt;
    const auto properties = m_properties->properties(error);
    if (!properties)
        return std::nullopt;
    built.payload = *payload;
    built.qos = quint8(m_qos->currentIndex());
    built.retain = m_retain->isChecked();
    built.properties = *properties;
    built.timestamp = QDateTime::currentDateTimeUtc();
    return built;
}

bool InjectDialog::isPublishing() const
{
    return m_publisher.isRunning();
}

void InjectDialog::publish()
{
    if (m_publisher.isRunning())
        return;
    QString error;
    const auto filled = message(&error);
    if (!filled) {
        showStatus(error, true);
        return;
    }
    const int count = m_repeatCount->value();
    m_progress->setRange(0, count);
    m_progress->setValue(0);
    m_progress->setFormat(tr("%v of %m answered"));
    m_progress->setVisible(count > 1);
    showStatus(count > 1 ? tr("Publishing %1 messages…").arg(count) : tr("Publishing…"), false);
    setRunning(true);
    m_publisher.start(*filled, count, m_repeatRate->value());
}

void InjectDialog::cancelPublishing()
{
    m_publisher.cancel();
}

void InjectDialog::done(int result)
{
    m_publisher.cancel();
    QDialog::done(result);
}

void InjectDialog::onProgress(int answered, int total)
{
    m_progress->setMaximum(total);
    m_progress->setValue(answered);
    const PublishSummary& so = m_publisher.summary();
    if (total > 1 && so.failed > 0) {
        showStatus(tr("Publishing %1 messages… %2 sent, %3 failed (first: %4)")
                       .arg(total).arg(so.succeeded).arg(so.failed).arg(so.firstError),
                   true);
    }
}

void InjectDialog::onFinished(const PublishSummary& summary)
{
    setRunning(false);
    if (summary.requested == 1 && !summary.cancelled) {
        QString failure = summary.firstError;
        if (!failure.startsWith(tr("Not published"), Qt::CaseInsensitive))
            failure = tr("Not published: %1").arg(failure);
        showStatus(summary.failed == 0 ? tr("Published.") : failure, summary.failed > 0);
    } else {
        showStatus(summary.toString(), summary.failed > 0);
    }
    emit publishFinished(summary);
}

void InjectDialog::saveTemplate(const QString& name)
{
    QString error;
    const auto filled = message(&error);
    if (!filled) {
        showStatus(tr("Template not saved: %1").arg(error), true);
        return;
    }
    const bool replaced = m_templates.contains(name);
    if (!m_templates.save(name, *filled)) {
        showStatus(tr("Enter a name for the template."), true);
        return;
    }
    m_templateBar->setCurrentName(name);
    showStatus(replaced ? tr("Replaced template “%1”.").arg(name)
                        : tr("Saved template “%1”.").arg(name),
               false);
}

void InjectDialog::showStatus(const QString& text, bool warning)
{
    m_status->setText(text);
    m_status->setProperty("warning", warning);
    m_status->setStyleSheet(warning ? u"color: #b00020; font-weight: bold;"_s : QString());
}

void InjectDialog::updateProtocolNote()
{
    const bool v311 = m_client.profile().version == client::MqttVersion::V311
                      && m_client.state() != client::ConnectionState::Disconnected;
    m_protocolNote->setText(tr("This connection speaks MQTT 3.1.1: the properties below are not sent."));
    m_protocolNote->setVisible(v311);
}

void InjectDialog::setRunning(bool running)
{
    m_publishButton->setEnabled(!running);
    m_cancelButton->setEnabled(running);
    m_cancelButton->setVisible(running);
}

} // namespace bs::ui
