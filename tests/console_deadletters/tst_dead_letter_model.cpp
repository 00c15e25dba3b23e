// The dead letters' data, headless: letters from the engine's JSON and from messages on
// dead-letter topics; DeadLetterModel under QAbstractItemModelTester (a refresh with the
// same ids changes rows in place, never resets; convention rows are bounded); the filter
// proxy; the counts; the patterns and where the original topic comes from.

#include "DeadLetterTestSupport.h"

#include "models/deadletters/DeadLetterCounts.h"
#include "models/deadletters/DeadLetterFilterProxy.h"
#include "models/deadletters/DeadLetterModel.h"
#include "models/deadletters/DeadLetterPatterns.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>

using namespace Qt::StringLiterals;
using namespace bs::models;
using bs::test::deadLetterMessage;
using bs::test::letterJson;
using bs::test::listingJson;
using bs::test::replayedJson;

namespace {

QList<DeadLetter> lettersOf(const QList<QJsonObject>& json)
{
    QList<DeadLetter> letters;
    for (const QJsonObject& letter : json)
        letters.append(DeadLetter::fromJson(letter));
    return letters;
}

void applyListing(DeadLetterModel& model, const QList<QJsonObject>& json)
{
    model.applyListing(lettersOf(json), DeadLetterCounts::fromListing(listingJson(json)));
}

} // namespace

class DeadLetterModelTest : public QObject
{
    Q_OBJECT

private slots:
    void letterFromEngineJson()
    {
        QJsonObject json = letterJson(u"payment"_s, u"orders/eu"_s, 12, u"rejected"_s, u"line one\nline two"_s);
        json[u"reasonCode"_s] = u"0x83"_s;
        json[u"error"_s] = u"Implementation specific error"_s;
        const DeadLetter letter = DeadLetter::fromJson(json);
        QCOMPARE(letter.id, u"$DLQ/payment/orders/eu#12"_s);
        QCOMPARE(letter.group, u"payment"_s);
        QCOMPARE(letter.originalTopic, u"orders/eu"_s);
        QCOMPARE(letter.originalOffset, 52);
        QCOMPARE(letter.reasonCode, u"0x83"_s);
        QCOMPARE(letter.preview, u"line one line two"_s);
        QVERIFY(!letter.hasPayload());
        QVERIFY(!letter.isReplayed());

        // "payload": "full": the message itself, binary or not.
        QJsonObject full = letterJson(u"payment"_s, u"orders"_s, 0);
        full.remove(u"preview"_s);
        full.remove(u"binary"_s);
        full[u"payloadBase64"_s] = QString::fromLatin1(QByteArray("\x00\xff\x10", 3).toBase64());
        full[u"userProperties"_s] = QJsonArray{QJsonObject{{u"name"_s, u"dlq-reason"_s}, {u"value"_s, u"rejected"_s}}};
        full[u"contentType"_s] = u"application/octet-stream"_s;
        const DeadLetter loaded = DeadLetter::fromJson(full);
        QVERIFY(loaded.hasPayload());
        QVERIFY(loaded.binary);
        QCOMPARE(loaded.message->payload, QByteArray("\x00\xff\x10", 3));
        QCOMPARE(loaded.message->topic, u"$DLQ/payment/orders"_s);
        QCOMPARE(loaded.message->properties.contentType, u"application/octet-stream"_s);
        QCOMPARE(loaded.message->properties.userProperties.size(), 1);
        QCOMPARE(groupOfLetterId(loaded.id), u"payment"_s);
    }

    void refreshWithTheSameIdsChangesRowsInPlace()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMode(DeadLetterModel::Mode::Engine);
        const QList<QJsonObject> first{letterJson(u"payment"_s, u"orders"_s, 0), letterJson(u"payment"_s, u"orders"_s, 1),
                                       letterJson(u"audit"_s, u"orders"_s, 0, u"expired"_s)};
        applyListing(model, first);
        QCOMPARE(model.rowCount(), 3);
        const QPersistentModelIndex kept = model.index(1, DeadLetterModel::PayloadColumn);

        QSignalSpy reset(&model, &QAbstractItemModel::modelReset);
        QSignalSpy inserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        applyListing(model, first); // nothing new
        QCOMPARE(changed.size(), 0);
        QList<QJsonObject> second = first;
        second[1] = replayedJson(second[1], 1);
        applyListing(model, second);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(inserted.size(), 0);
        QCOMPARE(removed.size(), 0);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(changed.first().at(0).toModelIndex().row(), 1);
        QVERIFY(kept.isValid());
        QCOMPARE(kept.row(), 1);
        QVERIFY(model.index(1, 0).data(DeadLetterModel::ReplayedRole).toBool());
        QCOMPARE(model.counts().replayed, 1);

        // One letter purged elsewhere, one new: one removal, one insertion.
        QList<QJsonObject> third{second[1], second[2], letterJson(u"payment"_s, u"orders"_s, 2)};
        applyListing(model, third);
        QCOMPARE(reset.size(), 0);
        QCOMPARE(removed.size(), 1);
        QCOMPARE(inserted.size(), 1);
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(kept.row(), 0);
        QCOMPARE(model.rowOf(u"$DLQ/payment/orders#2"_s), 2);
        QCOMPARE(model.letterAt(0)->id, u"$DLQ/payment/orders#1"_s);
    }

    void marksAndPurgesAdjustTheCounts()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMode(DeadLetterModel::Mode::Engine);
        applyListing(model, {letterJson(u"payment"_s, u"orders"_s, 0), letterJson(u"payment"_s, u"orders"_s, 1),
                             letterJson(u"audit"_s, u"orders"_s, 0, u"expired"_s)});
        model.markReplayed({u"$DLQ/payment/orders#0"_s}, u"group"_s, 1'700'000'200'000);
        const DeadLetter* marked = model.letterById(u"$DLQ/payment/orders#0"_s);
        QCOMPARE(marked->replays, 1);
        QCOMPARE(marked->lastReplayTarget, u"group"_s);
        QCOMPARE(model.counts().replayed, 1);
        model.removeLetters({u"$DLQ/payment/orders#1"_s, u"$DLQ/audit/orders#0"_s, u"unknown"_s});
        QCOMPARE(model.rowCount(), 1);
        const DeadLetterCounts counts = model.counts();
        QCOMPARE(counts.total, 1);
        QCOMPARE(counts.byReason.value(u"rejected"_s), 1);
        QVERIFY(!counts.byReason.contains(u"expired"_s));
        QVERIFY(!counts.bySource.contains(u"audit"_s));
        QCOMPARE(model.rowOf(u"$DLQ/payment/orders#0"_s), 0);
    }

    void engineModeOnlySignalsNewLetters()
    {
        DeadLetterModel model;
        model.setMode(DeadLetterModel::Mode::Engine);
        QSignalSpy arrived(&model, &DeadLetterModel::engineLetterArrived);
        model.ingest({deadLetterMessage(u"sensors/t"_s, "1"), deadLetterMessage(u"dlq/orders"_s, "2")});
        QCOMPARE(arrived.size(), 0);
        model.ingest({deadLetterMessage(u"$DLQ/payment/orders"_s, "3"), deadLetterMessage(u"$DLQ/payment/orders"_s, "4")});
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(model.rowCount(), 0);
    }

    void conventionRowsAreMessagesOnDeadLetterTopics()
    {
        DeadLetterModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        // While the broker is being probed, letters are kept; convention mode keeps them.
        model.ingest({deadLetterMessage(u"dlq/orders"_s, "early")});
        model.setMode(DeadLetterModel::Mode::Convention);
        QCOMPARE(model.rowCount(), 1);
        model.ingest({deadLetterMessage(u"billing/dlq/invoices/eu"_s, "inv", {{u"dlq-reason"_s, u"rejected"_s},
                                                                               {u"dlq-error"_s, u"bad total"_s},
                                                                               {u"dlq-delivery-count"_s, u"5"_s}}),
                      deadLetterMessage(u"sensors/t"_s, "not a letter")});
        QCOMPARE(model.rowCount(), 2);
        const DeadLetter* letter = model.letterAt(1);
        QCOMPARE(letter->source, DeadLetter::Source::Convention);
        QCOMPARE(letter->group, u"billing"_s);
        QCOMPARE(letter->originalTopic, u"invoices/eu"_s);
        QCOMPARE(letter->reason, u"rejected"_s);
        QCOMPARE(letter->error, u"bad total"_s);
        QCOMPARE(letter->deliveryCount, 5);
        QVERIFY(letter->hasPayload());
        QCOMPARE(model.index(1, DeadLetterModel::GroupColumn).data().toString(), u"billing"_s);
        QCOMPARE(model.headerData(DeadLetterModel::GroupColumn, Qt::Horizontal).toString(), u"Source"_s);
        QCOMPARE(model.counts().total, 2);

        // Bounded: the newest kConventionCapacity stay.
        bs::client::MqttMessageBatch flood;
        for (int i = 0; i < DeadLetterModel::kConventionCapacity + 5; ++i)
            flood.append(deadLetterMessage(u"dlq/flood"_s, QByteArray::number(i)));
        model.ingest(flood);
        QCOMPARE(model.rowCount(), DeadLetterModel::kConventionCapacity);
        QCOMPARE(model.letterAt(0)->message->payload, QByteArray("5"));
        QCOMPARE(model.rowOf(model.letterAt(100)->id), 100);

        // Our engine after all: the listing replaces the convention rows.
        model.setMode(DeadLetterModel::Mode::Engine);
        QCOMPARE(model.rowCount(), 0);
        // ...and an engine's letters never stay for a generic broker met next.
        applyListing(model, {letterJson(u"payment"_s, u"orders"_s, 0)});
        model.setMode(DeadLetterModel::Mode::Unknown);
        QCOMPARE(model.rowCount(), 1);
        model.setMode(DeadLetterModel::Mode::Convention);
        QCOMPARE(model.rowCount(), 0);
    }

    void patternsAndOriginalTopics()
    {
        const DeadLetterPatterns patterns;
        QCOMPARE(patterns.patterns(), (QStringList{u"dlq/#"_s, u"+/dlq/#"_s, u"$DLQ/#"_s}));
        QCOMPARE(patterns.systemFilters(), QStringList{u"$DLQ/#"_s});
        QVERIFY(patterns.matches(u"dlq/orders"_s));
        QVERIFY(patterns.matches(u"payments/dlq/orders/eu"_s));
        QVERIFY(patterns.matches(u"$DLQ/payment/orders"_s));
        QVERIFY(!patterns.matches(u"orders/eu"_s));
        QVERIFY(!patterns.matches(u"a/b/dlq/x"_s));

        auto original = [&](const QString& topic, const QList<bs::client::UserProperty>& properties = {}) {
            return patterns.originalTopic(*deadLetterMessage(topic, "x", properties));
        };
        QCOMPARE(original(u"$DLQ/payment/orders/eu"_s), u"orders/eu"_s);
        QCOMPARE(original(u"dlq/orders/eu"_s), u"orders/eu"_s);
        QCOMPARE(original(u"payments/dlq/orders"_s), u"orders"_s);
        QCOMPARE(original(u"dlq/whatever"_s, {{u"dlq-original-topic"_s, u"shop/orders"_s}}), u"shop/orders"_s);
        QCOMPARE(patterns.source(*deadLetterMessage(u"$DLQ/payment/orders"_s, "x")), u"payment"_s);
        QCOMPARE(patterns.source(*deadLetterMessage(u"payments/dlq/orders"_s, "x")), u"payments"_s);
        QCOMPARE(patterns.source(*deadLetterMessage(u"dlq/orders"_s, "x")), QString());

        QString error;
        const DeadLetterPatterns custom = DeadLetterPatterns::fromText(u"dead/#, a/#/b  +/failed/#"_s, &error);
        QCOMPARE(custom.patterns(), (QStringList{u"dead/#"_s, u"+/failed/#"_s}));
        QVERIFY(error.contains(u"a/#/b"_s));
        QCOMPARE(custom.toText(), u"dead/#, +/failed/#"_s);
        QCOMPARE(custom.originalTopic(*deadLetterMessage(u"svc/failed/x/y"_s, "x")), u"x/y"_s);
    }

    void replayCopyDropsTheDeathProperties()
    {
        const DeadLetterPatterns patterns;
        const DeadLetter letter = DeadLetter::fromMessage(
            deadLetterMessage(u"dlq/orders"_s, "order-1",
                              {{u"trace"_s, u"abc"_s}, {u"dlq-original-topic"_s, u"orders"_s},
                               {u"dlq-first-death"_s, u"2024-01-01T00:00:00Z"_s}, {u"dlq-replay-count"_s, u"1"_s}}),
            patterns, 7);
        QCOMPARE(letter.id, u"dlq/orders#7"_s);
        const bs::client::MqttMessage copy = letter.replayCopy();
        QCOMPARE(copy.topic, u"orders"_s);
        QCOMPARE(copy.payload, QByteArray("order-1"));
        const QList<bs::client::UserProperty> expected{{u"trace"_s, u"abc"_s},
                                                       {u"dlq-replay-count"_s, u"2"_s},
                                                       {u"dlq-first-death"_s, u"2024-01-01T00:00:00Z"_s},
                                                       {u"dlq-replayed-from"_s, u"dlq/orders"_s}};
        QCOMPARE(copy.properties.userProperties, expected);
        QCOMPARE(letter.replayCopy(u"orders/retry"_s).topic, u"orders/retry"_s);
    }

    void proxyFiltersLikeTheEngine()
    {
        DeadLetterModel model;
        model.setMode(DeadLetterModel::Mode::Engine);
        QJsonObject blue = letterJson(u"payment"_s, u"orders/us"_s, 3, u"rejected"_s, u"order blue"_s);
        blue[u"error"_s] = u"Quota exceeded"_s;
        applyListing(model, {letterJson(u"payment"_s, u"orders/eu"_s, 0), letterJson(u"payment"_s, u"orders/eu"_s, 1, u"delivery_limit"_s),
                             letterJson(u"audit"_s, u"orders/eu"_s, 2, u"expired"_s), blue});
        DeadLetterFilterProxy proxy;
        QAbstractItemModelTester tester(&proxy, QAbstractItemModelTester::FailureReportingMode::QtTest);
        proxy.setSourceModel(&model);
        proxy.sort(DeadLetterModel::TimeColumn, Qt::DescendingOrder);
        QCOMPARE(proxy.rowCount(), 4);
        QCOMPARE(proxy.visibleIds().first(), u"$DLQ/payment/orders/us#3"_s); // newest first

        auto shown = [&](const DeadLetterFilter& filter) {
            proxy.setFilter(filter);
            return proxy.rowCount();
        };
        QCOMPARE(shown({u"payment"_s, {}, {}, {}}), 3);
        QCOMPARE(shown({u"payment"_s, u"rejected"_s, {}, {}}), 2);
        QCOMPARE(shown({{}, {}, u"orders/+"_s, {}}), 4);
        QCOMPARE(shown({{}, {}, u"orders/us"_s, {}}), 1);
        QCOMPARE(shown({{}, {}, u"orders"_s, {}}), 0); // a filter, not a substring
        QCOMPARE(shown({{}, {}, u"orders/#/x"_s, {}}), 0); // invalid: nothing
        QCOMPARE(shown({{}, {}, {}, u"blue"_s}), 1);
        QCOMPARE(shown({{}, {}, {}, u"quota"_s}), 1); // the error, any case
        QCOMPARE(shown({{}, {}, {}, u"PAYMENT-1"_s}), 4); // the member
        QCOMPARE(shown({}), 4);
        QCOMPARE(proxy.idsOfRows({proxy.index(1, 0), proxy.index(1, 3), proxy.index(0, 2)}),
                 (QStringList{proxy.visibleIds()[0], proxy.visibleIds()[1]}));

        const DeadLetterFilter filter{u"payment"_s, u"rejected"_s, u"orders/#"_s, u"blue"_s};
        QCOMPARE(filter.toJson(), (QJsonObject{{u"group"_s, u"payment"_s}, {u"reason"_s, u"rejected"_s},
                                               {u"topic"_s, u"orders/#"_s}, {u"text"_s, u"blue"_s}}));
        QCOMPARE(filter.describe(), u"group payment, reason rejected, topic orders/#, text “blue”"_s);
    }

    void countsInWords()
    {
        const DeadLetterCounts counts = DeadLetterCounts::fromListing(listingJson(
            {letterJson(u"payment"_s, u"a"_s, 0), letterJson(u"payment"_s, u"a"_s, 1),
             replayedJson(letterJson(u"audit"_s, u"a"_s, 0, u"expired"_s), 1)}));
        QCOMPARE(counts.total, 3);
        QCOMPARE(counts.text(), u"3 dead letters  —  by reason: rejected 2 · expired 1  —  by source: payment 2 · audit 1  —  1 replayed"_s);
        QCOMPARE(DeadLetterCounts{}.text(), u"No dead letters"_s);
        const DeadLetterCounts counted = DeadLetterCounts::count(lettersOf({letterJson(u"payment"_s, u"a"_s, 0)}));
        QCOMPARE(counted.bySource.value(u"payment"_s), 1);
        QCOMPARE(counted.text(), u"1 dead letter  —  by reason: rejected 1  —  by source: payment 1"_s);
    }
};

QTEST_GUILESS_MAIN(DeadLetterModelTest)
#include "tst_dead_letter_model.moc"
