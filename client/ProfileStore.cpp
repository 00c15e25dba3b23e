#include "client/ProfileStore.h"

#include "client/ProfileSettings.h"

#include <qt6keychain/keychain.h>

#include <QHash>
#include <QSettings>
#include <QUuid>
#include <algorithm>

using namespace Qt::StringLiterals;

namespace bs::client {

// Profiles live in QSettings (read back on every call, so two stores on one file agree).
// Passwords go to the keychain only; the insecure plain-text fallback of QtKeychain stays
// off. Passwords known in this session (saved, or loaded from the keychain) are kept in
// memory, so that a desktop without a keychain still works for the session: the keychain
// job fails, keychainError() says so, and the password is never written anywhere.
struct ProfileStore::Private
{
    std::unique_ptr<QSettings> settings;
    QString service;
    QHash<QString, QString> sessionPasswords;
};

namespace {

void configure(QKeychain::Job* job, const QString& id)
{
    job->setAutoDelete(true);
    job->setInsecureFallback(false);
    job->setKey(id);
}

QString keychainProblem(QKeychain::Job* job)
{
    const QString why = job->error() == QKeychain::NoBackendAvailable
                            ? u"No keychain is available on this desktop"_s
                            : u"Could not use the desktop keychain ("_s + job->errorString() + u')';
    return why + u"; the password is kept for this session only"_s;
}

} // namespace

ProfileStore::ProfileStore(std::unique_ptr<QSettings> settings, QString keychainService,
                           QObject* parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->settings = std::move(settings);
    d->service = std::move(keychainService);
}

ProfileStore::~ProfileStore() = default;

QList<ConnectionProfile> ProfileStore::profiles() const
{
    QList<ConnectionProfile> result;
    for (const QString& id : storedProfileIds(*d->settings)) {
        ConnectionProfile profile = readProfile(*d->settings, id);
        profile.password = d->sessionPasswords.value(id);
        result.append(profile);
    }
    std::stable_sort(result.begin(), result.end(), [](const auto& a, const auto& b) {
        return a.displayName().compare(b.displayName(), Qt::CaseInsensitive) < 0;
    });
    return result;
}

std::optional<ConnectionProfile> ProfileStore::profile(const QString& id) const
{
    if (id.isEmpty() || !storedProfileIds(*d->settings).contains(id))
        return std::nullopt;
    ConnectionProfile profile = readProfile(*d->settings, id);
    profile.password = d->sessionPasswords.value(id);
    return profile;
}

QString ProfileStore::save(ConnectionProfile profile)
{
    if (profile.id.isEmpty())
        profile.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    const QString id = profile.id;
    writeProfile(*d->settings, profile); // no password in there
    d->settings->sync();

    if (profile.password.isEmpty()) {
        d->sessionPasswords.remove(id);
        auto* job = new QKeychain::DeletePasswordJob(d->service, this);
        configure(job, id);
        job->start(); // nothing stored is fine: there is nothing to report
    } else {
        d->sessionPasswords.insert(id, profile.password);
        auto* job = new QKeychain::WritePasswordJob(d->service, this);
        configure(job, id);
        job->setTextData(profile.password);
        connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job* finished) {
            if (finished->error() != QKeychain::NoError)
                emit keychainError(id, keychainProblem(finished));
        });
        job->start();
    }
    emit profilesChanged();
    return id;
}

void ProfileStore::remove(const QString& id)
{
    removeProfile(*d->settings, id);
    d->settings->sync();
    d->sessionPasswords.remove(id);
    auto* job = new QKeychain::DeletePasswordJob(d->service, this);
    configure(job, id);
    job->start();
    emit profilesChanged();
}

void ProfileStore::loadPassword(const QString& id)
{
    auto* job = new QKeychain::ReadPasswordJob(d->service, this);
    configure(job, id);
    connect(job, &QKeychain::Job::finished, this, [this, id](QKeychain::Job* finished) {
        const auto* read = static_cast<QKeychain::ReadPasswordJob*>(finished);
        switch (finished->error()) {
        case QKeychain::NoError:
            d->sessionPasswords.insert(id, read->textData());
            emit passwordLoaded(id, read->textData());
            return;
        case QKeychain::EntryNotFound:
            // Nothing in the keychain; a password saved this session may still be known.
            emit passwordLoaded(id, d->sessionPasswords.value(id));
            return;
        default:
            if (d->sessionPasswords.contains(id))
                emit passwordLoaded(id, d->sessionPasswords.value(id));
            else
                emit keychainError(id, keychainProblem(finished));
            return;
        }
    });
    job->start();
}

} // namespace bs::client
