// recovery_fill: the MQTT 5 client of bench/recovery/recovery_bench.sh. It fills a broker
// fast and reads a persistent session back, using the brokerscope_protocol codecs.
//
//   recovery_fill --port P publish   --count N --topics T --payload-bytes B [--prefix X] [--window W]
//       N QoS 1 publishes, round-robin over X/t0..X/t<T-1>, with up to W unacknowledged
//       (capped by the broker's Receive Maximum). Payload: 8-byte little-endian sequence
//       number 0..N-1, then filler.
//   recovery_fill --port P subscribe --client-id ID [--prefix X] [--expiry S]
//       Clean start 0, Session Expiry S, SUBSCRIBE X/# at QoS 1, then DISCONNECT: a
//       persistent session that queues what is published next. (Clean start 0 because
//       Mosquitto 2.0 writes only such sessions to mosquitto.db, whatever their expiry.)
//   recovery_fill --port P drain     --client-id ID --expect N [--timeout S] [--idle S] [--expiry S]
//       Clean start 0 (resumes the session), Receive Maximum 65535, PUBACKs every QoS 1
//       message, and counts the distinct sequence numbers until N are in, nothing came
//       for --idle seconds, or --timeout passed.
//
// Each mode prints one line "RESULT mode=... key=value ..." on stdout and exits 0 when it
// got everything (publish: N acknowledged with success; drain: N distinct messages).

#include "broker/protocol/ByteReader.h"
#include "broker/protocol/ByteWriter.h"
#include "broker/protocol/PacketFramer.h"
#include "broker/protocol/Packets.h"
#include "broker/protocol/Properties.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTimer>
#include <QtEndian>
#include <cstdio>
#include <vector>

using namespace bs::mqtt;

namespace {

constexpr auto kVersion = ProtocolVersion::V5;
constexpr qint64 kMaxQueuedBytes = 1024 * 1024;
constexpr int kSequenceBytes = 8;

struct Options
{
    QString mode;
    QString host = QStringLiteral("127.0.0.1");
    quint16 port = 0;
    QString clientId;
    QString prefix = QStringLiteral("recovery");
    quint64 count = 0;
    int topics = 10;
    int payloadBytes = 100;
    int window = 1000;
    quint32 expiry = 86400;
    int timeoutSeconds = 600;
    int idleSeconds = 10;
};

class Client : public QObject
{
public:
    explicit Client(Options options) : m_options(std::move(options)), m_idState(65536, 0) {}

    void start()
    {
        m_clock.start();
        connect(&m_socket, &QTcpSocket::connected, this, [this] { sendConnect(); });
        connect(&m_socket, &QTcpSocket::readyRead, this, [this] { readAvailable(); });
        connect(&m_socket, &QTcpSocket::bytesWritten, this, [this] {
            if (m_options.mode == u"publish")
                pump();
        });
        connect(&m_socket, &QTcpSocket::errorOccurred, this, [this] {
            if (!m_done)
                finish(QStringLiteral("socket: ") + m_socket.errorString());
        });
        m_deadline.setSingleShot(true);
        connect(&m_deadline, &QTimer::timeout, this, [this] { finish(QStringLiteral("timeout")); });
        m_deadline.start(m_options.timeoutSeconds * 1000);
        m_idle.setSingleShot(true);
        connect(&m_idle, &QTimer::timeout, this, [this] { finish(QStringLiteral("idle")); });
        if (m_options.mode == u"drain") {
            m_seen.assign(m_options.count, 0);
            m_idle.start(m_options.idleSeconds * 1000);
        }
        m_socket.connectToHost(m_options.host, m_options.port);
    }

private:
    void send(const QByteArray& packet) { m_outbox.append(packet); }
    void flushOutbox()
    {
        if (!m_outbox.isEmpty() && m_socket.state() == QAbstractSocket::ConnectedState)
            m_socket.write(m_outbox);
        m_outbox.clear();
    }

    void sendConnect()
    {
        m_socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        ByteWriter body;
        body.utf8(QStringLiteral("MQTT"));
        body.u8(5);
        // Clean start 0 for the persistent session: Mosquitto saves only those (persist__client_save).
        body.u8(m_options.mode == u"publish" ? 0x02 : 0x00);
        body.u16(0);
        Properties properties;
        properties.receiveMaximum = 65535;
        if (m_options.mode != u"publish")
            properties.sessionExpiryInterval = m_options.expiry;
        properties.write(body);
        body.utf8(m_options.clientId);
        send(framePacket(quint8(quint8(PacketType::Connect) << 4), body.bytes()));
        flushOutbox();
    }

    void readAvailable()
    {
        m_framer.append(m_socket.readAll());
        Frame frame;
        for (;;) {
            const auto status = m_framer.next(frame);
            if (status == PacketFramer::Status::NeedMore)
                break;
            if (status != PacketFramer::Status::Ready) {
                finish(QStringLiteral("malformed packet from broker"));
                return;
            }
            handle(frame);
            if (m_done)
                return;
        }
        if (m_options.mode == u"publish")
            pump(); // flushes too
        else
            flushOutbox();
        if (m_options.mode == u"drain")
            m_idle.start(m_options.idleSeconds * 1000);
    }

    void handle(const Frame& frame)
    {
        ByteReader in(frame.body);
        switch (PacketType(frame.type())) {
        case PacketType::Connack: {
            const quint8 flags = in.u8();
            const auto reason = ReasonCode(in.u8());
            const Properties properties = Properties::read(in, PropertyContext::Connack);
            if (!in.ok() || isError(reason)) {
                finish(QStringLiteral("CONNACK refused, reason 0x%1").arg(quint8(reason), 2, 16, QLatin1Char('0')));
                return;
            }
            m_sessionPresent = flags & 1;
            m_connackMs = m_clock.nsecsElapsed() / 1e6;
            m_window = std::min<int>(m_options.window, properties.receiveMaximum.value_or(65535));
            if (m_options.mode == u"publish") {
                m_payload = QByteArray(std::max(m_options.payloadBytes, kSequenceBytes), 'x');
                for (int t = 0; t < m_options.topics; ++t)
                    m_topicNames.append(m_options.prefix + QStringLiteral("/t%1").arg(t));
                m_publishStartNs = m_clock.nsecsElapsed();
            } else if (m_options.mode == u"subscribe") {
                ByteWriter body;
                body.u16(1);
                Properties().write(body);
                body.utf8(m_options.prefix + QStringLiteral("/#"));
                body.u8(1); // QoS 1, retain handling 0
                send(framePacket(quint8(quint8(PacketType::Subscribe) << 4) | 0x02, body.bytes()));
            }
            return;
        }
        case PacketType::Puback: {
            const AckPacket ack = decodeAck(in, kVersion);
            if (!in.ok() || m_idState[ack.packetId] != 1) {
                ++m_protocolErrors;
                return;
            }
            m_idState[ack.packetId] = 0;
            --m_inFlight;
            if (isError(ack.reason))
                ++m_refused;
            else
                ++m_acked;
            if (m_acked + m_refused == m_options.count)
                finish({});
            return;
        }
        case PacketType::Suback: {
            in.u16();
            Properties::read(in, PropertyContext::Suback);
            const auto reason = ReasonCode(in.u8());
            finish(in.ok() && !isError(reason) ? QString() : QStringLiteral("SUBSCRIBE refused"));
            return;
        }
        case PacketType::Publish: {
            const PublishPacket p = decodePublish(in, frame.flags(), kVersion);
            if (!in.ok()) {
                ++m_protocolErrors;
                return;
            }
            if (p.qos == 1)
                send(encodeAck(kVersion, PacketType::Puback, p.packetId));
            else if (p.qos == 2)
                send(encodeAck(kVersion, PacketType::Pubrec, p.packetId));
            noteReceived(p);
            return;
        }
        case PacketType::Pubrel: {
            const AckPacket ack = decodeAck(in, kVersion);
            send(encodeAck(kVersion, PacketType::Pubcomp, ack.packetId));
            return;
        }
        case PacketType::Disconnect:
            finish(QStringLiteral("broker sent DISCONNECT"));
            return;
        default:
            return;
        }
    }

    void noteReceived(const PublishPacket& p)
    {
        ++m_received;
        const double nowMs = m_clock.nsecsElapsed() / 1e6;
        if (m_received == 1)
            m_firstMs = nowMs;
        if (p.payload.size() < kSequenceBytes) {
            ++m_foreign;
            return;
        }
        const auto sequence = qFromLittleEndian<quint64>(p.payload.constData());
        if (sequence >= m_seen.size()) {
            ++m_foreign;
            return;
        }
        if (m_seen[sequence]) {
            ++m_duplicates;
            return;
        }
        m_seen[sequence] = 1;
        ++m_distinct;
        if (m_distinct == 1000 || (m_options.count < 1000 && m_distinct == m_options.count))
            m_first1000Ms = nowMs;
        if (m_distinct == m_options.count) {
            m_allMs = nowMs;
            finish({});
        }
    }

    void pump()
    {
        while (!m_done && m_window > 0 && m_sent < m_options.count && m_inFlight < m_window
               && m_socket.bytesToWrite() + m_outbox.size() < kMaxQueuedBytes) {
            qToLittleEndian<quint64>(m_sent, m_payload.data());
            PublishPacket packet;
            packet.topic = m_topicNames[qsizetype(m_sent % quint64(m_topicNames.size()))];
            packet.qos = 1;
            packet.packetId = nextPacketId();
            packet.payload = m_payload;
            m_idState[packet.packetId] = 1;
            ++m_inFlight;
            send(encodePublish(kVersion, packet));
            ++m_sent;
        }
        flushOutbox();
    }

    quint16 nextPacketId()
    {
        do {
            m_lastId = m_lastId == 65535 ? 1 : quint16(m_lastId + 1);
        } while (m_idState[m_lastId] != 0);
        return m_lastId;
    }

    void finish(const QString& error)
    {
        if (m_done)
            return;
        m_done = true;
        const double elapsedMs = m_clock.nsecsElapsed() / 1e6;
        QString line = QStringLiteral("RESULT mode=%1").arg(m_options.mode);
        auto add = [&line](const char* key, const QString& value) {
            line += u' ' + QLatin1StringView(key) + u'=' + value;
        };
        auto ms = [](double value) { return value < 0 ? QStringLiteral("-") : QString::number(value, 'f', 1); };
        bool ok = error.isEmpty();
        if (m_options.mode == u"publish") {
            const double seconds = (m_clock.nsecsElapsed() - m_publishStartNs) / 1e9;
            add("sent", QString::number(m_sent));
            add("acked", QString::number(m_acked));
            add("refused", QString::number(m_refused));
            add("window", QString::number(m_window));
            add("ms", ms(elapsedMs));
            add("rate", QString::number(seconds > 0 ? qint64(double(m_acked) / seconds) : 0));
            ok = ok && m_acked == m_options.count;
        } else if (m_options.mode == u"drain") {
            add("session_present", QString::number(m_sessionPresent ? 1 : 0));
            add("received", QString::number(m_received));
            add("distinct", QString::number(m_distinct));
            add("expected", QString::number(m_options.count));
            add("duplicates", QString::number(m_duplicates));
            add("foreign", QString::number(m_foreign));
            add("connack_ms", ms(m_connackMs));
            add("first_ms", ms(m_firstMs));
            add("first1000_ms", ms(m_first1000Ms));
            add("all_ms", ms(m_allMs));
            ok = ok && m_distinct == m_options.count;
        }
        add("protocol_errors", QString::number(m_protocolErrors));
        add("status", error.isEmpty() ? QStringLiteral("ok") : QString(error).replace(u' ', u'_'));
        std::printf("%s\n", qUtf8Printable(line));
        std::fflush(stdout);
        m_exitCode = ok && m_protocolErrors == 0 ? 0 : 1;
        if (m_socket.state() == QAbstractSocket::ConnectedState) {
            m_outbox.append(encodeDisconnect(ReasonCode::Success));
            flushOutbox();
            m_socket.disconnectFromHost(); // lets the PUBACKs and DISCONNECT go out
            if (m_socket.state() != QAbstractSocket::UnconnectedState)
                m_socket.waitForDisconnected(5000);
        }
        QCoreApplication::exit(m_exitCode);
    }

    Options m_options;
    QTcpSocket m_socket;
    PacketFramer m_framer;
    QByteArray m_outbox;
    QElapsedTimer m_clock;
    QTimer m_deadline;
    QTimer m_idle;
    bool m_done = false;
    int m_exitCode = 1;
    bool m_sessionPresent = false;
    double m_connackMs = -1;
    // publish
    QStringList m_topicNames;
    QByteArray m_payload;
    std::vector<quint8> m_idState;
    quint16 m_lastId = 0;
    int m_window = 0;
    int m_inFlight = 0;
    quint64 m_sent = 0;
    quint64 m_acked = 0;
    quint64 m_refused = 0;
    qint64 m_publishStartNs = 0;
    // drain
    std::vector<quint8> m_seen;
    quint64 m_received = 0;
    quint64 m_distinct = 0;
    quint64 m_duplicates = 0;
    quint64 m_foreign = 0;
    double m_firstMs = -1;
    double m_first1000Ms = -1;
    double m_allMs = -1;
    quint64 m_protocolErrors = 0;
};

} // namespace

int main(int argc, char* argv[])
{
    QCoreApplication app(argc, argv);
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Fills a broker with QoS 1 messages / sets up and drains a persistent session.\n"
        "Modes: publish, subscribe, drain (see the top of bench/recovery/fill.cpp)."));
    parser.addHelpOption();
    parser.addPositionalArgument(QStringLiteral("mode"), QStringLiteral("publish | subscribe | drain"));
    auto value = [](const char* name, const char* help) {
        return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(help), QStringLiteral("value"));
    };
    parser.addOptions({
        value("host", "Broker address (default 127.0.0.1)."),
        value("port", "Broker port."),
        value("client-id", "Client identifier (subscribe/drain; publish default: recovery-fill)."),
        value("prefix", "Topic prefix (default recovery): topics <prefix>/t<i>."),
        value("count", "publish: messages to publish."),
        value("expect", "drain: messages expected (sequence numbers 0..N-1)."),
        value("topics", "publish: number of topics (default 10)."),
        value("payload-bytes", "publish: payload size, at least 8 (default 100)."),
        value("window", "publish: unacknowledged publishes (default 1000, capped by Receive Maximum)."),
        value("expiry", "subscribe/drain: Session Expiry Interval in seconds (default 86400)."),
        value("timeout", "Give up after this many seconds (default 600)."),
        value("idle", "drain: give up when nothing arrived for this many seconds (default 10)."),
    });
    parser.process(app);
    const QStringList positional = parser.positionalArguments();
    Options options;
    if (positional.size() != 1 || !QStringList{QStringLiteral("publish"), QStringLiteral("subscribe"),
                                                 QStringLiteral("drain")}.contains(positional.first())) {
        std::fprintf(stderr, "recovery_fill: give one mode: publish, subscribe or drain\n");
        return 2;
    }
    options.mode = positional.first();
    bool ok = true;
    auto number = [&](const char* name, auto& target) {
        if (!parser.isSet(QString::fromLatin1(name)))
            return;
        bool parsed = false;
        const qulonglong v = parser.value(QString::fromLatin1(name)).toULongLong(&parsed);
        if (!parsed) {
            std::fprintf(stderr, "recovery_fill: --%s is not a number\n", name);
            ok = false;
            return;
        }
        target = static_cast<std::remove_reference_t<decltype(target)>>(v);
    };
    if (parser.isSet(QStringLiteral("host")))
        options.host = parser.value(QStringLiteral("host"));
    if (parser.isSet(QStringLiteral("prefix")))
        options.prefix = parser.value(QStringLiteral("prefix"));
    options.clientId = parser.isSet(QStringLiteral("client-id")) ? parser.value(QStringLiteral("client-id"))
                                                                  : QStringLiteral("recovery-fill");
    number("port", options.port);
    number("count", options.count);
    number("expect", options.count);
    number("topics", options.topics);
    number("payload-bytes", options.payloadBytes);
    number("window", options.window);
    number("expiry", options.expiry);
    number("timeout", options.timeoutSeconds);
    number("idle", options.idleSeconds);
    if (!ok)
        return 2;
    if (options.port == 0 || options.topics < 1 || options.window < 1
        || (options.mode != u"subscribe" && options.count == 0)) {
        std::fprintf(stderr, "recovery_fill: --port, and --count (publish) or --expect (drain), are required\n");
        return 2;
    }
    Client client(options);
    QTimer::singleShot(0, &client, [&client] { client.start(); });
    return app.exec();
}
