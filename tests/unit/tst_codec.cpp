// The engine's codec: data types (§1.5), properties (§2.2.2) and the packet framer (§2.1).
#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"
#include "broker/protocol/PacketFramer.h"
#include "broker/protocol/Packets.h"

#include <QTest>

using namespace bs::mqtt;

class CodecTest : public QObject
{
    Q_OBJECT
private slots:
    void varintRoundTrip_data()
    {
        QTest::addColumn<quint32>("value");
        QTest::addColumn<int>("size");
        // §1.5.5 table of boundaries
        QTest::newRow("0") << 0u << 1;
        QTest::newRow("127") << 127u << 1;
        QTest::newRow("128") << 128u << 2;
        QTest::newRow("16383") << 16'383u << 2;
        QTest::newRow("16384") << 16'384u << 3;
        QTest::newRow("2097151") << 2'097'151u << 3;
        QTest::newRow("2097152") << 2'097'152u << 4;
        QTest::newRow("max") << 268'435'455u << 4;
    }
    void varintRoundTrip()
    {
        QFETCH(quint32, value);
        QFETCH(int, size);
        ByteWriter writer;
        writer.varint(value);
        QCOMPARE(writer.size(), size);
        QCOMPARE(varintSize(value), size);
        ByteReader reader(writer.bytes());
        QCOMPARE(reader.varint(), value);
        QVERIFY(reader.ok());
    }

    void varintLongerThanFourBytesIsMalformed()
    {
        ByteReader reader(QByteArray("\xFF\xFF\xFF\xFF\x01", 5));
        reader.varint();
        QCOMPARE(reader.error(), ReasonCode::MalformedPacket);
    }

    void utf8Validation_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<bool>("valid");
        QTest::newRow("ascii") << QByteArray("abc") << true;
        QTest::newRow("two byte") << QByteArray("\xC3\xA9") << true;
        QTest::newRow("four byte") << QByteArray("\xF0\x9F\x98\x80") << true;
        QTest::newRow("nul") << QByteArray("a\0b", 3) << false;               // MQTT-1.5.4-2
        QTest::newRow("surrogate") << QByteArray("\xED\xA0\x80") << false;     // MQTT-1.5.4-1
        QTest::newRow("overlong") << QByteArray("\xC0\xAF") << false;
        QTest::newRow("truncated") << QByteArray("\xE2\x82") << false;
        QTest::newRow("bad continuation") << QByteArray("\xC3\x28") << false;
        QTest::newRow("above max") << QByteArray("\xF4\x90\x80\x80") << false;
    }
    void utf8Validation()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(bool, valid);
        QCOMPARE(isValidMqttUtf8(bytes), valid);
    }

    void propertiesRoundTripKeepUserPropertyOrder()
    {
        Properties props;
        props.payloadFormatIndicator = 1;
        props.messageExpiryInterval = 60;
        props.contentType = QStringLiteral("application/json");
        props.responseTopic = QStringLiteral("reply/here");
        props.correlationData = QByteArray("\x00\x01\x02", 3);
        props.userProperties = {{QStringLiteral("b"), QStringLiteral("2")},
                                {QStringLiteral("a"), QStringLiteral("1")},
                                {QStringLiteral("b"), QStringLiteral("3")}};
        ByteWriter writer;
        props.write(writer);
        QCOMPARE(writer.size(), props.encodedSize());
        ByteReader reader(writer.bytes());
        const Properties back = Properties::read(reader, PropertyContext::Publish);
        QVERIFY(reader.ok());
        QCOMPARE(back.payloadFormatIndicator, props.payloadFormatIndicator);
        QCOMPARE(back.messageExpiryInterval, props.messageExpiryInterval);
        QCOMPARE(back.contentType, props.contentType);
        QCOMPARE(back.responseTopic, props.responseTopic);
        QCOMPARE(back.correlationData, props.correlationData);
        QCOMPARE(back.userProperties, props.userProperties); // §3.3.2.3.7: order kept
    }

    void duplicatePropertyIsProtocolError()
    {
        // §2.2.2.2: Content Type twice
        const QByteArray block("\x0A\x03\x00\x01x\x03\x00\x01y", 11);
        ByteReader reader(block);
        Properties::read(reader, PropertyContext::Publish);
        QCOMPARE(reader.error(), ReasonCode::ProtocolError);
    }

    void propertyNotAllowedInPacketIsMalformed()
    {
        // Session Expiry Interval (0x11) inside a PUBLISH
        const QByteArray block("\x05\x11\x00\x00\x00\x0A", 6);
        ByteReader reader(block);
        Properties::read(reader, PropertyContext::Publish);
        QCOMPARE(reader.error(), ReasonCode::MalformedPacket);
    }

    void unknownPropertyIsMalformed()
    {
        const QByteArray block("\x02\x7F\x00", 3);
        ByteReader reader(block);
        Properties::read(reader, PropertyContext::Connect);
        QCOMPARE(reader.error(), ReasonCode::MalformedPacket);
    }

    void framerSplitsAndJoins()
    {
        const QByteArray ping = encodePingresp();
        const QByteArray publish = encodePublish(ProtocolVersion::V5, PublishPacket{
            QStringLiteral("t"), 7, 1, false, false, {}, QByteArray(300, 'x')});
        const QByteArray stream = ping + publish;
        PacketFramer framer;
        Frame frame;
        // Feed byte by byte: frames come out whole, and only when complete.
        int frames = 0;
        for (char c : stream) {
            framer.append(QByteArray(1, c));
            while (framer.next(frame) == PacketFramer::Status::Ready)
                ++frames;
        }
        QCOMPARE(frames, 2);
        QCOMPARE(frame.type(), quint8(PacketType::Publish));
        QCOMPARE(frame.wireSize, publish.size());
        QCOMPARE(framer.buffered(), 0);
    }

    void framerFramesBlocksSplitAnywhere()
    {
        // Blocks as a socket hands them over: packets split at every possible point, and
        // sometimes two blocks before the framer is read. Every packet comes out whole and
        // in order, with its body intact.
        QList<QByteArray> packets;
        for (int i = 0; i < 40; ++i) {
            packets << encodePublish(ProtocolVersion::V5, PublishPacket{
                QStringLiteral("t/%1").arg(i), quint16(i + 1), 1, false, false, {},
                QByteArray(i * 37 % 400 + (i == 7 ? 200 : 0), char('a' + i % 26))});
        }
        const QByteArray stream = packets.join();
        for (int blockSize : {1, 2, 3, 5, 64, 127, 500, 4096}) {
            PacketFramer framer;
            Frame frame;
            QList<qsizetype> sizes;
            QByteArray bodies;
            for (qsizetype at = 0, block = 0; at < stream.size(); at += blockSize, ++block) {
                framer.append(stream.mid(at, blockSize));
                if (block % 3 == 1)
                    continue; // the next block arrives before this one is read
                while (framer.next(frame) == PacketFramer::Status::Ready) {
                    sizes << frame.wireSize;
                    bodies += frame.body;
                }
            }
            while (framer.next(frame) == PacketFramer::Status::Ready) {
                sizes << frame.wireSize;
                bodies += frame.body;
            }
            QCOMPARE(sizes.size(), packets.size());
            QByteArray expectedBodies;
            for (qsizetype i = 0; i < packets.size(); ++i) {
                QCOMPARE(sizes[i], packets[i].size());
                expectedBodies += packets[i].sliced(packets[i].size() > 129 ? 3 : 2);
            }
            QCOMPARE(bodies, expectedBodies);
            QCOMPARE(framer.buffered(), 0);
        }
    }

    void framerRejectsFiveByteLength()
    {
        PacketFramer framer;
        framer.append(QByteArray("\x30\xFF\xFF\xFF\xFF\x01", 6));
        Frame frame;
        QCOMPARE(framer.next(frame), PacketFramer::Status::Malformed);
    }

    void framerRejectsTooLargeBeforeBuffering()
    {
        PacketFramer framer(100);
        framer.append(QByteArray("\x30\xE8\x07", 3)); // remaining length 1000, no body yet
        Frame frame;
        QCOMPARE(framer.next(frame), PacketFramer::Status::TooLarge);
    }

    void connectDecodeChecksReservedFlag()
    {
        // §3.1.2.3: the reserved flag in CONNECT must be zero.
        const QByteArray body("\x00\x04MQTT\x05\x03\x00\x3C\x00\x00\x01x", 14);
        ByteReader reader(body);
        decodeConnect(reader);
        QCOMPARE(reader.error(), ReasonCode::MalformedPacket);
    }
};

QTEST_GUILESS_MAIN(CodecTest)
#include "tst_codec.moc"
