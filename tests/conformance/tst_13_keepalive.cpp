// Conformance 13 — keep alive (§3.1.2.10, §3.12, v5 §3.2.2.3.14): a silent client is
// disconnected after 1.5 × Keep Alive (v5: DISCONNECT 0x8D Keep Alive timeout), any packet
// keeps the connection open, the will is published on a keep-alive timeout, and a Server Keep
// Alive lower than the client's value is the one enforced.

#include "raw/Expect.h"

#include <QElapsedTimer>
#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

class KeepAlive : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        m_broker = std::make_unique<TargetBroker>();
        BS_CALL(startBroker(*m_broker));
    }
    void cleanup() { m_broker.reset(); }

    // MQTT-3.1.2-22 (v3.1.1 MQTT-3.1.2-24): no packet within 1.5 × Keep Alive → disconnect;
    // v5 §3.14.2.1: DISCONNECT 0x8D first.
    void silentClientDisconnected_data() { addVersionRows(); }
    void silentClientDisconnected()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, {.clientId = "silent"_ba, .keepAlive = 1}));
        QElapsedTimer elapsed;
        elapsed.start();
        // Mosquitto 2.0.11 checks keep alive only every ~5 s and closes without DISCONNECT.
        BS_CALL(expectDisconnect(client, 0x8D, m_broker->isMosquitto(), timeoutMs()));
        if (!m_broker->isMosquitto())
            QVERIFY2(elapsed.elapsed() >= 1400 && elapsed.elapsed() <= 2500,
                     qPrintable(u"disconnected after %1 ms, expected about 1500"_s.arg(elapsed.elapsed())));
    }

    // §3.1.2.10: any control packet (PINGREQ or PUBLISH) within the keep alive period keeps
    // the connection open, well beyond 1.5 × Keep Alive.
    void trafficKeepsConnectionOpen_data() { addVersionRows(); }
    void trafficKeepsConnectionOpen()
    {
        QFETCH(int, version);
        RawClient client(port(), version);
        BS_CALL(connectClient(client, {.clientId = "chatty"_ba, .keepAlive = 1}));
        BS_CALL(subscribe(client, "ka/echo"_ba, subscriptionOptions(0)));
        QElapsedTimer elapsed;
        elapsed.start();
        const qint64 total = m_broker->isMosquitto() ? 7000 : 3000;
        for (int round = 0; elapsed.elapsed() < total; ++round) {
            if (round % 2 == 0) {
                BS_CALL(sync(client));
            } else {
                BS_CALL(publish(client, {.topic = "ka/echo"_ba, .payload = QByteArray::number(round)}));
                BS_CALL(expectPublish(client, "ka/echo"_ba, QByteArray::number(round), 0));
            }
            // Within the keep alive, nothing comes from the broker and it keeps the connection.
            const auto unexpected = client.readPacket(700);
            QVERIFY2(!unexpected, qPrintable(unexpected ? unexpected->describe() : QString()));
            QVERIFY2(client.isConnected(), qPrintable(u"closed after %1 ms of regular traffic"_s.arg(elapsed.elapsed())));
        }
    }

    // MQTT-3.1.2-8: a keep-alive timeout is an abnormal close: the will is published.
    void willOnTimeout_data() { addVersionRows(); }
    void willOnTimeout()
    {
        QFETCH(int, version);
        RawClient watcher(port(), version);
        BS_CALL(connectClient(watcher, "ka-watcher"_ba));
        BS_CALL(subscribe(watcher, "ka/will"_ba, subscriptionOptions(0)));
        RawClient silent(port(), version);
        BS_CALL(connectClient(silent, {.clientId = "ka-silent"_ba, .keepAlive = 1,
                                       .will = Will{.topic = "ka/will"_ba, .payload = "timed out"_ba}}));
        QVERIFY(silent.waitClosed(timeoutMs()));
        // The watcher kept talking (QoS 0 subscription, PINGREQ every round) meanwhile.
        BS_CALL(expectPublish(watcher, "ka/will"_ba, "timed out"_ba, 0));
    }

    // v5 §3.2.2.3.14 / MQTT-3.2.2-21: with a Server Keep Alive the broker enforces that value.
    void serverKeepAliveEnforced()
    {
        if (m_broker->isMosquitto())
            QSKIP("Mosquitto's max_keepalive cannot be set below 10 s");
        bs::broker::BrokerConfig config;
        config.maxKeepAlive = 1;
        TargetBroker broker(config);
        BS_CALL(startBroker(broker));
        RawClient client(broker.port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(client, {.clientId = "told"_ba, .keepAlive = 60}, &connack));
        QCOMPARE(connack.properties.number(prop::ServerKeepAlive), std::optional<quint32>(1));
        QElapsedTimer elapsed;
        elapsed.start();
        BS_CALL(expectDisconnect(client, 0x8D, false, timeoutMs()));
        QVERIFY2(elapsed.elapsed() <= 2500, qPrintable(u"disconnected after %1 ms"_s.arg(elapsed.elapsed())));
    }

private:
    int timeoutMs() const { return m_broker->isMosquitto() ? 10000 : 4000; }
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
};

QTEST_GUILESS_MAIN(KeepAlive)
#include "tst_13_keepalive.moc"
