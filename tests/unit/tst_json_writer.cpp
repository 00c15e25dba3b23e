// JsonWriter (the admin API's fast path for big answers): what it writes is JSON that Qt's
// parser reads back to the same values — RFC 8259 §7 escapes for quotes, backslashes and
// control characters, UTF-8 for the rest, commas in nested objects and arrays.

#include "broker/core/JsonWriter.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using bs::broker::JsonWriter;
using namespace Qt::StringLiterals;

class JsonWriterTest : public QObject
{
    Q_OBJECT

private slots:
    void stringsRoundTrip_data()
    {
        QTest::addColumn<QString>("text");
        QTest::newRow("plain") << u"shop/orders"_s;
        QTest::newRow("quote and backslash") << u"a\"b\\c"_s;
        QTest::newRow("control characters") << u"tab\tnew\nline\u0001\u001f"_s;
        QTest::newRow("non-ASCII") << u"café/温度/😀"_s;
        QTest::newRow("empty") << QString();
    }
    void stringsRoundTrip()
    {
        QFETCH(QString, text);
        const QByteArray json = JsonWriter().beginObject().key("k"_L1).value(text).endObject().take();
        QJsonParseError error;
        const QJsonDocument document = QJsonDocument::fromJson(json, &error);
        QVERIFY2(error.error == QJsonParseError::NoError, json.constData());
        QCOMPARE(document.object().value(u"k"_s).toString(), text);
    }

    void nestingAndCommas()
    {
        JsonWriter json;
        json.beginObject().key("list"_L1).beginArray();
        for (int i = 0; i < 3; ++i)
            json.beginObject().key("n"_L1).value(qint64(i)).key("odd"_L1).value(i % 2 == 1).endObject();
        json.endArray().key("empty"_L1).beginArray().endArray().key("raw"_L1).raw(R"({"x":1})"_ba).endObject();
        QCOMPARE(json.bytes(), R"({"list":[{"n":0,"odd":false},{"n":1,"odd":true},{"n":2,"odd":false}],"empty":[],"raw":{"x":1}})"_ba);
        QVERIFY(!QJsonDocument::fromJson(json.bytes()).isNull());
    }
};

QTEST_GUILESS_MAIN(JsonWriterTest)
#include "tst_json_writer.moc"
