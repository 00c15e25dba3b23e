// TopicCursor: a consumer group's position in one topic's log (issue 5): committed offset,
// out-of-order acknowledgements, redelivery of what a departed member had in flight, lag
// kept without scanning, and a backlog that costs nothing in memory.

#include "broker/groups/TopicCursor.h"

#include <QRandomGenerator>
#include <QTest>
#include <map>

using bs::broker::TopicCursor;
using namespace Qt::StringLiterals;

class TopicCursorTest : public QObject
{
    Q_OBJECT

private slots:
    void newCursorOwesNothingUntilTheLogGrows()
    {
        TopicCursor cursor(100, 100); // a new group starts at the log end
        QCOMPARE(cursor.lag(), 0u);
        QVERIFY(!cursor.next(u"a"_s));
        cursor.setEnd(105);
        QCOMPARE(cursor.lag(), 5u);
        QCOMPARE(cursor.waiting(), 5u);
        const auto first = cursor.next(u"a"_s);
        QVERIFY(first);
        QCOMPARE(first->offset, 100u);
        QCOMPARE(first->deliveryCount, 1);
        QVERIFY(!first->redelivery);
    }

    void committedAdvancesPastOutOfOrderAcks()
    {
        TopicCursor cursor(0, 4);
        for (int i = 0; i < 4; ++i)
            QVERIFY(cursor.next(u"m"_s));
        QCOMPARE(cursor.inFlight(), 4);
        QVERIFY(cursor.acknowledge(2));
        QVERIFY(cursor.acknowledge(1));
        QCOMPARE(cursor.committed(), 0u); // 0 is still owed
        QCOMPARE(cursor.lag(), 2u);       // 0 and 3
        QVERIFY(cursor.acknowledge(0));
        QCOMPARE(cursor.committed(), 3u);
        QCOMPARE(cursor.lag(), 1u);
        QVERIFY(cursor.acknowledge(3));
        QCOMPARE(cursor.committed(), 4u);
        QCOMPARE(cursor.lag(), 0u);
        QCOMPARE(cursor.inFlight(), 0);
    }

    // A PUBACK for something not in flight (unknown, twice, before committed) changes nothing.
    void strayAcknowledgementsAreIgnored()
    {
        TopicCursor cursor(10, 12);
        QVERIFY(!cursor.acknowledge(10)); // not handed out yet
        QVERIFY(cursor.next(u"m"_s));
        QVERIFY(cursor.acknowledge(10));
        QVERIFY(!cursor.acknowledge(10));
        QVERIFY(!cursor.acknowledge(3));
        QVERIFY(!cursor.acknowledge(500));
        QCOMPARE(cursor.committed(), 11u);
        QCOMPARE(cursor.lag(), 1u);
    }

    // MQTT 5 §4.8.2: what a departed member had in flight goes to another member, before
    // the backlog, with its delivery count grown.
    void departedMembersMessagesAreRedeliveredFirst()
    {
        TopicCursor cursor(0, 5);
        QCOMPARE(cursor.next(u"a"_s)->offset, 0u);
        QCOMPARE(cursor.next(u"b"_s)->offset, 1u);
        QCOMPARE(cursor.next(u"a"_s)->offset, 2u);
        QCOMPARE(cursor.returnMember(u"a"_s), (QList<quint64>{0, 2}));
        QCOMPARE(cursor.memberOf(0), QString());
        QCOMPARE(cursor.inFlight(), 3); // returned ones are still owed
        const auto again = cursor.next(u"b"_s);
        QCOMPARE(again->offset, 0u);
        QCOMPARE(again->deliveryCount, 2);
        QVERIFY(again->redelivery);
        QCOMPARE(cursor.memberOf(0), u"b"_s);
        QCOMPARE(cursor.next(u"b"_s)->offset, 2u);
        QCOMPARE(cursor.next(u"b"_s)->offset, 3u); // then the backlog
        QCOMPARE(cursor.deliveryCount(2), 2);
    }

    // Dead-lettering a message that waits (expired, backlog too long) settles it like an ack.
    void settlingWaitingOffsets()
    {
        TopicCursor cursor(0, 3);
        QVERIFY(cursor.settleWaiting(0)); // the backlog's head
        QCOMPARE(cursor.committed(), 1u);
        QVERIFY(!cursor.settleWaiting(2)); // not the head
        QCOMPARE(cursor.next(u"a"_s)->offset, 1u);
        cursor.returnMember(u"a"_s);
        QVERIFY(cursor.settleWaiting(1)); // a returned one
        QCOMPARE(cursor.committed(), 2u);
        QCOMPARE(cursor.next(u"b"_s)->offset, 2u); // the settled one is not handed out
    }

    void seekStartsOver()
    {
        TopicCursor cursor(50, 60);
        QVERIFY(cursor.next(u"a"_s));
        cursor.seek(0); // earliest
        QCOMPARE(cursor.committed(), 0u);
        QCOMPARE(cursor.inFlight(), 0);
        QCOMPARE(cursor.lag(), 60u);
        QCOMPARE(cursor.next(u"a"_s)->offset, 0u);
        cursor.seek(60); // latest
        QCOMPARE(cursor.lag(), 0u);
    }

    // Ten million messages behind: the cursor holds two numbers, not ten million entries.
    void hugeBacklogIsOnlyNumbers()
    {
        TopicCursor cursor(0, 0);
        cursor.setEnd(10'000'000);
        QCOMPARE(cursor.lag(), 10'000'000u);
        QCOMPARE(cursor.waiting(), 10'000'000u);
        QCOMPARE(cursor.next(u"slow"_s)->offset, 0u);
        QVERIFY(cursor.acknowledge(0));
        QCOMPARE(cursor.lag(), 9'999'999u);
    }

    // Random operations against a plain reference model: committed, lag, in-flight and
    // what next() hands out always agree.
    void agreesWithAReferenceModel()
    {
        const quint32 seed = QRandomGenerator::global()->generate();
        qInfo("seed %u", seed);
        QRandomGenerator random(seed);
        TopicCursor cursor(0, 0);
        Reference model;
        const QStringList members{u"a"_s, u"b"_s, u"c"_s};
        for (int step = 0; step < 5000; ++step) {
            const int action = random.bounded(100);
            if (action < 25) {
                const quint64 grow = random.bounded(4);
                model.end += grow;
                cursor.setEnd(model.end);
            } else if (action < 55) {
                const QString member = members[random.bounded(3)];
                const auto got = cursor.next(member);
                const auto expected = model.next(member);
                QCOMPARE(got.has_value(), expected.has_value());
                if (got)
                    QCOMPARE(got->offset, *expected);
            } else if (action < 85) {
                if (model.inFlight.empty())
                    continue;
                auto it = model.inFlight.begin();
                std::advance(it, random.bounded(int(model.inFlight.size())));
                const quint64 offset = it->first;
                QCOMPARE(cursor.acknowledge(offset), model.acknowledge(offset));
            } else {
                const QString member = members[random.bounded(3)];
                QCOMPARE(cursor.returnMember(member), model.returnMember(member));
            }
            QCOMPARE(cursor.committed(), model.committed());
            QCOMPARE(cursor.lag(), model.lag());
            QCOMPARE(cursor.inFlight(), qsizetype(model.inFlight.size() + model.returned.size()));
        }
    }

private:
    /// The obvious implementation: a set per state.
    struct Reference
    {
        quint64 end = 0;
        quint64 dispatched = 0;
        std::map<quint64, QString> inFlight;
        std::map<quint64, bool> returned; // handed out again lowest offset first
        std::map<quint64, bool> acked;

        std::optional<quint64> next(const QString& member)
        {
            if (!returned.empty()) {
                const quint64 offset = returned.begin()->first;
                returned.erase(returned.begin());
                inFlight[offset] = member;
                return offset;
            }
            if (dispatched >= end)
                return std::nullopt;
            inFlight[dispatched] = member;
            return dispatched++;
        }
        bool acknowledge(quint64 offset)
        {
            if (!inFlight.erase(offset))
                return false;
            acked[offset] = true;
            return true;
        }
        QList<quint64> returnMember(const QString& member)
        {
            QList<quint64> back;
            for (auto it = inFlight.begin(); it != inFlight.end();) {
                if (it->second == member) {
                    back.append(it->first);
                    returned[it->first] = true;
                    it = inFlight.erase(it);
                } else {
                    ++it;
                }
            }
            return back;
        }
        quint64 committed() const
        {
            quint64 c = 0;
            while (acked.count(c))
                ++c;
            return c;
        }
        quint64 lag() const
        {
            const quint64 c = committed();
            quint64 ackedAhead = 0;
            for (const auto& [offset, yes] : acked)
                ackedAhead += offset >= c ? 1 : 0;
            return end - c - ackedAhead;
        }
    };
};

QTEST_GUILESS_MAIN(TopicCursorTest)
#include "tst_topic_cursor.moc"
