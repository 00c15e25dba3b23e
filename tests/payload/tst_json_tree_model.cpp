// JsonTreeModel under QAbstractItemModelTester: nested objects and arrays in document order,
// broken JSON as one clear error row, the node cap with its "… more" markers, the size
// limit; and the order-preserving pretty printer.
#include "models/payload/JsonFormat.h"
#include "models/payload/JsonTreeModel.h"

#include <QAbstractItemModelTester>
#include <QJsonDocument>
#include <QTest>

using namespace Qt::StringLiterals;
using bs::models::JsonNodeType;
using bs::models::JsonTreeModel;

namespace {

QString cell(const QAbstractItemModel& model, const QModelIndex& parent, int row, int column)
{
    return model.index(row, column, parent).data().toString();
}

QModelIndex childWithKey(const QAbstractItemModel& model, const QModelIndex& parent, const QString& key)
{
    for (int row = 0; row < model.rowCount(parent); ++row) {
        if (cell(model, parent, row, JsonTreeModel::KeyColumn) == key)
            return model.index(row, 0, parent);
    }
    return {};
}

} // namespace

class JsonTreeModelTest : public QObject
{
    Q_OBJECT
private slots:
    void nestedObjectsAndArrays()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson("{\"zeta\": 1, \"alpha\": {\"b\": [10, \"x\", null, true, {\"deep\": 1.50}], \"e\": {}},\n"
                          "\"mid\": \"text\\nwith break\"}"_ba);
        QCOMPARE(model.state(), JsonTreeModel::State::Ready);
        QCOMPARE(model.columnCount(), 3);
        QCOMPARE(model.rowCount(), 3);
        // Document order, not QJsonObject's sorted order.
        QCOMPARE(cell(model, {}, 0, 0), u"zeta"_s);
        QCOMPARE(cell(model, {}, 1, 0), u"alpha"_s);
        QCOMPARE(cell(model, {}, 2, 0), u"mid"_s);
        QCOMPARE(cell(model, {}, 0, JsonTreeModel::TypeColumn), u"number"_s);
        QCOMPARE(cell(model, {}, 1, JsonTreeModel::ValueColumn), u"2 keys"_s);
        QCOMPARE(cell(model, {}, 1, JsonTreeModel::TypeColumn), u"object"_s);
        // A line break inside a value stays on one line, visibly.
        QCOMPARE(cell(model, {}, 2, JsonTreeModel::ValueColumn), u"text\\nwith break"_s);

        const QModelIndex alpha = model.index(1, 0);
        const QModelIndex b = childWithKey(model, alpha, u"b"_s);
        QVERIFY(b.isValid());
        QCOMPARE(model.rowCount(b), 5);
        QCOMPARE(b.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"5 items"_s);
        QCOMPARE(cell(model, b, 0, 0), u"[0]"_s);
        QCOMPARE(cell(model, b, 1, JsonTreeModel::ValueColumn), u"x"_s);
        QCOMPARE(cell(model, b, 1, JsonTreeModel::TypeColumn), u"string"_s);
        QCOMPARE(cell(model, b, 2, JsonTreeModel::TypeColumn), u"null"_s);
        QCOMPARE(cell(model, b, 3, JsonTreeModel::TypeColumn), u"boolean"_s);
        const QModelIndex deepObject = model.index(4, 0, b);
        QCOMPARE(model.parent(deepObject), b);
        QCOMPARE(cell(model, deepObject, 0, JsonTreeModel::ValueColumn), u"1.50"_s); // as written
        QCOMPARE(model.path(model.index(0, 0, deepObject)), u"$.alpha.b[4].deep"_s);
        const QModelIndex empty = childWithKey(model, alpha, u"e"_s);
        QCOMPARE(model.rowCount(empty), 0);
        QCOMPARE(empty.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"empty object"_s);
        QVERIFY(model.flags(empty) & Qt::ItemNeverHasChildren);
        QCOMPARE(model.totalValues(), 11);
    }

    void topLevelArrayAndScalar()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson("[[1, 2], [3]]"_ba);
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(model.rowCount(model.index(0, 0)), 2);
        QCOMPARE(model.path(model.index(1, 0, model.index(0, 0))), u"$[0][1]"_s);
        model.setJson("  \"just a string\" "_ba);
        QCOMPARE(model.state(), JsonTreeModel::State::Ready);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, {}, 0, JsonTreeModel::ValueColumn), u"just a string"_s);
    }

    void escapesAndUnicode()
    {
        JsonTreeModel model;
        model.setJson("{\"q\\\"uote\": \"tab\\there \\u00e9\\ud83d\\ude00 \\/\"}"_ba);
        QCOMPARE(model.state(), JsonTreeModel::State::Ready);
        QCOMPARE(cell(model, {}, 0, 0), u"q\"uote"_s);
        QCOMPARE(cell(model, {}, 0, 1), u"tab\\there é\U0001F600 /"_s);
    }

    void brokenJsonGivesAnErrorRow_data()
    {
        QTest::addColumn<QByteArray>("json");
        QTest::addColumn<QString>("where");
        QTest::newRow("trailing comma") << "{\"a\": 1,}"_ba << u"line 1, column 9"_s;
        QTest::newRow("missing colon") << "{\"a\" 1}"_ba << u"line 1, column 6"_s;
        QTest::newRow("unclosed") << "{\"a\": [1, 2"_ba << u"line 1, column 12"_s;
        QTest::newRow("second line") << "{\n  \"a\": tru\n}"_ba << u"line 2, column 8"_s;
        QTest::newRow("raw control char") << "[\"a\tb\"]"_ba << u"line 1, column 4"_s;
        QTest::newRow("garbage after") << "{} {}"_ba << u"line 1, column 4"_s;
        QTest::newRow("empty") << "   "_ba << u"line 1, column 4"_s;
        QTest::newRow("leading zero") << "[01]"_ba << u"line 1, column 3"_s;
        QTest::newRow("binary") << "\x89PNG\r\n"_ba << u"line 1, column 1"_s;
    }
    void brokenJsonGivesAnErrorRow()
    {
        QFETCH(QByteArray, json);
        QFETCH(QString, where);
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setJson(json);
        QCOMPARE(model.state(), JsonTreeModel::State::Invalid);
        QVERIFY2(model.errorString().contains(where), qPrintable(model.errorString()));
        // Exactly one row, typed "error", whose value says what went wrong.
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(cell(model, {}, 0, JsonTreeModel::TypeColumn), u"error"_s);
        QCOMPARE(cell(model, {}, 0, JsonTreeModel::ValueColumn), model.errorString());
        QCOMPARE(model.index(0, 0).data(JsonTreeModel::NodeTypeRole).toInt(), int(JsonNodeType::Error));
    }

    void deepNestingDoesNotOverflowTheStack()
    {
        const int depth = 200'000;
        const QByteArray json = QByteArray(depth, '[') + QByteArray(depth, ']');
        JsonTreeModel model;
        model.setJson(json);
        QCOMPARE(model.state(), JsonTreeModel::State::Truncated); // 200,000 nodes > cap
        QCOMPARE(model.nodeCount(), JsonTreeModel::DefaultNodeLimit + 1); // + the marker at the cut
    }

    void capAddsMarkersAndKeepsTheRestValidated()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setNodeLimit(10);
        // 3 top-level members; "list" has 20 items: the cap falls inside it.
        QByteArray json = "{\"a\": 1, \"list\": ["_ba;
        for (int i = 0; i < 20; ++i)
            json += (i ? ", " : "") + QByteArray::number(i);
        json += "], \"after\": {\"x\": 1}}";
        model.setJson(json);
        QCOMPARE(model.state(), JsonTreeModel::State::Truncated);
        QCOMPARE(model.totalValues(), 24); // a, list, 20 items, after, x
        // Built: a, list, 8 items = 10 nodes; then a marker in "list" and one at the top level
        // for "after", which did not fit.
        const QModelIndex list = model.index(1, 0);
        QCOMPARE(model.rowCount(list), 9);
        QCOMPARE(cell(model, list, 8, JsonTreeModel::TypeColumn), u"truncated"_s);
        QVERIFY2(cell(model, list, 8, JsonTreeModel::ValueColumn).contains(u"12 more"_s),
                 qPrintable(cell(model, list, 8, JsonTreeModel::ValueColumn)));
        QCOMPARE(model.rowCount(), 3);
        QCOMPARE(cell(model, {}, 2, JsonTreeModel::TypeColumn), u"truncated"_s);
        QVERIFY(cell(model, {}, 2, JsonTreeModel::ValueColumn).contains(u"1 more"_s));
        QCOMPARE(list.siblingAtColumn(JsonTreeModel::ValueColumn).data().toString(), u"20 items"_s);

        // The cap does not hide errors further on.
        model.setJson(json.replace("\"x\": 1", "\"x\": oops"));
        QCOMPARE(model.state(), JsonTreeModel::State::Invalid);
    }

    void defaultCapOnABigDocument()
    {
        QByteArray json = "[";
        for (int i = 0; i < 150'000; ++i)
            json += (i ? ",{\"n\":" : "{\"n\":") + QByteArray::number(i) + "}";
        json += "]";
        JsonTreeModel model;
        model.setJson(json);
        QCOMPARE(model.state(), JsonTreeModel::State::Truncated);
        QCOMPARE(model.totalValues(), 300'000);
        QVERIFY(model.nodeCount() <= JsonTreeModel::DefaultNodeLimit + 2);
        QCOMPARE(model.rowCount(), 50'001); // 50,000 objects with their member, then the marker
    }

    void tooLargeIsNotParsed()
    {
        JsonTreeModel model;
        QAbstractItemModelTester tester(&model, QAbstractItemModelTester::FailureReportingMode::QtTest);
        model.setMaxDocumentBytes(100);
        model.setJson("[" + QByteArray(200, ' ') + "]");
        QCOMPARE(model.state(), JsonTreeModel::State::TooLarge);
        QCOMPARE(model.rowCount(), 1);
        QVERIFY(cell(model, {}, 0, JsonTreeModel::ValueColumn).contains(u"Text or Hex"_s));
        model.clear();
        QCOMPARE(model.state(), JsonTreeModel::State::Empty);
        QCOMPARE(model.rowCount(), 0);
    }

    void indentKeepsOrderAndNumbers()
    {
        const QByteArray compact = "{\"z\":1.50,\"a\":[1,{\"s\":\"x, {y}: \\\"q\\\"\"}],\"e\":{},\"f\":[ ]}"_ba;
        const QByteArray pretty = bs::models::indentJson(compact);
        const QByteArray expected = "{\n"
                                    "  \"z\": 1.50,\n"
                                    "  \"a\": [\n"
                                    "    1,\n"
                                    "    {\n"
                                    "      \"s\": \"x, {y}: \\\"q\\\"\"\n"
                                    "    }\n"
                                    "  ],\n"
                                    "  \"e\": {},\n"
                                    "  \"f\": []\n"
                                    "}"_ba;
        QCOMPARE(pretty, expected);
        // Same document as far as a JSON parser is concerned.
        QCOMPARE(QJsonDocument::fromJson(pretty), QJsonDocument::fromJson(compact));
        // Broken input comes out as text, without crashing.
        QVERIFY(!bs::models::indentJson("{\"a\": \"unterminated"_ba).isEmpty());
    }
};

QTEST_GUILESS_MAIN(JsonTreeModelTest)
#include "tst_json_tree_model.moc"
