// The subscription trie: overlapping plain subscriptions, shared groups, removal (§4.7, §4.8).
#include "broker/core/SubscriptionTree.h"

#include <QTest>

using namespace bs::broker;
using bs::mqtt::TopicName;
using bs::mqtt::parseSubscriptionFilter;

namespace {
QStringList clientsOf(const TopicMatches& matches)
{
    QStringList out;
    for (const SubscriberRef& ref : matches.subscribers)
        out.append(ref.clientId);
    out.sort();
    return out;
}
bs::mqtt::SharedFilter filter(const char* text)
{
    return *parseSubscriptionFilter(QString::fromUtf8(text));
}
} // namespace

class SubscriptionTreeTest : public QObject
{
    Q_OBJECT
private slots:
    void overlappingSubscriptionsEachMatch()
    {
        SubscriptionTree tree;
        tree.subscribe(QStringLiteral("c1"), filter("a/#"), {});
        tree.subscribe(QStringLiteral("c1"), filter("a/+"), {});
        tree.subscribe(QStringLiteral("c2"), filter("a/b"), {});
        tree.subscribe(QStringLiteral("c3"), filter("#"), {});
        QCOMPARE(clientsOf(tree.match(TopicName(QStringLiteral("a/b")))),
                 (QStringList{QStringLiteral("c1"), QStringLiteral("c1"), QStringLiteral("c2"), QStringLiteral("c3")}));
        QCOMPARE(clientsOf(tree.match(TopicName(QStringLiteral("a")))),
                 (QStringList{QStringLiteral("c1"), QStringLiteral("c3")})); // "a/#" matches its parent
        QCOMPARE(tree.count(), 4);
    }

    void dollarTopicsNeedExplicitFirstLevel()
    {
        SubscriptionTree tree;
        tree.subscribe(QStringLiteral("all"), filter("#"), {});
        tree.subscribe(QStringLiteral("plus"), filter("+/broker/uptime"), {});
        tree.subscribe(QStringLiteral("sys"), filter("$SYS/#"), {});
        QCOMPARE(clientsOf(tree.match(TopicName(QStringLiteral("$SYS/broker/uptime")))),
                 QStringList{QStringLiteral("sys")});
    }

    void resubscribeReplacesOptions()
    {
        SubscriptionTree tree;
        SubscriptionOptions qos1;
        qos1.qos = 1;
        SubscriptionOptions qos2;
        qos2.qos = 2;
        QVERIFY(tree.subscribe(QStringLiteral("c"), filter("x"), qos1));
        QVERIFY(!tree.subscribe(QStringLiteral("c"), filter("x"), qos2)); // §3.8.4: replaces
        const TopicMatches matches = tree.match(TopicName(QStringLiteral("x")));
        QCOMPARE(matches.subscribers.size(), 1);
        QCOMPARE(matches.subscribers.first().options.qos, quint8(2));
    }

    void sharedGroupRoundRobin()
    {
        SubscriptionTree tree;
        tree.subscribe(QStringLiteral("m1"), filter("$share/g/jobs/+"), {});
        tree.subscribe(QStringLiteral("m2"), filter("$share/g/jobs/+"), {});
        tree.subscribe(QStringLiteral("m3"), filter("$share/g/jobs/+"), {});
        tree.subscribe(QStringLiteral("other"), filter("$share/h/jobs/+"), {});
        const TopicMatches matches = tree.match(TopicName(QStringLiteral("jobs/1")));
        QCOMPARE(matches.subscribers.size(), 0);
        QCOMPARE(matches.sharedGroups.size(), 2);
        SharedGroup* group = matches.sharedGroups.first()->name == u"g" ? matches.sharedGroups[0]
                                                                        : matches.sharedGroups[1];
        auto any = [](const SubscriberRef&) { return true; };
        QStringList picked;
        for (int i = 0; i < 6; ++i)
            picked.append(group->pick(any)->clientId);
        QCOMPARE(picked, (QStringList{QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3"),
                                      QStringLiteral("m1"), QStringLiteral("m2"), QStringLiteral("m3")}));
        // Members without room are skipped; nobody with room gives nullptr.
        auto notM2 = [](const SubscriberRef& r) { return r.clientId != u"m2"; };
        QCOMPARE(group->pick(notM2)->clientId, QStringLiteral("m1"));
        QCOMPARE(group->pick(notM2)->clientId, QStringLiteral("m3"));
        QVERIFY(!group->pick([](const SubscriberRef&) { return false; }));
    }

    void unsubscribePrunes()
    {
        SubscriptionTree tree;
        tree.subscribe(QStringLiteral("c"), filter("a/b/c"), {});
        tree.subscribe(QStringLiteral("c"), filter("$share/g/a/b/c"), {});
        QVERIFY(tree.unsubscribe(QStringLiteral("c"), filter("a/b/c")));
        QVERIFY(!tree.unsubscribe(QStringLiteral("c"), filter("a/b/c")));
        QCOMPARE(tree.match(TopicName(QStringLiteral("a/b/c"))).sharedGroups.size(), 1);
        QVERIFY(tree.unsubscribe(QStringLiteral("c"), filter("$share/g/a/b/c")));
        QCOMPARE(tree.match(TopicName(QStringLiteral("a/b/c"))).sharedGroups.size(), 0);
        QCOMPARE(tree.count(), 0);
    }
};

QTEST_GUILESS_MAIN(SubscriptionTreeTest)
#include "tst_subscription_tree.moc"
