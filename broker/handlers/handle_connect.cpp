#include "broker/core/BrokerCore.h"
#include "broker/core/ClientConnection.h"
#include "broker/handlers/Handlers.h"

#include <QUuid>

namespace bs::broker::handlers {

using mqtt::ProtocolVersion;
using mqtt::ReasonCode;

namespace {

void refuse(ClientConnection& client, ProtocolVersion version, ReasonCode reason)
{
    client.send(mqtt::encodeConnack(version, false, reason));
    client.closeSilently();
}

bool protocolNameMatches(const mqtt::ConnectPacket& p)
{
    return p.protocolLevel == 3 ? p.protocolName == u"MQIsdp" : p.protocolName == u"MQTT";
}

mqtt::Properties connackProperties(const BrokerCore& core, const mqtt::ConnectPacket& packet,
                                   const QString& assignedId)
{
    const BrokerConfig& config = core.config();
    mqtt::Properties props;
    props.receiveMaximum = config.receiveMaximum;
    if (config.maximumPacketSize > 0)
        props.maximumPacketSize = config.maximumPacketSize;
    props.topicAliasMaximum = config.topicAliasMaximum;
    props.retainAvailable = 1;
    props.wildcardSubscriptionAvailable = 1;
    props.subscriptionIdentifierAvailable = 1;
    props.sharedSubscriptionAvailable = 1;
    if (!assignedId.isEmpty())
        props.assignedClientIdentifier = assignedId;
    if (packet.keepAlive > config.maxKeepAlive || (packet.keepAlive == 0 && config.maxKeepAlive < 65535))
        props.serverKeepAlive = config.maxKeepAlive;
    return props;
}

} // namespace

void handleConnect(BrokerCore& core, ClientConnection& client, const mqtt::Frame& frame)
{
    if (client.state() != ClientConnection::State::AwaitingConnect) {
        client.disconnect(ReasonCode::ProtocolError); // §3.1.0-2: a second CONNECT
        return;
    }
    mqtt::ByteReader reader(frame.body);
    mqtt::ConnectPacket packet = mqtt::decodeConnect(reader);
    const bool knownName = packet.protocolName == u"MQTT" || packet.protocolName == u"MQIsdp";
    if (!knownName) {
        client.closeSilently(); // §3.1.2.1: not MQTT at all
        return;
    }
    if (reader.ok() && !packet.isSupportedLevel()) {
        // §3.1.2.2: answer in the newest format the client could understand.
        refuse(client, packet.protocolLevel > 5 ? ProtocolVersion::V5 : ProtocolVersion::V311,
               ReasonCode::UnsupportedProtocolVersion);
        return;
    }
    const ProtocolVersion version = packet.version();
    client.setVersion(version);
    if (reader.ok() && !protocolNameMatches(packet)) {
        // "MQTT" with level 3, or "MQIsdp" with level 4/5: a known name at a level it
        // does not go with. 3.1.1 MQTT-3.1.2-2: unacceptable protocol level (as Mosquitto).
        refuse(client, ProtocolVersion::V311, ReasonCode::UnsupportedProtocolVersion);
        return;
    }
    if (!reader.ok()) {
        if (version == ProtocolVersion::V5)
            refuse(client, version, reader.error());
        else
            client.closeSilently();
        return;
    }
    if (packet.properties.authenticationMethod) {
        refuse(client, version, ReasonCode::BadAuthenticationMethod); // no enhanced auth
        return;
    }
    if (packet.will && !mqtt::TopicName(packet.will->topic).isValid()) {
        refuse(client, version, ReasonCode::TopicNameInvalid);
        return;
    }
    QString clientId = packet.clientId;
    QString assignedId;
    if (clientId.isEmpty()) {
        if (version == ProtocolVersion::V311 && !packet.cleanStart) { // 3.1.1 §3.1.3-8
            refuse(client, version, ReasonCode::ClientIdentifierNotValid);
            return;
        }
        clientId = QStringLiteral("auto-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
        assignedId = clientId; // §3.2.2.3.7
    }

    const BrokerCore::Attached attached = core.attachSession(client, clientId, packet.cleanStart);
    Session& session = *attached.session;
    session.version = version;
    if (version == ProtocolVersion::V5) {
        session.expiryInterval = packet.properties.sessionExpiryInterval.value_or(0);
        session.clientReceiveMaximum = packet.properties.receiveMaximum.value_or(65535);
        session.clientMaximumPacketSize = packet.properties.maximumPacketSize.value_or(0);
    } else {
        session.expiryInterval = packet.cleanStart ? 0 : Session::kNeverExpires;
        session.clientReceiveMaximum = core.config().receiveMaximum;
        session.clientMaximumPacketSize = 0;
    }
    session.will = packet.will;
    core.sessionConnected(session);

    const mqtt::Properties props = connackProperties(core, packet, assignedId);
    const quint16 keepAlive = props.serverKeepAlive.value_or(packet.keepAlive);
    client.markConnected(version, &session, keepAlive);
    client.send(mqtt::encodeConnack(version, attached.sessionPresent, ReasonCode::Success, props));
    if (attached.sessionPresent)
        core.resumeDelivery(session);
}

} // namespace bs::broker::handlers
