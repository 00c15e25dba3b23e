#pragma once
// mosquitto_pub and mosquitto_sub as peers. Both are configured with chained setters and
// run as ChildProcess. MosquittoSub always runs with -d (to see its SUBACK) and a -F record
// format that prints every field of a received message, MQTT v5 properties included, so
// that messages() can hand back parsed ReceivedMessage values.

#include "peers/ChildProcess.h"

#include <QByteArray>
#include <QList>
#include <QString>
#include <QStringList>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>

namespace bs::peers {

enum class MqttVersion
{
    V311,
    V5
};

/// "mqttv311" or "mqttv5", as mosquitto_pub/sub -V takes it.
QString mosquittoVersionArgument(MqttVersion version);

using UserProperties = QList<std::pair<QString, QString>>;

struct ReceivedMessage
{
    QString topic;
    QByteArray payload;
    int qos = 0;
    bool retain = false;
    UserProperties userProperties; ///< In the order received. Names and values without spaces.
    std::optional<QString> contentType;
    std::optional<QString> responseTopic;
    std::optional<QByteArray> correlationData;
    std::optional<quint32> messageExpiryInterval;
    std::optional<int> payloadFormatIndicator;
    std::optional<quint32> subscriptionIdentifier;
    std::optional<int> topicAlias;
};

/// Options both tools share.
template <typename Self>
class MosquittoClientBase
{
public:
    Self& clientId(const QString& id) { return add({QStringLiteral("-i"), id}); }
    Self& keepAlive(int seconds) { return add({QStringLiteral("-k"), QString::number(seconds)}); }
    /// -D command identifier value, e.g. property("publish", "content-type", "text/plain").
    Self& property(const QString& command, const QString& identifier, const QString& value)
    {
        return add({QStringLiteral("-D"), command, identifier, value});
    }
    Self& userProperty(const QString& command, const QString& name, const QString& value)
    {
        return add({QStringLiteral("-D"), command, QStringLiteral("user-property"), name, value});
    }
    Self& will(const QString& topic, const QByteArray& payload, int qos = 0, bool retain = false)
    {
        add({QStringLiteral("--will-topic"), topic, QStringLiteral("--will-payload"),
             QString::fromUtf8(payload), QStringLiteral("--will-qos"), QString::number(qos)});
        return retain ? add({QStringLiteral("--will-retain")}) : self();
    }
    /// Anything else, appended as given.
    Self& add(const QStringList& arguments)
    {
        m_arguments += arguments;
        return self();
    }

protected:
    MosquittoClientBase(const QString& host, quint16 port, MqttVersion version)
        : m_arguments{QStringLiteral("-h"), host,
                      QStringLiteral("-p"), QString::number(port),
                      QStringLiteral("-V"), mosquittoVersionArgument(version)}
    {}
    Self& self() { return static_cast<Self&>(*this); }

    QStringList m_arguments;
};

class MosquittoPub : public MosquittoClientBase<MosquittoPub>
{
public:
    MosquittoPub(const QString& host, quint16 port, MqttVersion version);

    MosquittoPub& topic(const QString& topic) { return add({QStringLiteral("-t"), topic}); }
    MosquittoPub& message(const QByteArray& payload)
    {
        return add({QStringLiteral("-m"), QString::fromUtf8(payload)});
    }
    MosquittoPub& emptyMessage() { return add({QStringLiteral("-n")}); } ///< Zero-length payload.
    MosquittoPub& qos(int qos) { return add({QStringLiteral("-q"), QString::number(qos)}); }
    MosquittoPub& retain() { return add({QStringLiteral("-r")}); }

    QStringList arguments() const { return m_arguments; }
    /// Runs mosquitto_pub to completion. True if it exited with code 0 within timeout.
    bool run(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// The last run, for failure messages.
    QString describe() const;

private:
    std::unique_ptr<ChildProcess> m_process;
};

class MosquittoSub : public MosquittoClientBase<MosquittoSub>
{
public:
    MosquittoSub(const QString& host, quint16 port, MqttVersion version);

    MosquittoSub& topic(const QString& filter) { return add({QStringLiteral("-t"), filter}); }
    MosquittoSub& qos(int qos) { return add({QStringLiteral("-q"), QString::number(qos)}); }
    /// -C: exit after this many messages.
    MosquittoSub& count(int messages)
    {
        return add({QStringLiteral("-C"), QString::number(messages)});
    }
    /// -W: exit after this many seconds (a safety net; tests wait on messages).
    MosquittoSub& timeoutSeconds(int seconds)
    {
        return add({QStringLiteral("-W"), QString::number(seconds)});
    }
    /// -R: do not print messages that arrive with the retain flag set.
    MosquittoSub& skipRetained() { return add({QStringLiteral("-R")}); }
    /// -c: persistent session (clean session / clean start off).
    MosquittoSub& persistentSession() { return add({QStringLiteral("-c")}); }

    QStringList arguments() const;
    bool start(std::chrono::milliseconds timeout = std::chrono::seconds(5));
    /// Waits until the SUBACK has arrived (mosquitto_sub printed "Subscribed").
    bool waitUntilSubscribed(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    /// Waits until at least count messages arrived (false if it exits or times out first).
    bool waitForMessages(int count, std::chrono::milliseconds timeout = std::chrono::seconds(10));
    bool waitForFinished(std::chrono::milliseconds timeout = std::chrono::seconds(10));
    void kill(); ///< SIGKILL: no DISCONNECT is sent, so a will is published.

    QList<ReceivedMessage> messages() const;
    /// Granted QoS / reason codes from the "Subscribed (mid: N): a, b" line.
    QList<int> subscribeResults() const;
    ChildProcess* process() const { return m_process.get(); }
    QString describe() const;

    /// The -F format whose lines messages() parses.
    static QString recordFormat();
    static std::optional<ReceivedMessage> parseRecord(const QByteArray& line);

private:
    std::unique_ptr<ChildProcess> m_process;
};

} // namespace bs::peers
