#pragma once
// "Test connection": one short-lived connection with a profile, then a verdict a person
// can read, with the broker's reason code when it refused (e.g. "Refused: Not authorized
// (0x87)"), or the network error (e.g. "No broker at 127.0.0.1:1884: connection refused").

#include "client/ConnectionProfile.h"

#include <QObject>
#include <memory>

namespace bs::client {

struct ConnectionVerdict
{
    bool ok = false;
    int reasonCode = -1; ///< CONNACK reason / return code; -1 when no CONNACK came.
    QString text;        ///< One sentence for the user.
    qint64 elapsedMs = 0;
};

class ConnectionTester : public QObject
{
    Q_OBJECT
public:
    explicit ConnectionTester(QObject* parent = nullptr);
    ~ConnectionTester() override;

    /// Starts a test; a test already running is abandoned. finished() follows, within
    /// timeoutMs at the latest.
    void test(const ConnectionProfile& profile, int timeoutMs = 5000);

signals:
    void finished(const bs::client::ConnectionVerdict& verdict);

private:
    struct Private;
    std::unique_ptr<Private> d;
};

} // namespace bs::client
