#include "peers/MosquittoClients.h"

#include "peers/WaitUntil.h"

using namespace Qt::StringLiterals;

namespace bs::peers {

namespace {

constexpr QByteArrayView kRecordMarker = "BSMSG\t";
constexpr QByteArrayView kSubscribedMarker = "Subscribed (mid: ";
constexpr QByteArrayView kSubscribedLine = "\nSubscribed (mid: ";

std::optional<QString> optionalText(const QByteArray& field)
{
    return field.isEmpty() ? std::nullopt : std::optional<QString>(QString::fromUtf8(field));
}

template <typename T>
std::optional<T> optionalNumber(const QByteArray& field)
{
    bool ok = false;
    const qulonglong value = field.toULongLong(&ok);
    return ok ? std::optional<T>(static_cast<T>(value)) : std::nullopt;
}

UserProperties parseUserProperties(const QByteArray& field)
{
    UserProperties properties;
    for (const QByteArray& pair : field.split(' ')) {
        if (pair.isEmpty())
            continue;
        const qsizetype colon = pair.indexOf(':');
        if (colon < 0)
            properties.append({QString::fromUtf8(pair), QString()});
        else
            properties.append(
                {QString::fromUtf8(pair.left(colon)), QString::fromUtf8(pair.mid(colon + 1))});
    }
    return properties;
}

} // namespace

QString mosquittoVersionArgument(MqttVersion version)
{
    return version == MqttVersion::V5 ? u"mqttv5"_s : u"mqttv311"_s;
}

// --- MosquittoPub ------------------------------------------------------------------------

MosquittoPub::MosquittoPub(const QString& host, quint16 port, MqttVersion version)
    : MosquittoClientBase(host, port, version)
{}

bool MosquittoPub::run(std::chrono::milliseconds timeout)
{
    m_process = std::make_unique<ChildProcess>(u"mosquitto_pub"_s, m_arguments);
    if (!m_process->run(timeout)) {
        m_process->kill();
        m_process->waitForFinished(std::chrono::seconds(2));
        return false;
    }
    return m_process->succeeded();
}

QString MosquittoPub::describe() const
{
    return m_process ? m_process->describe()
                     : u"mosquitto_pub %1 (not run)"_s.arg(m_arguments.join(u' '));
}

// --- MosquittoSub ------------------------------------------------------------------------

MosquittoSub::MosquittoSub(const QString& host, quint16 port, MqttVersion version)
    : MosquittoClientBase(host, port, version)
{}

QString MosquittoSub::recordFormat()
{
    // Fields: topic, QoS, retain, user properties, content type, response topic,
    // correlation data, message expiry, payload format, subscription id, topic alias,
    // payload in hex.
    return u"BSMSG\\t%t\\t%q\\t%r\\t%P\\t%C\\t%R\\t%D\\t%E\\t%F\\t%S\\t%A\\t%x"_s;
}

QStringList MosquittoSub::arguments() const
{
    return m_arguments + QStringList{u"-d"_s, u"-F"_s, recordFormat()};
}

bool MosquittoSub::start(std::chrono::milliseconds timeout)
{
    // mosquitto_sub's stdio buffers a pipe fully; stdbuf makes it print line by line, so
    // the SUBACK and each message can be seen as they happen.
    m_process = std::make_unique<ChildProcess>(
        u"stdbuf"_s, QStringList{u"-oL"_s, u"mosquitto_sub"_s} + arguments());
    return m_process->start(timeout);
}

bool MosquittoSub::waitUntilSubscribed(std::chrono::milliseconds timeout)
{
    return m_process && m_process->waitForOutput(
                            [](const QByteArray& output) {
                                return output.startsWith(kSubscribedMarker) ||
                                       output.contains(kSubscribedLine);
                            },
                            timeout);
}

bool MosquittoSub::waitForMessages(int count, std::chrono::milliseconds timeout)
{
    if (!m_process)
        return false;
    waitUntil([&] { return messages().size() >= count || !m_process->isRunning(); }, timeout);
    return messages().size() >= count;
}

bool MosquittoSub::waitForFinished(std::chrono::milliseconds timeout)
{
    return m_process && m_process->waitForFinished(timeout);
}

void MosquittoSub::kill()
{
    if (m_process) {
        m_process->kill();
        m_process->waitForFinished(std::chrono::seconds(5));
    }
}

QList<ReceivedMessage> MosquittoSub::messages() const
{
    QList<ReceivedMessage> result;
    if (!m_process)
        return result;
    for (const QByteArray& line : m_process->standardOutputLines()) {
        if (auto message = parseRecord(line))
            result.append(*message);
    }
    return result;
}

QList<int> MosquittoSub::subscribeResults() const
{
    QList<int> results;
    if (!m_process)
        return results;
    for (const QByteArray& line : m_process->standardOutputLines()) {
        if (!line.startsWith(kSubscribedMarker))
            continue;
        const qsizetype colon = line.indexOf("): ");
        for (const QByteArray& code : line.mid(colon + 3).split(','))
            results.append(code.trimmed().toInt());
    }
    return results;
}

QString MosquittoSub::describe() const
{
    return m_process ? m_process->describe()
                     : u"mosquitto_sub %1 (not started)"_s.arg(arguments().join(u' '));
}

std::optional<ReceivedMessage> MosquittoSub::parseRecord(const QByteArray& line)
{
    if (!line.startsWith(kRecordMarker))
        return std::nullopt;
    const QList<QByteArray> fields = line.mid(kRecordMarker.size()).split('\t');
    if (fields.size() != 12)
        return std::nullopt;
    ReceivedMessage message;
    message.topic = QString::fromUtf8(fields[0]);
    message.qos = fields[1].toInt();
    message.retain = fields[2] == "1";
    message.userProperties = parseUserProperties(fields[3]);
    message.contentType = optionalText(fields[4]);
    message.responseTopic = optionalText(fields[5]);
    if (!fields[6].isEmpty())
        message.correlationData = fields[6];
    message.messageExpiryInterval = optionalNumber<quint32>(fields[7]);
    message.payloadFormatIndicator = optionalNumber<int>(fields[8]);
    message.subscriptionIdentifier = optionalNumber<quint32>(fields[9]);
    message.topicAlias = optionalNumber<int>(fields[10]);
    message.payload = QByteArray::fromHex(fields[11]);
    return message;
}

} // namespace bs::peers
