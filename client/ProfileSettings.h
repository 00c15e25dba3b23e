#pragma once
// How a ConnectionProfile is laid out in QSettings: one group per profile under
// "profiles/<id>", one key per field. The password is never among them.

#include "client/ConnectionProfile.h"

#include <QStringList>

class QSettings;

namespace bs::client {

void writeProfile(QSettings& settings, const ConnectionProfile& profile);
/// The profile stored under id, without a password.
ConnectionProfile readProfile(QSettings& settings, const QString& id);
QStringList storedProfileIds(QSettings& settings);
void removeProfile(QSettings& settings, const QString& id);

} // namespace bs::client
