// Consumer groups with real clients (issue 5): paho-mqtt-cpp consumers in one durable group
// of our daemon (with a data directory) share the load — each message once, to one of
// them, round robin — and the messages a member had in flight when it was killed go to
// the other members, with DUP set (MQTT 5 §4.8.2).

#include "PahoTestClient.h"

#include "peers/BrokerProcess.h"
#include "raw/Expect.h"

#include <QSet>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using bs::interop::PahoTestClient;
using bs::peers::BrokerOptions;
using bs::peers::BrokerProcess;
using bs::peers::ServerKind;

class GroupsPaho : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        QVERIFY(m_dataDir.isValid());
        BrokerOptions options;
        options.dataDirectory = m_dataDir.path();
        m_daemon = BrokerProcess::create(ServerKind::Brokerscope, options);
        QVERIFY2(m_daemon->start(), qPrintable(m_daemon->errorString()));
    }
    void cleanupTestCase()
    {
        if (m_daemon)
            QVERIFY(m_daemon->stop());
    }

    void consumersShareTheLoad()
    {
        PahoTestClient a(*m_daemon, u"worker-a"_s), b(*m_daemon, u"worker-b"_s), c(*m_daemon, u"worker-c"_s);
        PahoTestClient producer(*m_daemon, u"producer"_s);
        const QString connected = PahoTestClient::connectAll({&a, &b, &c, &producer});
        QVERIFY2(connected.isEmpty(), qPrintable(connected));
        for (PahoTestClient* worker : {&a, &b, &c}) {
            const QString subscribed = worker->subscribe("$share/work/jobs/#", 1);
            QVERIFY2(subscribed.isEmpty(), qPrintable(subscribed));
        }
        constexpr int kJobs = 300;
        for (int i = 0; i < kJobs; ++i) {
            const QString sent = producer.publish(mqtt::message::create("jobs/" + std::to_string(i % 3),
                                                                        "job-" + std::to_string(i), 1, false));
            QVERIFY2(sent.isEmpty(), qPrintable(sent));
        }
        QTRY_COMPARE_WITH_TIMEOUT(a.messageCount() + b.messageCount() + c.messageCount(), std::size_t(kJobs), 10000);
        QSet<QString> seen;
        for (PahoTestClient* worker : {&a, &b, &c}) {
            // Round robin among members with room: a fair share each, not all to one.
            QVERIFY2(worker->messageCount() >= kJobs / 6, qPrintable(QString::number(worker->messageCount())));
            for (const auto& message : worker->messages()) {
                const QString payload = QString::fromStdString(message->get_payload_str());
                QVERIFY2(!seen.contains(payload), qPrintable(payload + u" delivered twice"_s));
                seen.insert(payload);
            }
        }
        QCOMPARE(seen.size(), kJobs);
    }

    void killedMembersMessagesGoToTheOthers()
    {
        using namespace bs::raw;
        // A member that takes 5 messages and dies before acknowledging any.
        RawClient doomed(m_daemon->port());
        ConnectOptions options{.clientId = "doomed"_ba};
        options.properties.add(prop::ReceiveMaximum, 5);
        BS_CALL(connectClient(doomed, options));
        BS_CALL(subscribe(doomed, "$share/billing/invoices"_ba, subscriptionOptions(1)));
        PahoTestClient producer(*m_daemon, u"biller"_s);
        QVERIFY(producer.connect().isEmpty());
        for (int i = 0; i < 5; ++i)
            QVERIFY(producer.publish(mqtt::message::create("invoices", "invoice-" + std::to_string(i), 1, false)).isEmpty());
        for (int i = 0; i < 5; ++i)
            BS_CALL(expectPacket(doomed, PacketType::Publish));

        PahoTestClient survivor(*m_daemon, u"survivor"_s);
        QVERIFY(survivor.connect().isEmpty());
        QVERIFY(survivor.subscribe("$share/billing/invoices", 1).isEmpty());
        QVERIFY(!survivor.waitForMessages(1, std::chrono::milliseconds(0))); // all 5 are in flight elsewhere
        doomed.abort(); // killed: no DISCONNECT, nothing acknowledged
        QVERIFY(survivor.waitForMessages(5));
        QSet<QString> payloads;
        for (const auto& message : survivor.messages()) {
            QVERIFY2(message->is_duplicate(), "a redelivery carries DUP (§4.8.2)");
            payloads.insert(QString::fromStdString(message->get_payload_str()));
        }
        QCOMPARE(payloads.size(), 5);
    }

private:
    QTemporaryDir m_dataDir;
    std::unique_ptr<BrokerProcess> m_daemon;
};

QTEST_GUILESS_MAIN(GroupsPaho)
#include "tst_groups_paho.moc"
