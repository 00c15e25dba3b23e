#pragma once
// Edits one ConnectionProfile: name, host, port, client id, MQTT 3.1.1 or 5, username and
// password (always masked), TLS (TlsSettingsBox), keep alive, clean start and session
// expiry, plus "Test connection", which runs a ConnectionTester with what is on screen and
// shows the verdict with the broker's reason code.
//
// The password arrives later than the profile (ProfileStore reads it from the keychain
// asynchronously): setPassword() fills it unless the user has typed one meanwhile.
// edited() fires on user changes only, never when the editor is filled.

#include "client/ConnectionProfile.h"
#include "client/ConnectionTester.h"

#include <QWidget>

class QCheckBox;
class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QSpinBox;

namespace bs::ui {

class TlsSettingsBox;

class ProfileEditor : public QWidget
{
    Q_OBJECT
public:
    explicit ProfileEditor(QWidget* parent = nullptr);

    client::ConnectionProfile profile() const;
    /// Fills every field; the password field keeps profile.password (usually empty until
    /// the keychain answers).
    void setProfile(const client::ConnectionProfile& profile);
    /// The keychain's answer; ignored when the user already typed a password.
    void setPassword(const QString& password);
    /// A note under the password, e.g. a keychain error; empty hides it.
    void setPasswordNote(const QString& note);
    /// The embedded broker: shown, not editable (Test still works).
    void setReadOnly(bool readOnly);
    bool isReadOnly() const { return m_readOnly; }
    /// Why this profile cannot connect (no host, a TLS file missing), or empty.
    QString problem() const;

public slots:
    void testConnection();

signals:
    void edited();
    void testFinished(const bs::client::ConnectionVerdict& verdict);

private:
    void showVerdict(const client::ConnectionVerdict& verdict);
    void updateVersionDependentFields();
    void onTlsToggled(bool enabled);
    void markEdited();

    client::ConnectionProfile m_loaded; // id and embedded flag come from here
    client::ConnectionTester m_tester;
    bool m_filling = false;
    bool m_passwordTyped = false;
    bool m_readOnly = false;

    QLineEdit* m_name;
    QLineEdit* m_host;
    QSpinBox* m_port;
    QLineEdit* m_clientId;
    QComboBox* m_version;
    QLineEdit* m_username;
    QLineEdit* m_password;
    QLabel* m_passwordNote;
    TlsSettingsBox* m_tls;
    QSpinBox* m_keepAlive;
    QCheckBox* m_cleanStart;
    QSpinBox* m_sessionExpiry;
    QPushButton* m_testButton;
    QLabel* m_verdict;
};

} // namespace bs::ui
