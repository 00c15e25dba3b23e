#pragma once
// Saved connection profiles. Everything but secrets goes to QSettings; the password goes
// to the desktop keychain through QtKeychain, never to the settings file. Keychain access
// is asynchronous: load() returns profiles without passwords at once and
// passwordLoaded() follows for each profile that has one stored.

#include "client/ConnectionProfile.h"

#include <QList>
#include <QObject>
#include <memory>
#include <optional>

class QSettings;

namespace bs::client {

class ProfileStore : public QObject
{
    Q_OBJECT
public:
    /// settings: where profiles live (the app's QSettings, or a temporary ini in tests).
    /// keychainService: the keychain service name ("brokerscope" in the app).
    ProfileStore(std::unique_ptr<QSettings> settings, QString keychainService,
                 QObject* parent = nullptr);
    ~ProfileStore() override;

    QList<ConnectionProfile> profiles() const;
    std::optional<ConnectionProfile> profile(const QString& id) const;
    /// Adds or replaces (by id; an empty id gets a new UUID) and writes the password to
    /// the keychain. Returns the stored profile's id.
    QString save(ConnectionProfile profile);
    void remove(const QString& id);
    /// Asks the keychain for a profile's password; passwordLoaded() or keychainError()
    /// follows.
    void loadPassword(const QString& id);

signals:
    void profilesChanged();
    void passwordLoaded(const QString& id, const QString& password);
    /// E.g. no keychain on this desktop: the password is kept for this session only.
    void keychainError(const QString& id, const QString& message);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bs::client
