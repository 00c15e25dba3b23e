// The dialogs' text helpers: JSON problems with line and column, correlation data as text
// or hex, reason codes as people read them, and the repeat summary.

#include "ui/dialogs/CorrelationDataText.h"
#include "ui/dialogs/JsonCheck.h"
#include "ui/dialogs/ReasonCodeText.h"
#include "ui/dialogs/RepeatPublisher.h"

#include <QTest>

using namespace Qt::StringLiterals;
using namespace bs::ui;

class TestDialogText : public QObject
{
    Q_OBJECT

private slots:
    void jsonProblemHasLineAndColumn()
    {
        QVERIFY(!findJsonProblem(R"({"a": [1, 2, {"b": null}]})"_ba));
        QVERIFY(!findJsonProblem("  \"just a string\"  "_ba));
        QVERIFY(!findJsonProblem("-1.5e3"_ba));

        const auto missingComma = findJsonProblem("{\n  \"a\": 1\n  \"b\": 2\n}"_ba);
        QVERIFY(missingComma);
        QCOMPARE(missingComma->line, 3);
        QCOMPARE(missingComma->column, 3); // the "b" that should have followed a comma
        QVERIFY(missingComma->toString().startsWith(u"Line 3, column "_s));

        const auto truncated = findJsonProblem("[1, 2"_ba);
        QVERIFY(truncated);
        QCOMPARE(truncated->line, 1);

        // Columns count characters, not bytes: "äöü" is 3 characters but 6 bytes; the x is
        // character 8 (byte 11).
        const auto afterUmlaut = findJsonProblem("[\"äöü\" x]"_ba);
        QVERIFY(afterUmlaut);
        QCOMPARE(afterUmlaut->column, 8);

        // The column points at the offending character.
        QCOMPARE(findJsonProblem("[1 2]"_ba)->column, 4);
        QCOMPARE(findJsonProblem("{\"a\": 1} x"_ba)->column, 10);

        const auto scalar = findJsonProblem("tru"_ba); // shifted back from the array wrapper
        QVERIFY(scalar);
        QCOMPARE(scalar->line, 1);
        QVERIFY(scalar->column >= 1 && scalar->column <= 4);

        QVERIFY(findJsonProblem("   "_ba)); // empty is not JSON
    }

    void whenToCheckJson()
    {
        QVERIFY(looksLikeJson(" \n {\"a\":1}"_ba));
        QVERIFY(looksLikeJson("[oops"_ba));
        QVERIFY(!looksLikeJson("hello {"_ba));
        QVERIFY(!looksLikeJson(""_ba));
        QVERIFY(contentTypeSaysJson(u"application/json"_s));
        QVERIFY(contentTypeSaysJson(u"Application/JSON; charset=utf-8"_s));
        QVERIFY(contentTypeSaysJson(u"application/ld+json"_s));
        QVERIFY(!contentTypeSaysJson(u"text/plain"_s));
        QVERIFY(!contentTypeSaysJson(QString()));
    }

    void correlationDataTextAndHex()
    {
        QString error;
        QCOMPARE(*parseCorrelationData(u"req-1"_s, &error), "req-1"_ba);
        QCOMPARE(*parseCorrelationData(u"0x00 ff\t10AB"_s, &error), QByteArray::fromHex("00ff10ab"));
        QCOMPARE(*parseCorrelationData(u"0x"_s, &error), QByteArray());
        QVERIFY(!parseCorrelationData(u"0xabc"_s, &error));
        QCOMPARE(error, u"odd number of hex digits"_s);
        QVERIFY(!parseCorrelationData(u"0xzz"_s, &error));
        QCOMPARE(error, u"'z' is not a hex digit"_s);

        QCOMPARE(correlationDataToText("req-1"_ba), u"req-1"_s);
        QCOMPARE(correlationDataToText(QByteArray::fromHex("00ff")), u"0x00ff"_s);
        // Text that itself starts with 0x is shown as hex so it reads back the same.
        QCOMPARE(correlationDataToText("0x12"_ba), u"0x30783132"_s);
        for (const QByteArray& bytes : {"0x12"_ba, QByteArray::fromHex("c328"), "plain"_ba, QByteArray()})
            QCOMPARE(*parseCorrelationData(correlationDataToText(bytes), nullptr), bytes);
    }

    void hexPayloadFormat()
    {
        const QByteArray bytes = QByteArray::fromHex("000102030405060708090a0b0c0d0e0f10");
        QCOMPARE(formatHexBytes(bytes), u"00 01 02 03 04 05 06 07 08 09 0a 0b 0c 0d 0e 0f\n10"_s);
        QCOMPARE(*parseHexBytes(formatHexBytes(bytes), nullptr), bytes);
    }

    void reasonCodes()
    {
        QCOMPARE(reasonCodeText(0x87), u"Not authorized (0x87)"_s);
        QCOMPARE(reasonCodeText(0x95), u"Packet too large (0x95)"_s);
        QCOMPARE(reasonCodeText(0), u"Success (0x00)"_s);
        QVERIFY(isFailure(0x80, {}));
        QVERIFY(isFailure(0, u"timeout"_s));
        QVERIFY(isFailure(-1, {}));
        QVERIFY(!isFailure(0x10, {}));
        QCOMPARE(failureText(-1, u"Not connected"_s), u"Not connected"_s);
        QCOMPARE(failureText(0x87, u"not authorized"_s), u"Not authorized (0x87)"_s);
        QCOMPARE(connackCodeText(5, true), u"Not authorized (return code 5)"_s);
        QCOMPARE(connackCodeText(0x86, false), u"Bad User Name or Password (0x86)"_s);
    }

    void summaryText()
    {
        PublishSummary s;
        s.requested = 10;
        s.succeeded = 10;
        QCOMPARE(s.toString(), u"Sent 10 of 10."_s);
        s.succeeded = 3;
        s.failed = 2;
        s.cancelled = true;
        s.unanswered = 1;
        s.firstError = u"Quota exceeded (0x97)"_s;
        QCOMPARE(s.toString(), u"Sent 3, failed 2 of 10. Cancelled (1 still waiting for an answer). "
                               "First error: Quota exceeded (0x97)"_s);
    }
};

QTEST_GUILESS_MAIN(TestDialogText)
#include "tst_dialog_text.moc"
