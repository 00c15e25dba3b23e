// Payload kind detection (content type, payload format indicator, sniffing), the UTF-8
// scanner, and the safe text / preview helpers.
#include "models/payload/PayloadKind.h"
#include "models/payload/PayloadPreview.h"
#include "models/payload/Utf8Scan.h"

#include <QBuffer>
#include <QImage>
#include <QTest>

using namespace Qt::StringLiterals;
using bs::models::PayloadKind;

Q_DECLARE_METATYPE(std::optional<quint8>)

namespace {

QByteArray pngBytes()
{
    QImage image(4, 3, QImage::Format_ARGB32);
    image.fill(Qt::red);
    QByteArray bytes;
    QBuffer buffer(&bytes);
    buffer.open(QIODevice::WriteOnly);
    image.save(&buffer, "PNG");
    return bytes;
}

} // namespace

class PayloadKindTest : public QObject
{
    Q_OBJECT
private slots:
    void detection_data()
    {
        QTest::addColumn<QByteArray>("payload");
        QTest::addColumn<QString>("contentType");
        QTest::addColumn<std::optional<quint8>>("pfi");
        QTest::addColumn<PayloadKind>("kind");
        const std::optional<quint8> none;
        const QByteArray json = R"({"temp": 21.5, "ok": true})"_ba;

        // The content type wins over what the bytes look like.
        QTest::newRow("content type json on text") << "not json at all"_ba << u"application/json"_s << none << PayloadKind::Json;
        QTest::newRow("content type json with charset") << json << u"application/json; charset=utf-8"_s << none << PayloadKind::Json;
        QTest::newRow("content type +json") << json << u"application/ld+json"_s << none << PayloadKind::Json;
        QTest::newRow("content type text on json") << json << u"text/plain"_s << none << PayloadKind::Text;
        QTest::newRow("content type image on text") << "hello"_ba << u"image/png"_s << none << PayloadKind::Image;
        QTest::newRow("content type octet-stream on text") << "hello"_ba << u"application/octet-stream"_s << none << PayloadKind::Binary;
        QTest::newRow("content type wins over pfi") << json << u"text/plain"_s << std::optional<quint8>(1) << PayloadKind::Text;
        QTest::newRow("unknown content type sniffs") << json << u"application/x-custom"_s << none << PayloadKind::Json;

        // Payload format indicator 1: UTF-8 text, JSON if it parses.
        QTest::newRow("pfi 1 text") << "21.5 degrees"_ba << QString() << std::optional<quint8>(1) << PayloadKind::Text;
        QTest::newRow("pfi 1 json") << json << QString() << std::optional<quint8>(1) << PayloadKind::Json;
        QTest::newRow("pfi 1 wins over PNG signature") << "\x89PNG\r\n\x1A\nxx"_ba << QString() << std::optional<quint8>(1) << PayloadKind::Text;
        QTest::newRow("pfi 0 sniffs") << json << QString() << std::optional<quint8>(0) << PayloadKind::Json;

        // Sniffing.
        QTest::newRow("png magic") << pngBytes() << QString() << none << PayloadKind::Image;
        QTest::newRow("png magic only") << "\x89PNG\r\n\x1A\n\x00\x00"_ba << QString() << none << PayloadKind::Image;
        QTest::newRow("jpeg magic") << "\xFF\xD8\xFF\xE0\x00\x10JFIF"_ba << QString() << none << PayloadKind::Image;
        QTest::newRow("json object") << json << QString() << none << PayloadKind::Json;
        QTest::newRow("json array") << "  [1, 2, {\"a\": null}]\n"_ba << QString() << none << PayloadKind::Json;
        QTest::newRow("json with BOM") << "\xEF\xBB\xBF{\"a\":1}"_ba << QString() << none << PayloadKind::Json;
        QTest::newRow("broken json is text") << "{\"a\": 1,}"_ba << QString() << none << PayloadKind::Text;
        QTest::newRow("scalar is text") << "42"_ba << QString() << none << PayloadKind::Text;
        QTest::newRow("utf-8 text") << "Grüße, 温度 21 °C ✓"_ba << QString() << none << PayloadKind::Text;
        QTest::newRow("text with tabs and CRLF") << "a\tb\r\nc\r\n"_ba << QString() << none << PayloadKind::Text;
        QTest::newRow("empty") << QByteArray() << QString() << none << PayloadKind::Text;
        QTest::newRow("invalid utf-8") << "abc\xC3\x28 def"_ba << QString() << none << PayloadKind::Binary;
        QTest::newRow("latin-1 bytes") << "caf\xE9"_ba << QString() << none << PayloadKind::Binary;
        QTest::newRow("overlong encoding") << "\xC0\xAF"_ba << QString() << none << PayloadKind::Binary;
        QTest::newRow("surrogate encoded") << "\xED\xA0\x80"_ba << QString() << none << PayloadKind::Binary;
        QTest::newRow("NUL bytes") << QByteArray("ab\0cd", 5) << QString() << none << PayloadKind::Binary;
        QTest::newRow("control chars") << "\x01\x02\x03\x04"_ba << QString() << none << PayloadKind::Binary;
        QTest::newRow("truncated sequence at end") << "abc\xE2\x82"_ba << QString() << none << PayloadKind::Binary;
    }
    void detection()
    {
        QFETCH(QByteArray, payload);
        QFETCH(QString, contentType);
        QFETCH(std::optional<quint8>, pfi);
        QFETCH(PayloadKind, kind);
        const bs::models::PayloadDetection detection = bs::models::detectPayloadKind(payload, contentType, pfi);
        QCOMPARE(detection.kind, kind);
        QVERIFY2(!detection.reason.isEmpty(), "every detection explains itself");
    }

    void detectionFromMessage()
    {
        bs::client::MqttMessage message;
        message.payload = "plain"_ba;
        message.properties.contentType = u"application/json"_s;
        QCOMPARE(bs::models::detectPayloadKind(message).kind, PayloadKind::Json);
        QVERIFY(bs::models::detectPayloadKind(message).reason.contains(u"application/json"_s));
    }

    void hugePayloadsAreSniffedFromTheirStart()
    {
        // 20 MB of text with an invalid byte far beyond the sniff window: still Text (the
        // views show it safely); 20 MB that starts like JSON and ends like JSON: Json.
        QByteArray text(20 * 1024 * 1024, 'x');
        text[text.size() - 10] = char(0xFF);
        QCOMPARE(bs::models::detectPayloadKind(text).kind, PayloadKind::Text);
        QByteArray json = "[\"" + QByteArray(20 * 1024 * 1024, 'y') + "\"]";
        QCOMPARE(bs::models::detectPayloadKind(json).kind, PayloadKind::Json);
        QByteArray binary(20 * 1024 * 1024, '\0');
        QCOMPARE(bs::models::detectPayloadKind(binary).kind, PayloadKind::Binary);
    }

    void imageFormatSniffing()
    {
        QCOMPARE(bs::models::sniffImageFormat(pngBytes()), "png"_ba);
        QCOMPARE(bs::models::sniffImageFormat("\xFF\xD8\xFF\xDB"_ba), "jpeg"_ba);
        QCOMPARE(bs::models::sniffImageFormat("GIF89a"_ba), QByteArray());
    }

    void utf8Scan()
    {
        using bs::models::scanUtf8;
        using bs::models::Utf8Tail;
        QVERIFY(scanUtf8("plain ascii"_ba).valid);
        QVERIFY(scanUtf8("\xF0\x9F\x98\x80"_ba).valid);                // U+1F600
        QVERIFY(!scanUtf8("\xF4\x90\x80\x80"_ba).valid);               // above U+10FFFF
        QVERIFY(!scanUtf8("\xE0\x80\x80"_ba).valid);                   // overlong
        QCOMPARE(scanUtf8("ab\xFF"_ba).invalidAt, 2);
        QVERIFY(!scanUtf8("ab\xE2\x82"_ba).valid);                     // cut at the end...
        QVERIFY(scanUtf8("ab\xE2\x82"_ba, Utf8Tail::MayBeTruncated).valid); // ...fine in a prefix
        QCOMPARE(scanUtf8(QByteArray("a\0b\x01", 4)).nulBytes, 1);
        QCOMPARE(scanUtf8(QByteArray("a\0b\x01", 4)).controlChars, 1);
    }

    void utf8Boundary()
    {
        const QByteArray text = "a\xC3\xA9\xE2\x82\xAC"_ba; // a é €
        using bs::models::utf8BoundaryAtOrBefore;
        QCOMPARE(utf8BoundaryAtOrBefore(text, 1), 1);
        QCOMPARE(utf8BoundaryAtOrBefore(text, 2), 1); // inside é
        QCOMPARE(utf8BoundaryAtOrBefore(text, 3), 3);
        QCOMPARE(utf8BoundaryAtOrBefore(text, 4), 3); // inside €
        QCOMPARE(utf8BoundaryAtOrBefore(text, 5), 3);
        QCOMPARE(utf8BoundaryAtOrBefore(text, 6), 6);
        QCOMPARE(utf8BoundaryAtOrBefore(text, 100), 6);
    }

    void safeTextShowsControlsAndInvalidBytes()
    {
        const QString text = bs::models::safeText(QByteArray("a\0b\x01\tc\nd\xFF", 9));
        QCOMPARE(text, u"a\\x00b\\x01\tc\nd\uFFFD"_s);
        QCOMPARE(bs::models::safeTextPrefix("a\xC3\xA9"_ba, 2), u"a"_s);
        QCOMPARE(bs::models::oneLineText(u"a\nb\tc\x7f"_s), u"a\\nb\\tc\\x7f"_s);
        QCOMPARE(bs::models::safeText("tab\tstays, ESC \x1b does not"_ba), u"tab\tstays, ESC \\x1b does not"_s);
    }

    void longLinesAreBrokenForDisplay()
    {
        QString text = u"short\n"_s + QString(25, u'a') + u"\nend"_s;
        QCOMPARE(bs::models::breakLongLines(text, 10), 1);
        QCOMPARE(text, u"short\naaaaaaaaaa\naaaaaaaaaa\naaaaa\nend"_s);
        QString clean = u"one\ntwo\n"_s;
        QCOMPARE(bs::models::breakLongLines(clean, 10), 0);
        QCOMPARE(clean, u"one\ntwo\n"_s);
        // Never between the two halves of a surrogate pair.
        QString emoji = u"aaaa\U0001F600bbbb"_s; // 4 + 2 + 4 UTF-16 units
        QCOMPARE(bs::models::breakLongLines(emoji, 5), 1);
        QCOMPARE(emoji.split(u'\n').first(), u"aaaa"_s);
        QCOMPARE(emoji.remove(u'\n'), u"aaaa\U0001F600bbbb"_s);
    }

    void sizes()
    {
        using bs::models::formatByteSize;
        QCOMPARE(formatByteSize(0), u"0 bytes"_s);
        QCOMPARE(formatByteSize(1), u"1 byte"_s);
        QCOMPARE(formatByteSize(1023), u"1023 bytes"_s);
        QCOMPARE(formatByteSize(1536), u"1.5 KB"_s);
        QCOMPARE(formatByteSize(100LL * 1024 * 1024), u"100 MB"_s);
        QCOMPARE(formatByteSize(3LL * 1024 * 1024 * 1024 / 2), u"1.5 GB"_s);
    }

    void oneLinePreview()
    {
        using bs::models::oneLinePreview;
        QCOMPARE(oneLinePreview(QByteArray()), u"(empty)"_s);
        QCOMPARE(oneLinePreview("{\n  \"a\": 1\n}\n"_ba), u"{ \"a\": 1 }"_s);
        const QString longText = oneLinePreview(QByteArray(500, 'z'), 40);
        QCOMPARE(longText.size(), 40);
        QVERIFY(longText.endsWith(u'…'));
        const QString binary = oneLinePreview("\x89PNG\r\n\x1A\n\x00\x00\x00\x0DIHDR"_ba, 60);
        QVERIFY2(binary.startsWith(u"binary, 16 bytes: 89 50 4e 47"_s), qPrintable(binary));
        const QString invalid = oneLinePreview("ok\xC3\x28"_ba);
        QVERIFY2(invalid.startsWith(u"binary"_s), qPrintable(invalid));
        for (const QChar c : invalid)
            QVERIFY(c.unicode() >= 0x20);
    }
};

QTEST_GUILESS_MAIN(PayloadKindTest)
#include "tst_payload_kind.moc"
