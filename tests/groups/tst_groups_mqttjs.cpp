// A negative acknowledgement from a real client: mqtt.js (npm "mqtt" 5.x) answers
// PUBACK 0x80 through its customHandleAcks option; our daemon (with a data directory, so
// the shared subscription is a durable consumer group) dead-letters the message at once to
// $DLQ/<group>/<topic> with reason "rejected" and the reason code (issue 5).

#include "peers/BrokerProcess.h"
#include "peers/NodeScripts.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::peers;

class GroupsMqttJs : public QObject
{
    Q_OBJECT

private slots:
    void initTestCase()
    {
        const QString problem = m_scripts.setupProblem({u"mqtt"_s});
        if (!problem.isEmpty())
            QFAIL(qPrintable(problem + u" (from the repository root: npm ci --prefix tests/interop/node)"_s));
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

    void negativePubackDeadLettersAtOnce()
    {
        const NodeScriptResult result = m_scripts.run(u"groups.mjs"_s,
                                                      {m_daemon->mqttUrl(), u"billing"_s, u"js/orders"_s});
        QVERIFY2(result.ok, qPrintable(result.details));
        // Handed to the consumer once; its 0x80 means it is not given to anyone else.
        QCOMPARE(result.output.value(u"nacked"_s).toArray().size(), 1);
        const QJsonArray letters = result.output.value(u"deadLetters"_s).toArray();
        QCOMPARE(letters.size(), 1);
        const QJsonObject letter = letters.first().toObject();
        QCOMPARE(letter.value(u"topic"_s).toString(), u"$DLQ/billing/js/orders"_s);
        QCOMPARE(letter.value(u"payload"_s).toString(), u"cannot process me"_s);
        const QJsonObject properties = letter.value(u"userProperties"_s).toObject();
        QCOMPARE(properties.value(u"dlq-reason"_s).toString(), u"rejected"_s);
        QCOMPARE(properties.value(u"dlq-reason-code"_s).toString(), u"0x80"_s);
        QCOMPARE(properties.value(u"dlq-group"_s).toString(), u"billing"_s);
        QCOMPARE(properties.value(u"dlq-original-topic"_s).toString(), u"js/orders"_s);
        QCOMPARE(properties.value(u"dlq-delivery-count"_s).toString(), u"1"_s);
        QVERIFY(properties.value(u"dlq-member"_s).toString().startsWith(u"consumer-"_s));
    }

private:
    NodeScripts m_scripts{QStringLiteral(BS_INTEROP_NODE_DIR)};
    QTemporaryDir m_dataDir;
    std::unique_ptr<BrokerProcess> m_daemon;
};

QTEST_GUILESS_MAIN(GroupsMqttJs)
#include "tst_groups_mqttjs.moc"
