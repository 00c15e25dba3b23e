#include "client/ConnectionTester.h"

#include "client/PahoMqttClient.h"

#include <QElapsedTimer>
#include <QPointer>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace bs::client {

// One PahoMqttClient without automatic reconnect per test. Its first Connected or
// Disconnected decides the verdict; a timer guarantees one within the timeout. The client is
// then deleted, which hands its paho handle to the background retirement (DISCONNECT), so
// nothing here waits for the network.
struct ConnectionTester::Private
{
    QPointer<PahoMqttClient> client;
    QTimer* deadline = nullptr;
    QElapsedTimer clock;
    ConnectionProfile profile;
};

ConnectionTester::ConnectionTester(QObject* parent)
    : QObject(parent), d(std::make_unique<Private>())
{
    d->deadline = new QTimer(this);
    d->deadline->setSingleShot(true);
    d->deadline->setTimerType(Qt::PreciseTimer); // a coarse timer may fire 5 % early
    connect(d->deadline, &QTimer::timeout, this, [this] {
        ConnectionVerdict verdict;
        verdict.text = u"No answer from %1:%2 within %3 s"_s.arg(d->profile.host)
                           .arg(d->profile.port)
                           .arg(double(d->clock.elapsed()) / 1000.0, 0, 'f', 1);
        verdict.elapsedMs = d->clock.elapsed();
        delete d->client;
        emit finished(verdict);
    });
}

ConnectionTester::~ConnectionTester()
{
    delete d->client;
}

void ConnectionTester::test(const ConnectionProfile& profile, int timeoutMs)
{
    delete d->client; // abandon a running test
    d->profile = profile;
    d->clock.start();
    d->deadline->start(timeoutMs);

    auto* client = new PahoMqttClient(this);
    d->client = client;
    client->setAutomaticReconnect(false);
    client->setConnectTimeoutMs(timeoutMs);
    connect(client, &MqttClient::stateChanged, this,
            [this, client](ConnectionState state, const QString& detail) {
                if (state != ConnectionState::Connected && state != ConnectionState::Disconnected)
                    return;
                ConnectionVerdict verdict;
                verdict.elapsedMs = d->clock.elapsed();
                verdict.ok = state == ConnectionState::Connected;
                if (verdict.ok) {
                    verdict.reasonCode = 0;
                    verdict.text =
                        u"Connected to %1:%2 with MQTT %3 in %4 ms"_s.arg(d->profile.host)
                            .arg(d->profile.port)
                            .arg(d->profile.version == MqttVersion::V5 ? u"5"_s : u"3.1.1"_s)
                            .arg(verdict.elapsedMs);
                } else {
                    verdict.reasonCode = client->lastConnackCode();
                    verdict.text =
                        verdict.reasonCode >= 0 ? detail : u"Cannot connect: "_s + detail;
                }
                d->deadline->stop();
                client->disconnect(this);
                client->deleteLater();
                d->client = nullptr;
                emit finished(verdict);
            });
    client->connectToBroker(profile);
}

} // namespace bs::client
