#pragma once
// TLS part of the profile editor: a checkable group with the CA file, client certificate
// and private key (each with a non-modal Browse… file dialog) and "Verify the broker's
// certificate". While verification is off, a red warning stays visible under the group.

#include "client/ConnectionProfile.h"

#include <QWidget>

class QCheckBox;
class QFormLayout;
class QGroupBox;
class QLabel;
class QLineEdit;

namespace bs::ui {

class TlsSettingsBox : public QWidget
{
    Q_OBJECT
public:
    explicit TlsSettingsBox(QWidget* parent = nullptr);

    client::TlsSettings settings() const;
    void setSettings(const client::TlsSettings& settings);
    void setReadOnly(bool readOnly);
    /// Why the settings cannot work (a file that does not exist), or empty.
    QString problem() const;

signals:
    void edited();
    void enabledChanged(bool enabled);

private:
    QLineEdit* addFileRow(QFormLayout* form, const QString& label, const QString& objectName,
                          const QString& filter);
    void updateWarning();

    QGroupBox* m_group;
    QLineEdit* m_caFile = nullptr;
    QLineEdit* m_certificateFile = nullptr;
    QLineEdit* m_privateKeyFile = nullptr;
    QCheckBox* m_verifyPeer;
    QLabel* m_warning;
};

} // namespace bs::ui
