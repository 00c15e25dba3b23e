// BrokerCore: $SYS/broker/... status topics, with Mosquitto's names so that a console
// reading them works the same on both brokers. Published retained, every
// sysIntervalSeconds, and once when the broker starts listening.

#include "broker/core/BrokerCore.h"

#include <QCoreApplication>

namespace bs::broker {

void BrokerCore::publishSysTopics()
{
    const BrokerStats s = stats();
    auto put = [this](const QString& topic, const QString& value) {
        auto message = std::make_shared<Message>();
        message->topic = QStringLiteral("$SYS/broker/") + topic;
        message->payload = value.toUtf8();
        message->retain = true;
        publish(message);
    };
    auto number = [&put](const QString& topic, quint64 value) { put(topic, QString::number(value)); };
    put(QStringLiteral("version"), QStringLiteral("brokerscope ") + QStringLiteral(BROKERSCOPE_VERSION));
    put(QStringLiteral("uptime"), QStringLiteral("%1 seconds").arg(s.uptimeSeconds));
    number(QStringLiteral("clients/connected"), s.clientsConnected);
    number(QStringLiteral("clients/active"), s.clientsConnected);
    number(QStringLiteral("clients/disconnected"), s.sessions - std::min(s.sessions, s.clientsConnected));
    number(QStringLiteral("clients/total"), s.sessions);
    number(QStringLiteral("clients/maximum"), s.clientsMaximum);
    number(QStringLiteral("subscriptions/count"), s.subscriptions);
    number(QStringLiteral("retained messages/count"), s.retainedMessages);
    number(QStringLiteral("store/messages/count"), s.queuedMessages);
    number(QStringLiteral("messages/received"), s.packetsReceived);
    number(QStringLiteral("messages/sent"), s.packetsSent);
    number(QStringLiteral("publish/messages/received"), s.messagesReceived);
    number(QStringLiteral("publish/messages/sent"), s.messagesSent);
    number(QStringLiteral("publish/messages/dropped"), s.messagesDropped);
    number(QStringLiteral("bytes/received"), s.bytesReceived);
    number(QStringLiteral("bytes/sent"), s.bytesSent);
}

} // namespace bs::broker
