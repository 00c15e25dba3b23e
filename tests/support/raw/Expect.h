#pragma once
// QtTest helpers shared by the conformance tests. Each helper records a QtTest failure
// and returns early; call it through BS_CALL so the test function returns too:
//     BS_CALL(connectClient(client, "c1"_ba));

#include "raw/RawClient.h"
#include "raw/TargetBroker.h"

#include <QHash>
#include <QTest>

#define BS_CALL(expression)                                                                        \
    do {                                                                                           \
        expression;                                                                                \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace bs::raw {

/// Adds a "version" column with rows for MQTT 3.1.1 and 5.0 (for *_data() functions).
void addVersionRows();

void startBroker(TargetBroker& broker);

/// Opens the socket if needed, sends CONNECT and requires a successful CONNACK.
void connectClient(RawClient& client, const ConnectOptions& options, Packet* connack = nullptr);
void connectClient(RawClient& client, const QByteArray& clientId, Packet* connack = nullptr);

/// Requires the next packet to be of the given type (and well-formed).
void expectPacket(RawClient& client, PacketType type, Packet* out = nullptr,
                  int timeoutMs = kDefaultTimeoutMs);

/// SUBSCRIBE with one filter; requires a SUBACK granting expectedCode (default: the QoS).
void subscribe(RawClient& client, const QByteArray& filter, quint8 options, quint16 packetId = 1,
               const Properties& properties = {}, int expectedCode = -1);

/// Requires the next packet to be a PUBLISH with this topic, payload and QoS.
void expectPublish(RawClient& client, const QByteArray& topic, const QByteArray& payload, int qos,
                   Packet* out = nullptr);

/// Publishes and completes the sender's side of the flow (PUBACK, or PUBREC/PUBREL/PUBCOMP).
void publish(RawClient& client, const PublishOptions& options);

/// PINGREQ → PINGRESP: the broker has processed everything this client sent before
/// (packets on one connection are handled in order). Fails if another packet comes first.
void sync(RawClient& client);

/// A PUBLISH's user properties by name (the last one wins for repeated names).
QHash<QByteArray, QByteArray> userPropertyMap(const Packet& packet);

/// Acknowledges a received PUBLISH (PUBACK, or PUBREC, PUBREL expected, PUBCOMP).
void acknowledge(RawClient& client, const Packet& publish);

/// v5: requires a DISCONNECT with the reason code, then the close. v3.1.1: requires the close
/// with nothing sent. When acceptPlainClose is set, a close with nothing sent also passes
/// (for answers of Mosquitto that differ from ours).
void expectDisconnect(RawClient& client, quint8 reasonCode, bool acceptPlainClose = false,
                      int timeoutMs = kDefaultTimeoutMs);

/// Requires the broker to close the connection without sending anything.
void expectClosedSilently(RawClient& client, int timeoutMs = kDefaultTimeoutMs);

/// A round trip on an established connection: subscribe to a fresh topic, publish to it
/// and receive it back. Proves the connection still works.
void expectAlive(RawClient& client, const QByteArray& topicSuffix);

/// A fresh client can connect, subscribe, publish and receive.
void expectBrokerAcceptsNewClients(quint16 port);

} // namespace bs::raw
