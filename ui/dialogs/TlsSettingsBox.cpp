#include "ui/dialogs/TlsSettingsBox.h"

#include <QCheckBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QVBoxLayout>

namespace bs::ui {

using namespace Qt::StringLiterals;

TlsSettingsBox::TlsSettingsBox(QWidget* parent)
    : QWidget(parent)
    , m_group(new QGroupBox(tr("TLS"), this))
    , m_verifyPeer(new QCheckBox(tr("Verify the broker's certificate"), m_group))
    , m_warning(new QLabel(this))
{
    m_group->setObjectName(u"tlsGroup"_s);
    m_verifyPeer->setObjectName(u"verifyPeerCheck"_s);
    m_warning->setObjectName(u"tlsVerifyWarning"_s);
    m_group->setCheckable(true);

    const QString pem = tr("PEM files (*.pem *.crt *.cer *.key);;All files (*)");
    auto* form = new QFormLayout(m_group);
    m_caFile = addFileRow(form, tr("CA file:"), u"caFileEdit"_s, pem);
    m_certificateFile = addFileRow(form, tr("Client certificate:"), u"certificateFileEdit"_s, pem);
    m_privateKeyFile = addFileRow(form, tr("Private key:"), u"privateKeyFileEdit"_s, pem);
    m_caFile->setPlaceholderText(tr("system CA certificates"));
    m_certificateFile->setPlaceholderText(tr("none"));
    m_privateKeyFile->setPlaceholderText(tr("none"));
    form->addRow(QString(), m_verifyPeer);

    m_warning->setText(tr("⚠ Certificate verification is off: anyone on the network path can pose "
                          "as this broker and read or change the traffic."));
    m_warning->setWordWrap(true);
    m_warning->setStyleSheet(u"QLabel { background: #fdecea; color: #8a1c13; border: 1px solid "
                             "#e0a39d; border-radius: 3px; padding: 6px; font-weight: bold; }"_s);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_group);
    layout->addWidget(m_warning);

    connect(m_group, &QGroupBox::toggled, this, [this](bool on) {
        updateWarning();
        emit enabledChanged(on);
        emit edited();
    });
    connect(m_verifyPeer, &QCheckBox::toggled, this, [this] {
        updateWarning();
        emit edited();
    });
    setSettings({});
}

QLineEdit* TlsSettingsBox::addFileRow(QFormLayout* form, const QString& label,
                                      const QString& objectName, const QString& filter)
{
    auto* edit = new QLineEdit(m_group);
    edit->setObjectName(objectName);
    edit->setClearButtonEnabled(true);
    auto* browse = new QPushButton(tr("Browse…"), m_group);
    browse->setAutoDefault(false);
    auto* row = new QHBoxLayout;
    row->addWidget(edit, 1);
    row->addWidget(browse);
    form->addRow(label, row);

    connect(edit, &QLineEdit::textEdited, this, &TlsSettingsBox::edited);
    connect(browse, &QPushButton::clicked, this, [this, edit, label, filter] {
        auto* dialog = new QFileDialog(this, label, QFileInfo(edit->text()).absolutePath(), filter);
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->setFileMode(QFileDialog::ExistingFile);
        connect(dialog, &QFileDialog::fileSelected, this, [this, edit](const QString& file) {
            edit->setText(file);
            emit edited();
        });
        dialog->open();
    });
    return edit;
}

client::TlsSettings TlsSettingsBox::settings() const
{
    client::TlsSettings settings;
    settings.enabled = m_group->isChecked();
    settings.caFile = m_caFile->text().trimmed();
    settings.certificateFile = m_certificateFile->text().trimmed();
    settings.privateKeyFile = m_privateKeyFile->text().trimmed();
    settings.verifyPeer = m_verifyPeer->isChecked();
    return settings;
}

void TlsSettingsBox::setSettings(const client::TlsSettings& settings)
{
    const QSignalBlocker groupBlocker(m_group);
    const QSignalBlocker verifyBlocker(m_verifyPeer);
    m_group->setChecked(settings.enabled);
    m_caFile->setText(settings.caFile);
    m_certificateFile->setText(settings.certificateFile);
    m_privateKeyFile->setText(settings.privateKeyFile);
    m_verifyPeer->setChecked(settings.verifyPeer);
    updateWarning();
}

void TlsSettingsBox::setReadOnly(bool readOnly)
{
    m_group->setEnabled(!readOnly);
}

QString TlsSettingsBox::problem() const
{
    const client::TlsSettings current = settings();
    if (!current.enabled)
        return {};
    const std::pair<QString, QString> files[] = {
        {tr("CA file"), current.caFile},
        {tr("Client certificate"), current.certificateFile},
        {tr("Private key"), current.privateKeyFile},
    };
    for (const auto& [what, path] : files) {
        if (!path.isEmpty() && !QFileInfo(path).isFile())
            return tr("%1 not found: %2").arg(what, path);
    }
    if (current.certificateFile.isEmpty() != current.privateKeyFile.isEmpty())
        return tr("A client certificate needs its private key, and the other way round.");
    return {};
}

void TlsSettingsBox::updateWarning()
{
    m_warning->setVisible(m_group->isChecked() && !m_verifyPeer->isChecked());
}

} // namespace bs::ui
