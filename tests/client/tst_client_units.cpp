// The client's building blocks without a broker: reason code names, topic checks, the
// reconnect backoff, and the inbox (ordering of messages and events, the bound that drops
// the oldest messages and counts them, messages from a retired handle discarded, one
// wake-up per drain).

#include "client/ReasonCodes.h"
#include "client/ReconnectBackoff.h"
#include "client/TopicNames.h"
#include "client/paho/PahoInbox.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::client;
using bs::client::paho::PahoEvent;
using bs::client::paho::PahoInbox;

namespace {

MqttMessagePtr message(int n)
{
    auto m = std::make_shared<MqttMessage>();
    m->topic = u"t"_s;
    m->payload = QByteArray::number(n);
    return m;
}

PahoEvent resultEvent(quint64 requestId)
{
    PahoEvent e;
    e.kind = PahoEvent::Kind::PublishDone;
    e.generation = 1;
    e.requestId = requestId;
    return e;
}

QList<int> payloads(const MqttMessageBatch& batch)
{
    QList<int> result;
    for (const MqttMessagePtr& m : batch)
        result.append(m->payload.toInt());
    return result;
}

} // namespace

class TestClientUnits : public QObject
{
    Q_OBJECT

private slots:
    void reasonCodeNames()
    {
        QCOMPARE(reasonCodeText(0x87), u"Not authorized (0x87)"_s);
        QCOMPARE(reasonCodeText(0x86), u"Bad User Name or Password (0x86)"_s);
        QCOMPARE(reasonCodeText(0x10), u"No matching subscribers (0x10)"_s);
        QCOMPARE(reasonCodeText(0x00), u"Success (0x00)"_s);
        QCOMPARE(reasonCodeText(0x42), u"Reason code 0x42"_s);
        QCOMPARE(connackReturnCodeText(5), u"Not authorized (return code 5)"_s);
        QVERIFY(isFailureReasonCode(0x80));
        QVERIFY(!isFailureReasonCode(0x11));
    }

    void topicChecks()
    {
        QVERIFY(topicFilterProblem(u"a/+/b/#").isEmpty());
        QVERIFY(topicFilterProblem(u"#").isEmpty());
        QVERIFY(topicFilterProblem(u"$share/g/a/#").isEmpty());
        QVERIFY(!topicFilterProblem(u"a/#/b").isEmpty());
        QVERIFY(!topicFilterProblem(u"a/b#").isEmpty());
        QVERIFY(!topicFilterProblem(u"a+/b").isEmpty());
        QVERIFY(!topicFilterProblem(u"").isEmpty());
        QVERIFY(topicNameProblem(u"a/b/c").isEmpty());
        QVERIFY(!topicNameProblem(u"a/+").isEmpty());
        QVERIFY(!topicNameProblem(u"a/#").isEmpty());
        QVERIFY(!topicNameProblem(QString(u"a\0b"_s)).isEmpty());
    }

    void backoffDoublesWithJitterUpToThirtySeconds()
    {
        ReconnectBackoff backoff;
        int base = 500;
        for (int attempt = 0; attempt < 12; ++attempt) {
            QCOMPARE(backoff.baseDelayMs(), base);
            const int delay = backoff.nextDelayMs();
            QVERIFY2(
                delay >= base * 0.8 - 1 && delay <= base * 1.2 + 1,
                qPrintable(u"attempt %1: %2 ms for base %3"_s.arg(attempt).arg(delay).arg(base)));
            base = std::min(base * 2, 30'000);
        }
        QCOMPARE(backoff.baseDelayMs(), 30'000);
        backoff.reset();
        QCOMPARE(backoff.baseDelayMs(), 500);
    }

    void inboxReplaysMessagesAndEventsInOrder()
    {
        PahoInbox inbox;
        int wakeUps = 0;
        inbox.setWakeUp([&] { ++wakeUps; });
        inbox.setAcceptedGeneration(1);
        inbox.pushMessage(1, message(1));
        inbox.pushMessage(1, message(2));
        inbox.pushEvent(resultEvent(10));
        inbox.pushEvent(resultEvent(11));
        inbox.pushMessage(1, message(3));
        QCOMPARE(wakeUps, 1); // one queued call until the next drain

        PahoInbox::Drained drained = inbox.drain();
        QCOMPARE(drained.segments.size(), std::size_t(2));
        QCOMPARE(payloads(drained.segments[0].messages), (QList<int>{1, 2}));
        QCOMPARE(drained.segments[0].events.size(), std::size_t(2));
        QCOMPARE(drained.segments[0].events[0].requestId, quint64(10));
        QCOMPARE(drained.segments[0].events[1].requestId, quint64(11));
        QCOMPARE(payloads(drained.segments[1].messages), QList<int>{3});
        QVERIFY(drained.segments[1].events.empty());

        inbox.pushEvent(resultEvent(12));
        QCOMPARE(wakeUps, 2);
        drained = inbox.drain();
        QCOMPARE(drained.segments.size(), std::size_t(1));
        QVERIFY(drained.segments[0].messages.isEmpty());
        QVERIFY(inbox.drain().segments.empty());
    }

    void inboxDropsTheOldestBeyondItsBound()
    {
        PahoInbox inbox(10);
        inbox.setAcceptedGeneration(1);
        for (int i = 0; i < 25; ++i) {
            inbox.pushMessage(1, message(i));
            if (i == 7)
                inbox.pushEvent(resultEvent(7)); // followed 8 messages, 5 of which will be gone
        }
        const PahoInbox::Drained drained = inbox.drain();
        QCOMPARE(drained.droppedSinceLastDrain, quint64(15));
        QList<int> kept;
        std::size_t events = 0;
        for (const auto& segment : drained.segments) {
            kept += payloads(segment.messages);
            events += segment.events.size();
        }
        QCOMPARE(kept, (QList<int>{15, 16, 17, 18, 19, 20, 21, 22, 23, 24}));
        QCOMPARE(events, std::size_t(1)); // events are never dropped
        QCOMPARE(inbox.drain().droppedSinceLastDrain, quint64(0));
    }

    void inboxDiscardsMessagesOfRetiredHandles()
    {
        PahoInbox inbox;
        inbox.setAcceptedGeneration(2);
        inbox.pushMessage(1, message(1)); // a retired handle still delivering
        inbox.pushMessage(2, message(2));
        inbox.setAcceptedGeneration(0); // disconnected: nothing accepted
        inbox.pushMessage(2, message(3));
        const PahoInbox::Drained drained = inbox.drain();
        QCOMPARE(drained.segments.size(), std::size_t(1));
        QCOMPARE(payloads(drained.segments[0].messages), QList<int>{2});
    }

    void inboxWithoutOwnerNeverWakes()
    {
        PahoInbox inbox;
        int wakeUps = 0;
        inbox.setWakeUp([&] { ++wakeUps; });
        inbox.detach(); // the client is gone; paho may still call back
        inbox.setAcceptedGeneration(1);
        inbox.pushMessage(1, message(1));
        inbox.pushEvent(resultEvent(1));
        QCOMPARE(wakeUps, 0);
    }
};

QTEST_GUILESS_MAIN(TestClientUnits)
#include "tst_client_units.moc"
