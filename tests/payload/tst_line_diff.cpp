// LineDiff: identical, added, removed, changed lines with their numbers; the limits
// (bytes, lines, edit distance) and their notes; payload-aware diffs (JSON re-indented,
// binary as hex); LineDiffModel and DiffContextFilter under QAbstractItemModelTester.
#include "models/payload/DiffContextFilter.h"
#include "models/payload/LineDiff.h"
#include "models/payload/LineDiffModel.h"
#include "models/payload/PayloadDiff.h"

#include <QAbstractItemModelTester>
#include <QBrush>
#include <QTest>

using namespace Qt::StringLiterals;
using bs::models::DiffLine;
using Kind = bs::models::DiffLine::Kind;

namespace {

// "=a", "+b", "-c": a compact picture of a diff for comparisons.
QStringList picture(const bs::models::LineDiffResult& result)
{
    QStringList out;
    for (const DiffLine& line : result.lines) {
        const QChar mark = line.kind == Kind::Added ? u'+' : line.kind == Kind::Removed ? u'-' : u'=';
        out << mark + line.text;
    }
    return out;
}

QStringList lines(const char* text)
{
    return QString::fromUtf8(text).split(u' ', Qt::SkipEmptyParts);
}

} // namespace

class LineDiffTest : public QObject
{
    Q_OBJECT
private slots:
    void cases_data()
    {
        QTest::addColumn<QStringList>("before");
        QTest::addColumn<QStringList>("after");
        QTest::addColumn<QStringList>("expected");
        QTest::newRow("identical") << lines("a b c") << lines("a b c") << lines("=a =b =c");
        QTest::newRow("both empty") << QStringList() << QStringList() << QStringList();
        QTest::newRow("all added") << QStringList() << lines("a b") << lines("+a +b");
        QTest::newRow("all removed") << lines("a b") << QStringList() << lines("-a -b");
        QTest::newRow("append") << lines("a b") << lines("a b c") << lines("=a =b +c");
        QTest::newRow("prepend") << lines("b c") << lines("a b c") << lines("+a =b =c");
        QTest::newRow("change middle") << lines("a b c") << lines("a X c") << lines("=a -b +X =c");
        QTest::newRow("delete middle") << lines("a b c d") << lines("a d") << lines("=a -b -c =d");
        QTest::newRow("move") << lines("a b c d e") << lines("a c d b e") << lines("=a -b =c =d +b =e");
        QTest::newRow("classic abcabba") << lines("a b c a b b a") << lines("c b a b a c")
                                         << lines("-a -b =c +b =a =b -b =a +c");
    }
    void cases()
    {
        QFETCH(QStringList, before);
        QFETCH(QStringList, after);
        QFETCH(QStringList, expected);
        const bs::models::LineDiffResult result = bs::models::diffLines(before, after);
        QCOMPARE(picture(result), expected);
        QCOMPARE(result.identical(), before == after);
        QVERIFY(!result.truncated);
        QVERIFY(result.aligned);
        QVERIFY(result.note.isEmpty());

        // Replaying the script rebuilds both sides, numbered 1, 2, 3...
        QStringList oldSide;
        QStringList newSide;
        for (const DiffLine& line : result.lines) {
            if (line.kind != Kind::Added) {
                oldSide << line.text;
                QCOMPARE(line.oldNumber, oldSide.size());
            }
            if (line.kind != Kind::Removed) {
                newSide << line.text;
                QCOMPARE(line.newNumber, newSide.size());
            }
        }
        QCOMPARE(oldSide, before);
        QCOMPARE(newSide, after);
        QCOMPARE(result.added, int(std::count_if(result.lines.cbegin(), result.lines.cend(),
                                                 [](const DiffLine& l) { return l.kind == Kind::Added; })));
    }

    void textSplitting()
    {
        // CRLF and LF are the same line break; a final break adds no empty line.
        const auto result = bs::models::diffText("a\r\nb\r\n"_ba, "a\nb\nc"_ba);
        QCOMPARE(picture(result), lines("=a =b +c"));
        // Invalid UTF-8 and NUL are shown safely.
        const auto binaryish = bs::models::diffText(QByteArray("x\0\xFF", 3), "x"_ba);
        QCOMPARE(binaryish.lines.first().text, u"x\\x00\uFFFD"_s);
    }

    void inputIsBoundedAndSaysSo()
    {
        bs::models::DiffLimits limits;
        limits.maxLines = 100;
        QByteArray before;
        QByteArray after;
        for (int i = 0; i < 1000; ++i) {
            before += "line " + QByteArray::number(i) + "\n";
            after += "line " + QByteArray::number(i == 500 ? -1 : i) + "\n";
        }
        const auto result = bs::models::diffText(before, after, limits);
        QVERIFY(result.truncated);
        QCOMPARE(result.lines.size(), 100);
        QVERIFY(result.identical()); // the change is past the compared part...
        QVERIFY2(result.note.contains(u"first"_s), qPrintable(result.note)); // ...and the note says so

        limits = {};
        limits.maxBytes = 1000;
        const auto byBytes = bs::models::diffText(before, after, limits);
        QVERIFY(byBytes.truncated);
        QVERIFY(byBytes.lines.size() < 200);
        QVERIFY(byBytes.note.contains(u"1000 bytes"_s));
    }

    void tooDifferentIsShownUnaligned()
    {
        bs::models::DiffLimits limits;
        limits.maxEditDistance = 10;
        QStringList before;
        QStringList after;
        for (int i = 0; i < 50; ++i) {
            before << u"old %1"_s.arg(i);
            after << u"new %1"_s.arg(i);
        }
        before.prepend(u"same"_s);
        after.prepend(u"same"_s);
        const auto result = bs::models::diffLines(before, after, limits);
        QVERIFY(!result.aligned);
        QCOMPARE(result.added, 50);
        QCOMPARE(result.removed, 50);
        QCOMPARE(result.lines.first().kind, Kind::Same);
        QCOMPARE(result.lines.at(1).kind, Kind::Removed);
        QCOMPARE(result.lines.last().kind, Kind::Added);
        QVERIFY(result.note.contains(u"more than 10 lines"_s));
    }

    void largeInputsStayWithinLimits()
    {
        // 20,000 lines each with a change every 100 lines: aligned, exact counts.
        QStringList before;
        QStringList after;
        for (int i = 0; i < 20'000; ++i) {
            before << u"row %1"_s.arg(i);
            after << (i % 100 == 0 ? u"changed %1"_s.arg(i) : u"row %1"_s.arg(i));
        }
        const auto result = bs::models::diffLines(before, after);
        QVERIFY(result.aligned);
        QCOMPARE(result.added, 200);
        QCOMPARE(result.removed, 200);
        QCOMPARE(result.lines.size(), 20'200);
    }

    void jsonIsDiffedIndented()
    {
        using bs::models::PayloadKind;
        const auto result = bs::models::diffPayloads(R"({"a":1,"b":2,"c":3})"_ba, PayloadKind::Json,
                                                     R"({"a":1,"b":5,"c":3})"_ba, PayloadKind::Json);
        QCOMPARE(result.removed, 1);
        QCOMPARE(result.added, 1);
        QCOMPARE(picture(result), (QStringList{u"={"_s, u"=  \"a\": 1,"_s, u"-  \"b\": 2,"_s,
                                               u"+  \"b\": 5,"_s, u"=  \"c\": 3"_s, u"=}"_s}));
    }

    void bigCompactJsonIsDiffedByMember()
    {
        using bs::models::PayloadKind;
        QByteArray before = "[";
        for (int i = 0; i < 50'000; ++i)
            before += (i ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i) + "}";
        before += "]";
        QByteArray after = before;
        after.replace("{\"n\":77}", "{\"n\":-77}");
        bs::models::DiffLimits limits;
        limits.maxBytes = 100'000; // the documents are about 450 KB on one line
        const auto result = bs::models::diffPayloads(before, PayloadKind::Json, after, PayloadKind::Json, limits);
        // The change shows as one member line; at most one more line differs where the two
        // prefixes were cut (the new one is a byte longer before the cut).
        QVERIFY(result.removed >= 1 && result.removed <= 2);
        QCOMPARE(result.added, 1);
        QVERIFY(result.truncated);
        QVERIFY(result.note.contains(u"first"_s));
        const auto added = std::find_if(result.lines.cbegin(), result.lines.cend(),
                                        [](const DiffLine& l) { return l.kind == Kind::Added; });
        QCOMPARE(added->text.trimmed(), u"\"n\": -77"_s);
    }

    void binaryIsDiffedAsHex()
    {
        using bs::models::PayloadKind;
        QByteArray before(64, '\x01');
        QByteArray after = before;
        after[40] = '\x02';
        const auto result = bs::models::diffPayloads(before, PayloadKind::Binary, after, PayloadKind::Binary);
        QCOMPARE(result.removed, 1);
        QCOMPARE(result.added, 1);
        const auto changed = std::find_if(result.lines.cbegin(), result.lines.cend(),
                                          [](const DiffLine& l) { return l.kind == Kind::Added; });
        QVERIFY(changed->text.startsWith(u"00000020  01 01 01 01 01 01 01 01  02"_s));
        QVERIFY(result.note.contains(u"hex"_s));
    }

    void model()
    {
        bs::models::LineDiffModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        QCOMPARE(model.rowCount(), 0);
        model.setResult(bs::models::diffLines(lines("a b c"), lines("a X c")));
        QCOMPARE(model.rowCount(), 4);
        QCOMPARE(model.columnCount(), 3);
        using M = bs::models::LineDiffModel;
        QCOMPARE(model.index(1, M::TextColumn).data().toString(), u"- b"_s);
        QCOMPARE(model.index(2, M::TextColumn).data().toString(), u"+ X"_s);
        QCOMPARE(model.index(0, M::TextColumn).data().toString(), u"  a"_s);
        QCOMPARE(model.index(1, M::OldNumberColumn).data().toInt(), 2);
        QVERIFY(!model.index(1, M::NewNumberColumn).data().isValid());
        QCOMPARE(model.index(2, M::NewNumberColumn).data().toInt(), 2);
        QCOMPARE(model.index(2, 0).data(M::KindRole).toInt(), int(Kind::Added));
        // Added and removed rows are coloured differently; unchanged rows are not coloured.
        const QVariant added = model.index(2, M::TextColumn).data(Qt::BackgroundRole);
        const QVariant removed = model.index(1, M::TextColumn).data(Qt::BackgroundRole);
        QVERIFY(added.isValid() && removed.isValid());
        QVERIFY(added.value<QBrush>().color() != removed.value<QBrush>().color());
        QVERIFY(!model.index(0, M::TextColumn).data(Qt::BackgroundRole).isValid());
        model.clear();
        QCOMPARE(model.rowCount(), 0);
    }

    void contextFilterKeepsThreeLinesAroundChanges()
    {
        QStringList before;
        for (int i = 1; i <= 30; ++i)
            before << u"line %1"_s.arg(i);
        QStringList after = before;
        after[14] = u"changed 15"_s; // one change in the middle
        after << u"line 31"_s;       // and one appended at the end

        bs::models::LineDiffModel model;
        bs::models::DiffContextFilter filter;
        QAbstractItemModelTester tester(&filter, QAbstractItemModelTester::FailureReportingMode::QtTest);
        filter.setSourceModel(&model);
        filter.setContextLines(3);
        model.setResult(bs::models::diffLines(before, after));
        QCOMPARE(model.rowCount(), 32);
        // Lines 12-14, -15, +15, 16-18; then 28-30 and +31.
        QCOMPARE(filter.rowCount(), 12);
        QCOMPARE(filter.index(0, bs::models::LineDiffModel::OldNumberColumn).data().toInt(), 12);
        QCOMPARE(filter.index(3, bs::models::LineDiffModel::TextColumn).data().toString(), u"- line 15"_s);
        QCOMPARE(filter.index(4, bs::models::LineDiffModel::TextColumn).data().toString(), u"+ changed 15"_s);
        QCOMPARE(filter.index(7, bs::models::LineDiffModel::OldNumberColumn).data().toInt(), 18);
        QCOMPARE(filter.index(8, bs::models::LineDiffModel::OldNumberColumn).data().toInt(), 28);
        QCOMPARE(filter.index(11, bs::models::LineDiffModel::TextColumn).data().toString(), u"+ line 31"_s);

        filter.setContextLines(-1); // everything
        QCOMPARE(filter.rowCount(), 32);
        filter.setContextLines(0);  // changes alone
        QCOMPARE(filter.rowCount(), 3);

        // A new result is filtered afresh.
        model.setResult(bs::models::diffLines(before, before));
        QCOMPARE(filter.rowCount(), 0);
        model.setResult(bs::models::diffLines(before, after));
        QCOMPARE(filter.rowCount(), 3);
    }
};

QTEST_GUILESS_MAIN(LineDiffTest)
#include "tst_line_diff.moc"
