// HexDump: offsets, hex columns with the middle gap, ASCII dots, partial last line, ranges
// clipped to the dump, and a 100 MB dump answered line by line without building it.
#include "models/payload/HexDump.h"

#include <QTest>

using namespace Qt::StringLiterals;
using bs::models::HexDump;

class HexDumpTest : public QObject
{
    Q_OBJECT
private slots:
    void fullAndPartialLines()
    {
        QByteArray bytes = "Hello, world"_ba;
        bytes += QByteArray("\n\0\xFF\x7F", 4); // 16 bytes
        bytes += "Hi"_ba;                       // a partial second line
        const HexDump dump(bytes);
        QCOMPARE(dump.lineCount(), 2);
        QCOMPARE(dump.offsetText(0), u"00000000"_s);
        QCOMPARE(dump.offsetText(1), u"00000010"_s);
        QCOMPARE(dump.hexText(0), u"48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 ff 7f"_s);
        QCOMPARE(dump.asciiText(0), u"Hello, world...."_s);
        QCOMPARE(dump.lineText(0),
                 u"00000000  48 65 6c 6c 6f 2c 20 77  6f 72 6c 64 0a 00 ff 7f  |Hello, world....|"_s);
        // The hex column keeps its width on a short line, so the ASCII column lines up.
        QCOMPARE(dump.hexText(1).size(), qsizetype(HexDump::HexColumnChars));
        QCOMPARE(dump.lineText(1),
                 QString(u"00000010  48 69"_s + QString(43 + 2, u' ') + u"|Hi|"_s));
        QCOMPARE(dump.lineText(0).indexOf(u'|'), dump.lineText(1).indexOf(u'|'));
    }

    void everyNonPrintableByteIsADot()
    {
        QByteArray all(256, '\0');
        for (int i = 0; i < 256; ++i)
            all[i] = char(i);
        const HexDump dump(all);
        QCOMPARE(dump.lineCount(), 16);
        QCOMPARE(dump.asciiText(0), QString(16, u'.'));           // 0x00..0x0f
        QCOMPARE(dump.asciiText(2), u" !\"#$%&'()*+,-./"_s);       // 0x20..0x2f
        QCOMPARE(dump.asciiText(7), u"pqrstuvwxyz{|}~."_s);        // 0x7f is a dot
        QCOMPARE(dump.asciiText(12), QString(16, u'.'));          // high bytes
        QCOMPARE(dump.hexText(15).right(2), u"ff"_s);
    }

    void rangesAreClipped()
    {
        const HexDump dump(QByteArray(40, 'a'));
        QCOMPARE(dump.lineCount(), 3);
        QCOMPARE(dump.lines(-5, 7).size(), 2);  // [0, 2)
        QCOMPARE(dump.lines(1, 100).size(), 2); // [1, 3)
        QCOMPARE(dump.lines(3, 1).size(), 0);
        QCOMPARE(dump.lines(0, 3).last(), QString(u"00000020  61 61 61 61 61 61 61 61"_s + QString(25 + 2, u' ') + u"|aaaaaaaa|"_s));
        QVERIFY(dump.lineText(3).isEmpty());
        QVERIFY(dump.offsetText(-1).isEmpty());
        QCOMPARE(HexDump().lineCount(), 0);
    }

    void hundredMegabytesOnDemand()
    {
        QByteArray big(100 * 1024 * 1024, 'B');
        big[big.size() - 1] = 'Z';
        const HexDump dump(big);
        QVERIFY(dump.data().isSharedWith(big)); // no copy of the payload
        QCOMPARE(dump.lineCount(), 100 * 1024 * 1024 / 16);
        const qint64 last = dump.lineCount() - 1;
        QCOMPARE(dump.offsetText(last), u"063ffff0"_s);
        QVERIFY(dump.lineText(last).endsWith(u"|BBBBBBBBBBBBBBBZ|"_s));
        QCOMPARE(dump.lines(last - 29, 30).size(), 30);
    }
};

QTEST_GUILESS_MAIN(HexDumpTest)
#include "tst_hex_dump.moc"
