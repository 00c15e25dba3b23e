// Conformance 11 — topic aliases from client to broker (v5 §3.3.2.3.4, §3.2.2.3.8): setting
// an alias with a topic, using it with an empty topic, re-mapping it, aliases being per
// connection, never forwarded to subscribers, and the errors: alias 0 or above our Topic
// Alias Maximum (0x94), an empty topic with an unknown alias (0x82).

#include "raw/Expect.h"

#include <QTest>

using namespace bs::raw;
using namespace Qt::StringLiterals;

namespace {

PublishOptions aliased(const QByteArray& topic, quint32 alias, const QByteArray& payload, int qos = 0,
                       quint16 packetId = 0)
{
    PublishOptions options{.topic = topic, .payload = payload, .qos = qos, .packetId = packetId};
    options.properties.add(prop::TopicAlias, alias);
    return options;
}

} // namespace

class TopicAliases : public QObject
{
    Q_OBJECT

private slots:
    void init()
    {
        bs::broker::BrokerConfig config;
        config.topicAliasMaximum = 5;
        m_broker = std::make_unique<TargetBroker>(config);
        BS_CALL(startBroker(*m_broker));
        m_subscriber = std::make_unique<RawClient>(port(), kMqtt5);
        BS_CALL(connectClient(*m_subscriber, "alias-sub"_ba));
        BS_CALL(subscribe(*m_subscriber, "ta/#"_ba, subscriptionOptions(1)));
    }
    void cleanup()
    {
        m_subscriber.reset();
        m_broker.reset();
    }

    // MQTT-3.3.2-12 / §3.3.2.3.4: a topic with an alias sets the mapping; an empty topic with
    // that alias uses it. The subscriber gets the full topic name and no Topic Alias (it
    // sent no Topic Alias Maximum, so none may be sent to it, MQTT-3.1.2-26/27).
    void setAndUse()
    {
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "alias-pub"_ba));
        BS_CALL(publish(publisher, aliased("ta/a/rather/long/topic"_ba, 1, "first"_ba)));
        BS_CALL(publish(publisher, aliased({}, 1, "second"_ba)));
        BS_CALL(publish(publisher, aliased({}, 1, "third"_ba, 1, 7)));
        for (const QByteArray& payload : {"first"_ba, "second"_ba, "third"_ba}) {
            Packet delivered;
            BS_CALL(expectPacket(*m_subscriber, PacketType::Publish, &delivered));
            QCOMPARE(delivered.topic, "ta/a/rather/long/topic"_ba);
            QCOMPARE(delivered.payload, payload);
            QVERIFY2(!delivered.properties.has(prop::TopicAlias), qPrintable(delivered.describe()));
            BS_CALL(acknowledge(*m_subscriber, delivered));
        }
    }

    // §3.3.2.3.4: sending a topic with an alias already in use replaces the mapping.
    void remapped()
    {
        RawClient publisher(port(), kMqtt5);
        BS_CALL(connectClient(publisher, "alias-pub"_ba));
        BS_CALL(publish(publisher, aliased("ta/one"_ba, 2, "1"_ba)));
        BS_CALL(publish(publisher, aliased("ta/two"_ba, 2, "2"_ba)));
        BS_CALL(publish(publisher, aliased({}, 2, "3"_ba)));
        BS_CALL(publish(publisher, aliased("ta/max"_ba, 5, "4"_ba))); // highest allowed alias
        BS_CALL(publish(publisher, aliased({}, 5, "5"_ba)));
        BS_CALL(expectPublish(*m_subscriber, "ta/one"_ba, "1"_ba, 0));
        BS_CALL(expectPublish(*m_subscriber, "ta/two"_ba, "2"_ba, 0));
        BS_CALL(expectPublish(*m_subscriber, "ta/two"_ba, "3"_ba, 0));
        BS_CALL(expectPublish(*m_subscriber, "ta/max"_ba, "4"_ba, 0));
        BS_CALL(expectPublish(*m_subscriber, "ta/max"_ba, "5"_ba, 0));
    }

    // MQTT-3.3.2-10/11: alias mappings belong to one network connection; another connection
    // (or a reconnect) cannot use them: empty topic + unknown alias → DISCONNECT 0x82.
    void perConnection()
    {
        RawClient owner(port(), kMqtt5);
        BS_CALL(connectClient(owner, "alias-owner"_ba));
        BS_CALL(publish(owner, aliased("ta/owned"_ba, 3, "mine"_ba)));
        BS_CALL(expectPublish(*m_subscriber, "ta/owned"_ba, "mine"_ba, 0));
        RawClient stranger(port(), kMqtt5);
        BS_CALL(connectClient(stranger, "alias-stranger"_ba));
        QVERIFY(stranger.send(stranger.packets().publish(aliased({}, 3, "borrowed"_ba))));
        BS_CALL(expectDisconnect(stranger, 0x82));
        BS_CALL(publish(owner, aliased({}, 3, "still mine"_ba)));
        BS_CALL(expectPublish(*m_subscriber, "ta/owned"_ba, "still mine"_ba, 0));
    }

    // MQTT-3.3.2-8 / §3.3.2.3.4: Topic Alias 0, or above the Topic Alias Maximum we sent,
    // → DISCONNECT 0x94 Topic Alias invalid. The subscriber carries on.
    void invalidAlias_data()
    {
        QTest::addColumn<quint32>("alias");
        QTest::newRow("zero") << quint32(0);
        QTest::newRow("above maximum") << quint32(6);
    }
    void invalidAlias()
    {
        QFETCH(quint32, alias);
        RawClient publisher(port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(publisher, "alias-bad"_ba, &connack));
        QCOMPARE(connack.properties.number(prop::TopicAliasMaximum), std::optional<quint32>(5));
        QVERIFY(publisher.send(publisher.packets().publish(aliased("ta/bad"_ba, alias, "x"_ba))));
        // Mosquitto 2.0.11 answers alias 0 with 0x81 Malformed Packet.
        const quint8 expected = m_broker->isMosquitto() && alias == 0 ? 0x81 : 0x94;
        BS_CALL(expectDisconnect(publisher, expected));
        BS_CALL(expectAlive(*m_subscriber, "alias"_ba));
        BS_CALL(expectBrokerAcceptsNewClients(port()));
    }

    // §3.2.2.3.8: with Topic Alias Maximum 0 we send no (or a zero) Topic Alias Maximum and
    // any alias is invalid (0x94).
    void aliasesDisabled()
    {
        bs::broker::BrokerConfig config;
        config.topicAliasMaximum = 0;
        TargetBroker broker(config);
        BS_CALL(startBroker(broker));
        RawClient publisher(broker.port(), kMqtt5);
        Packet connack;
        BS_CALL(connectClient(publisher, "no-alias"_ba, &connack));
        QVERIFY2(connack.properties.number(prop::TopicAliasMaximum).value_or(0) == 0, qPrintable(connack.describe()));
        QVERIFY(publisher.send(publisher.packets().publish(aliased("ta/x"_ba, 1, "x"_ba))));
        BS_CALL(expectDisconnect(publisher, 0x94));
    }

private:
    quint16 port() const { return m_broker->port(); }
    std::unique_ptr<TargetBroker> m_broker;
    std::unique_ptr<RawClient> m_subscriber;
};

QTEST_GUILESS_MAIN(TopicAliases)
#include "tst_11_topic_alias.moc"
