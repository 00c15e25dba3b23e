#include "ui/dialogs/ProfileEditor.h"

#include "ui/dialogs/ReasonCodeText.h"
#include "ui/dialogs/TlsSettingsBox.h"

#include <QCheckBox>
#include <QComboBox>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QVBoxLayout>
#include <limits>

namespace bs::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr int kSessionNeverExpires = -1; // m_sessionExpiry's special value: 0xFFFFFFFF
constexpr quint16 kMqttPort = 1883;
constexpr quint16 kMqttsPort = 8883;

} // namespace

ProfileEditor::ProfileEditor(QWidget* parent)
    : QWidget(parent)
    , m_name(new QLineEdit(this))
    , m_host(new QLineEdit(this))
    , m_port(new QSpinBox(this))
    , m_clientId(new QLineEdit(this))
    , m_version(new QComboBox(this))
    , m_username(new QLineEdit(this))
    , m_password(new QLineEdit(this))
    , m_passwordNote(new QLabel(this))
    , m_tls(new TlsSettingsBox(this))
    , m_keepAlive(new QSpinBox(this))
    , m_cleanStart(new QCheckBox(tr("Clean start"), this))
    , m_sessionExpiry(new QSpinBox(this))
    , m_testButton(new QPushButton(tr("Test connection"), this))
    , m_verdict(new QLabel(this))
{
    m_name->setObjectName(u"nameEdit"_s);
    m_host->setObjectName(u"hostEdit"_s);
    m_port->setObjectName(u"portSpin"_s);
    m_clientId->setObjectName(u"clientIdEdit"_s);
    m_version->setObjectName(u"versionBox"_s);
    m_username->setObjectName(u"usernameEdit"_s);
    m_password->setObjectName(u"passwordEdit"_s);
    m_passwordNote->setObjectName(u"passwordNote"_s);
    m_tls->setObjectName(u"tlsSettings"_s);
    m_keepAlive->setObjectName(u"keepAliveSpin"_s);
    m_cleanStart->setObjectName(u"cleanStartCheck"_s);
    m_sessionExpiry->setObjectName(u"sessionExpirySpin"_s);
    m_testButton->setObjectName(u"testConnectionButton"_s);
    m_verdict->setObjectName(u"verdictLabel"_s);

    m_name->setPlaceholderText(tr("e.g. Production broker"));
    m_host->setPlaceholderText(tr("host name or IP address"));
    m_port->setRange(1, 65535);
    m_clientId->setPlaceholderText(tr("generated (brokerscope-…)"));
    m_version->addItem(tr("MQTT 5"), int(client::MqttVersion::V5));
    m_version->addItem(tr("MQTT 3.1.1"), int(client::MqttVersion::V311));
    m_username->setPlaceholderText(tr("none"));
    m_password->setEchoMode(QLineEdit::Password);
    m_password->setPlaceholderText(tr("none (kept in the keychain, never in settings)"));
    m_passwordNote->setWordWrap(true);
    m_passwordNote->setStyleSheet(u"color: #8a5a00;"_s);
    m_passwordNote->hide();
    m_keepAlive->setRange(0, 65535);
    m_keepAlive->setSuffix(tr(" s"));
    m_keepAlive->setSpecialValueText(tr("Off"));
    m_sessionExpiry->setRange(kSessionNeverExpires, std::numeric_limits<int>::max());
    m_sessionExpiry->setSpecialValueText(tr("Never expires"));
    m_sessionExpiry->setSuffix(tr(" s"));
    m_sessionExpiry->setToolTip(tr("0: the session ends when the connection closes"));
    m_testButton->setAutoDefault(false);
    m_verdict->setWordWrap(true);
    m_verdict->setTextInteractionFlags(Qt::TextSelectableByMouse);

    auto* hostRow = new QHBoxLayout;
    hostRow->addWidget(m_host, 1);
    hostRow->addWidget(new QLabel(tr("Port:"), this));
    hostRow->addWidget(m_port);

    auto* sessionRow = new QHBoxLayout;
    sessionRow->addWidget(m_cleanStart);
    sessionRow->addSpacing(12);
    sessionRow->addWidget(new QLabel(tr("Session expiry:"), this));
    sessionRow->addWidget(m_sessionExpiry, 1);

    auto* form = new QFormLayout;
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Host:"), hostRow);
    form->addRow(tr("Protocol:"), m_version);
    form->addRow(tr("Client id:"), m_clientId);
    form->addRow(tr("Username:"), m_username);
    form->addRow(tr("Password:"), m_password);
    form->addRow(QString(), m_passwordNote);
    form->addRow(tr("Keep alive:"), m_keepAlive);
    form->addRow(tr("Session:"), sessionRow);

    auto* testRow = new QHBoxLayout;
    testRow->addWidget(m_testButton, 0, Qt::AlignTop);
    testRow->addWidget(m_verdict, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(form);
    layout->addWidget(m_tls);
    layout->addLayout(testRow);
    layout->addStretch();

    for (QLineEdit* edit : {m_name, m_host, m_clientId, m_username})
        connect(edit, &QLineEdit::textEdited, this, &ProfileEditor::markEdited);
    connect(m_password, &QLineEdit::textEdited, this, [this] {
        m_passwordTyped = true;
        markEdited();
    });
    for (QSpinBox* spin : {m_port, m_keepAlive, m_sessionExpiry})
        connect(spin, &QSpinBox::valueChanged, this, &ProfileEditor::markEdited);
    connect(m_cleanStart, &QCheckBox::toggled, this, &ProfileEditor::markEdited);
    connect(m_version, &QComboBox::currentIndexChanged, this, [this] {
        updateVersionDependentFields();
        markEdited();
    });
    connect(m_tls, &TlsSettingsBox::edited, this, &ProfileEditor::markEdited);
    connect(m_tls, &TlsSettingsBox::enabledChanged, this, &ProfileEditor::onTlsToggled);
    connect(m_testButton, &QPushButton::clicked, this, &ProfileEditor::testConnection);
    connect(&m_tester, &client::ConnectionTester::finished, this, &ProfileEditor::showVerdict);

    setProfile({});
}

client::ConnectionProfile ProfileEditor::profile() const
{
    client::ConnectionProfile profile = m_loaded;
    profile.name = m_name->text().trimmed();
    profile.host = m_host->text().trimmed();
    profile.port = quint16(m_port->value());
    profile.clientId = m_clientId->text().trimmed();
    profile.version = client::MqttVersion(m_version->currentData().toInt());
    profile.username = m_username->text();
    profile.password = m_password->text();
    profile.tls = m_tls->settings();
    profile.keepAliveSeconds = m_keepAlive->value();
    profile.cleanStart = m_cleanStart->isChecked();
    profile.sessionExpirySeconds = m_sessionExpiry->value() == kSessionNeverExpires
                                       ? std::numeric_limits<quint32>::max()
                                       : quint32(m_sessionExpiry->value());
    return profile;
}

void ProfileEditor::setProfile(const client::ConnectionProfile& profile)
{
    m_filling = true;
    m_loaded = profile;
    m_passwordTyped = false;
    m_name->setText(profile.name);
    m_host->setText(profile.host);
    m_port->setValue(profile.port);
    m_clientId->setText(profile.clientId);
    m_version->setCurrentIndex(m_version->findData(int(profile.version)));
    m_username->setText(profile.username);
    m_password->setText(profile.password);
    m_tls->setSettings(profile.tls);
    m_keepAlive->setValue(profile.keepAliveSeconds);
    m_cleanStart->setChecked(profile.cleanStart);
    m_sessionExpiry->setValue(profile.sessionExpirySeconds == std::numeric_limits<quint32>::max()
                                  ? kSessionNeverExpires
                                  : int(qMin<quint32>(profile.sessionExpirySeconds,
                                                      quint32(m_sessionExpiry->maximum()))));
    updateVersionDependentFields();
    setPasswordNote({});
    m_verdict->clear();
    m_filling = false;
}

void ProfileEditor::setPassword(const QString& password)
{
    if (m_passwordTyped)
        return;
    m_filling = true;
    m_password->setText(password);
    m_filling = false;
}

void ProfileEditor::setPasswordNote(const QString& note)
{
    m_passwordNote->setText(note);
    m_passwordNote->setVisible(!note.isEmpty());
}

void ProfileEditor::setReadOnly(bool readOnly)
{
    m_readOnly = readOnly;
    for (QWidget* field : std::initializer_list<QWidget*>{
             m_name, m_host, m_port, m_clientId, m_version, m_username, m_password, m_keepAlive,
             m_cleanStart, m_sessionExpiry})
        field->setEnabled(!readOnly);
    m_tls->setReadOnly(readOnly);
    if (!readOnly)
        updateVersionDependentFields();
}

QString ProfileEditor::problem() const
{
    if (m_loaded.embedded)
        return {};
    if (m_host->text().trimmed().isEmpty())
        return tr("Enter the broker's host name or address.");
    return m_tls->problem();
}

void ProfileEditor::testConnection()
{
    if (const QString why = problem(); !why.isEmpty()) {
        showVerdict({false, -1, why, 0});
        return;
    }
    m_testButton->setEnabled(false);
    m_verdict->setStyleSheet(QString());
    m_verdict->setText(tr("Testing %1…").arg(profile().serverUri()));
    m_tester.test(profile());
}

void ProfileEditor::showVerdict(const client::ConnectionVerdict& verdict)
{
    m_testButton->setEnabled(true);
    QString text = verdict.text;
    if (verdict.reasonCode > 0) {
        const bool v311 = profile().version == client::MqttVersion::V311;
        const QString code = connackCodeText(verdict.reasonCode, v311);
        const QString codeOnly = code.mid(code.lastIndexOf(u'('));
        if (!text.contains(codeOnly, Qt::CaseInsensitive))
            text += QStringLiteral(" — ") + code;
    }
    m_verdict->setText((verdict.ok ? u"✔ "_s : u"✘ "_s) + text);
    m_verdict->setStyleSheet(verdict.ok ? u"color: #1b6e20;"_s : u"color: #b00020; font-weight: bold;"_s);
    emit testFinished(verdict);
}

void ProfileEditor::updateVersionDependentFields()
{
    const bool v5 = m_version->currentData().toInt() == int(client::MqttVersion::V5);
    m_cleanStart->setText(v5 ? tr("Clean start") : tr("Clean session"));
    m_sessionExpiry->setEnabled(v5 && !m_readOnly);
    m_sessionExpiry->setToolTip(v5 ? tr("0: the session ends when the connection closes")
                                   : tr("MQTT 3.1.1 has no session expiry"));
}

void ProfileEditor::onTlsToggled(bool enabled)
{
    // Follow the usual ports when the user has not picked another one.
    if (enabled && m_port->value() == kMqttPort)
        m_port->setValue(kMqttsPort);
    else if (!enabled && m_port->value() == kMqttsPort)
        m_port->setValue(kMqttPort);
}

void ProfileEditor::markEdited()
{
    if (!m_filling)
        emit edited();
}

} // namespace bs::ui
