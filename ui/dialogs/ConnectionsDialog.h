#pragma once
// "Connections": the embedded broker (a fixed first row) and the saved remote profiles of a
// ProfileStore; add, duplicate, delete, edit (ProfileEditor on the right) and Connect.
//
// Edits are saved with Save, when another row is selected, and before Connect, so nothing
// typed is lost. Passwords are asked from the keychain (ProfileStore::loadPassword) when a
// profile is shown and remembered for this dialog only. Delete asks first (non-modal).
// Connect (or a double click) emits connectRequested() with the password and closes the
// dialog with accept().

#include "client/ConnectionProfile.h"

#include <QDialog>
#include <QHash>
#include <optional>

class QLabel;
class QListWidget;
class QListWidgetItem;
class QPushButton;

namespace bs::client {
class ProfileStore;
}

namespace bs::ui {

class ProfileEditor;

class ConnectionsDialog : public QDialog
{
    Q_OBJECT
public:
    explicit ConnectionsDialog(client::ProfileStore& store, QWidget* parent = nullptr);

    /// The first row. Default: "Embedded broker" on 127.0.0.1, embedded = true.
    void setEmbeddedProfile(const client::ConnectionProfile& profile);
    /// Selects a saved profile by id; an empty or unknown id selects the embedded broker.
    void selectProfile(const QString& id);
    /// What the editor shows now (with the password, when known).
    client::ConnectionProfile currentProfile() const;
    ProfileEditor* editor() const { return m_editor; }

public slots:
    /// Saves the edited remote profile; returns its id (empty when nothing was saved).
    QString saveCurrent();
    void addProfile();
    void duplicateCurrent();
    /// Asks, then deletes the selected remote profile.
    void deleteCurrent();
    void connectToCurrent();

signals:
    void connectRequested(const bs::client::ConnectionProfile& profile);

private:
    void rebuildList(const QString& selectId);
    void showSelected();
    QString selectedId() const;
    bool isEmbeddedSelected() const;
    void setDirty(bool dirty);
    void showStatus(const QString& text, bool warning);

    client::ProfileStore& m_store;
    client::ConnectionProfile m_embedded;
    QHash<QString, QString> m_passwords; // by profile id, as the keychain answered
    std::optional<QString> m_shownId;    // the profile in the editor ("" = embedded)
    bool m_dirty = false;
    bool m_rebuilding = false;

    QListWidget* m_list;
    QPushButton* m_add;
    QPushButton* m_duplicate;
    QPushButton* m_delete;
    ProfileEditor* m_editor;
    QPushButton* m_save;
    QPushButton* m_revert;
    QLabel* m_status;
    QPushButton* m_connect;
    QPushButton* m_close;
};

} // namespace bs::ui
