// Topic names, topic filters and shared-subscription parsing (MQTT 5 §4.7, §4.8.2).
#include "broker/protocol/Topic.h"

#include <QTest>

using namespace bs::mqtt;

class TopicTest : public QObject
{
    Q_OBJECT
private slots:
    void topicNameValidity_data()
    {
        QTest::addColumn<QString>("name");
        QTest::addColumn<bool>("valid");
        QTest::newRow("plain") << QStringLiteral("a/b/c") << true;
        QTest::newRow("leading slash") << QStringLiteral("/a") << true;     // §4.7.1.1
        QTest::newRow("empty levels") << QStringLiteral("a//b") << true;
        QTest::newRow("dollar") << QStringLiteral("$SYS/x") << true;
        QTest::newRow("empty") << QString() << false;                      // §4.7.3
        QTest::newRow("plus") << QStringLiteral("a/+/b") << false;        // MQTT-3.3.2-2
        QTest::newRow("hash") << QStringLiteral("a/#") << false;
    }
    void topicNameValidity()
    {
        QFETCH(QString, name);
        QFETCH(bool, valid);
        QCOMPARE(TopicName(name).isValid(), valid);
    }

    void filterValidity_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<bool>("valid");
        QTest::newRow("hash alone") << QStringLiteral("#") << true;
        QTest::newRow("hash last") << QStringLiteral("a/#") << true;
        QTest::newRow("plus alone") << QStringLiteral("+") << true;
        QTest::newRow("plus levels") << QStringLiteral("+/a/+") << true;
        QTest::newRow("hash middle") << QStringLiteral("a/#/b") << false; // MQTT-4.7.1-1
        QTest::newRow("hash glued") << QStringLiteral("a#") << false;
        QTest::newRow("plus glued") << QStringLiteral("a+/b") << false;   // MQTT-4.7.1-2
        QTest::newRow("empty") << QString() << false;                    // MQTT-4.7.3-1
    }
    void filterValidity()
    {
        QFETCH(QString, filter);
        QFETCH(bool, valid);
        QCOMPARE(TopicFilter(filter).isValid(), valid);
    }

    void match_data()
    {
        QTest::addColumn<QString>("filter");
        QTest::addColumn<QString>("topic");
        QTest::addColumn<bool>("matches");
        // §4.7.1.2 examples
        QTest::newRow("hash all below") << QStringLiteral("sport/tennis/player1/#") << QStringLiteral("sport/tennis/player1/ranking/wimbledon") << true;
        QTest::newRow("hash parent") << QStringLiteral("sport/#") << QStringLiteral("sport") << true;
        QTest::newRow("plus one level") << QStringLiteral("sport/tennis/+") << QStringLiteral("sport/tennis/player1") << true;
        QTest::newRow("plus not two") << QStringLiteral("sport/tennis/+") << QStringLiteral("sport/tennis/player1/ranking") << false;
        QTest::newRow("plus empty level") << QStringLiteral("sport/+") << QStringLiteral("sport/") << true;
        QTest::newRow("plus not parent") << QStringLiteral("sport/+") << QStringLiteral("sport") << false;
        QTest::newRow("leading slash plus") << QStringLiteral("+/+") << QStringLiteral("/finance") << true;
        QTest::newRow("leading slash single") << QStringLiteral("/+") << QStringLiteral("/finance") << true;
        QTest::newRow("plus vs leading slash") << QStringLiteral("+") << QStringLiteral("/finance") << false;
        QTest::newRow("exact") << QStringLiteral("a/b") << QStringLiteral("a/b") << true;
        QTest::newRow("case sensitive") << QStringLiteral("a/B") << QStringLiteral("a/b") << false;
        // §4.7.2: $-topics and first-level wildcards
        QTest::newRow("hash no dollar") << QStringLiteral("#") << QStringLiteral("$SYS/x") << false;
        QTest::newRow("plus no dollar") << QStringLiteral("+/monitor/Clients") << QStringLiteral("$SYS/monitor/Clients") << false;
        QTest::newRow("dollar explicit hash") << QStringLiteral("$SYS/#") << QStringLiteral("$SYS/monitor/Clients") << true;
        QTest::newRow("dollar explicit plus") << QStringLiteral("$SYS/monitor/+") << QStringLiteral("$SYS/monitor/Clients") << true;
    }
    void match()
    {
        QFETCH(QString, filter);
        QFETCH(QString, topic);
        QFETCH(bool, matches);
        QCOMPARE(TopicFilter(filter).match(TopicName(topic)), matches);
    }

    void sharedFilters()
    {
        auto plain = parseSubscriptionFilter(QStringLiteral("a/+"));
        QVERIFY(plain && !plain->isShared());
        auto shared = parseSubscriptionFilter(QStringLiteral("$share/payment/orders/#"));
        QVERIFY(shared && shared->isShared());
        QCOMPARE(shared->group, QStringLiteral("payment"));
        QCOMPARE(shared->filter.toString(), QStringLiteral("orders/#"));
        // §4.8.2: the ShareName is at least one character, without wildcards, and a filter follows.
        QVERIFY(!parseSubscriptionFilter(QStringLiteral("$share//a")));
        QVERIFY(!parseSubscriptionFilter(QStringLiteral("$share/g+/a")));
        QVERIFY(!parseSubscriptionFilter(QStringLiteral("$share/g")));
        QVERIFY(!parseSubscriptionFilter(QStringLiteral("$share/g/")));
    }
};

QTEST_GUILESS_MAIN(TopicTest)
#include "tst_topic.moc"
