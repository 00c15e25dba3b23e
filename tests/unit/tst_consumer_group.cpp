// ConsumerGroup: members served round robin among those with room, a cursor per topic
// from the first message seen, redelivery when a member leaves (MQTT 5 §4.8.2), and the
// dead-letter decisions of issue 5: rejected, delivery_limit, maxlen, and engine-settled.

#include "broker/groups/ConsumerGroup.h"

#include <QTest>

using namespace bs::broker;
using namespace Qt::StringLiterals;

namespace {
const auto everyoneHasRoom = [](const QString&) { return true; };
}

class ConsumerGroupTest : public QObject
{
    Q_OBJECT

private slots:
    void membersTakeTurnsAmongThoseWithRoom()
    {
        ConsumerGroup group(u"payment"_s);
        group.addMember(u"a"_s);
        group.addMember(u"b"_s);
        group.addMember(u"c"_s);
        for (quint64 offset = 0; offset < 6; ++offset)
            group.noteAppended(u"orders"_s, offset);
        QStringList order;
        for (int i = 0; i < 3; ++i)
            order << group.assign(everyoneHasRoom, nullptr)->member;
        QCOMPARE(order, (QStringList{u"a"_s, u"b"_s, u"c"_s}));
        // b is full: a and c share the rest.
        const auto notB = [](const QString& member) { return member != u"b"; };
        QCOMPARE(group.assign(notB, nullptr)->member, u"a"_s);
        QCOMPARE(group.assign(notB, nullptr)->member, u"c"_s);
        QVERIFY(!group.assign([](const QString&) { return false; }, nullptr));
    }

    // A group meets a topic at its first message there: it owes nothing older.
    void cursorStartsAtTheFirstMessageSeen()
    {
        ConsumerGroup group(u"g"_s);
        group.addMember(u"a"_s);
        group.noteAppended(u"t"_s, 41);
        const auto assignment = group.assign(everyoneHasRoom, nullptr);
        QCOMPARE(assignment->topic, u"t"_s);
        QCOMPARE(assignment->delivery.offset, 41u);
        QCOMPARE(group.cursor(u"t"_s)->committed(), 41u);
        QVERIFY(group.acknowledge(u"t"_s, 41));
        QCOMPARE(group.totals().lag, 0u);
    }

    void departedMembersMessagesGoToAnotherMember()
    {
        ConsumerGroup group(u"g"_s);
        group.addMember(u"a"_s);
        group.addMember(u"b"_s);
        group.noteAppended(u"t"_s, 0);
        QCOMPARE(group.assign(everyoneHasRoom, nullptr)->member, u"a"_s);
        group.removeMember(u"a"_s);
        const auto again = group.assign(everyoneHasRoom, nullptr);
        QCOMPARE(again->member, u"b"_s);
        QCOMPARE(again->delivery.offset, 0u);
        QCOMPARE(again->delivery.deliveryCount, 2);
        QVERIFY(again->delivery.redelivery);
    }

    // A poison message that keeps crashing its consumers: after maxDeliveries it is not
    // handed out again but dead-lettered, and the next message flows.
    void pastTheDeliveryLimitItIsDeadLettered()
    {
        ConsumerGroup group(u"g"_s, 2);
        group.noteAppended(u"t"_s, 0);
        group.noteAppended(u"t"_s, 1);
        for (const QString& member : {u"a"_s, u"b"_s}) {
            group.addMember(member);
            QCOMPARE(group.assign(everyoneHasRoom, nullptr)->delivery.offset, 0u);
            group.removeMember(member); // crashed with it
        }
        group.addMember(u"c"_s);
        QList<DeadLetter> dead;
        const auto next = group.assign(everyoneHasRoom, &dead);
        QCOMPARE(dead.size(), 1);
        QCOMPARE(dead.first().reason, u"delivery_limit"_s);
        QCOMPARE(dead.first().offset, 0u);
        QCOMPARE(dead.first().deliveryCount, 2);
        QCOMPARE(next->delivery.offset, 1u);
        QCOMPARE(group.cursor(u"t"_s)->committed(), 1u);
    }

    void negativeAcknowledgementDeadLettersAtOnce()
    {
        ConsumerGroup group(u"g"_s);
        group.addMember(u"a"_s);
        group.noteAppended(u"t"_s, 7);
        QVERIFY(group.assign(everyoneHasRoom, nullptr));
        const auto letter = group.reject(u"t"_s, 7);
        QVERIFY(letter);
        QCOMPARE(letter->reason, u"rejected"_s);
        QCOMPARE(letter->member, u"a"_s);
        QCOMPARE(letter->deliveryCount, 1);
        QCOMPARE(group.cursor(u"t"_s)->committed(), 8u);
        QVERIFY(!group.reject(u"t"_s, 7)); // already settled
        QVERIFY(!group.reject(u"unknown"_s, 0));
    }

    // maxLag: with no member connected the backlog is capped; the oldest goes first.
    void backlogOverItsLimitLosesTheOldest()
    {
        ConsumerGroup group(u"g"_s, 5, 3);
        QList<DeadLetter> trimmed;
        for (quint64 offset = 0; offset < 5; ++offset)
            trimmed += group.noteAppended(u"t"_s, offset);
        QCOMPARE(trimmed.size(), 2);
        QCOMPARE(trimmed[0].offset, 0u);
        QCOMPARE(trimmed[1].offset, 1u);
        QCOMPARE(trimmed[0].reason, u"maxlen"_s);
        QCOMPARE(group.totals().lag, 3u);
    }

    // The engine settles what it finds expired, waiting or in flight.
    void engineSettlesExpiredMessages()
    {
        ConsumerGroup group(u"g"_s);
        group.addMember(u"a"_s);
        group.noteAppended(u"t"_s, 0);
        group.noteAppended(u"t"_s, 1);
        const auto letter = group.settle(u"t"_s, 0, u"expired"_s); // the waiting head
        QVERIFY(letter);
        QCOMPARE(letter->reason, u"expired"_s);
        QCOMPARE(group.assign(everyoneHasRoom, nullptr)->delivery.offset, 1u);
        QVERIFY(group.settle(u"t"_s, 1, u"expired"_s)); // in flight
        QCOMPARE(group.totals().lag, 0u);
    }

    void totalsAddUpOverTopicsAndTopicsTakeTurns()
    {
        ConsumerGroup group(u"g"_s);
        group.addMember(u"a"_s);
        group.noteAppended(u"x"_s, 0);
        group.noteAppended(u"x"_s, 1);
        group.noteAppended(u"y"_s, 10);
        QCOMPARE(group.totals().lag, 3u);
        QCOMPARE(group.topics(), (QStringList{u"x"_s, u"y"_s}));
        QStringList served;
        for (int i = 0; i < 3; ++i)
            served << group.assign(everyoneHasRoom, nullptr)->topic;
        QCOMPARE(served, (QStringList{u"x"_s, u"y"_s, u"x"_s}));
        QCOMPARE(group.totals().inFlight, 3u);
        QCOMPARE(group.totals().waiting, 0u);
    }
};

QTEST_GUILESS_MAIN(ConsumerGroupTest)
#include "tst_consumer_group.moc"
