#include "broker/protocol/Properties.h"

namespace bs::mqtt {
namespace {

constexpr quint16 bit(PropertyContext c) { return quint16(1u << static_cast<unsigned>(c)); }

constexpr quint16 kMessage = bit(PropertyContext::Publish) | bit(PropertyContext::Will);
constexpr quint16 kAll = 0xFFFF;

/// Contexts in which each property identifier may appear (§2.2.2.2); 0 = unknown id.
quint16 allowedContexts(quint8 id)
{
    using C = PropertyContext;
    switch (id) {
    case 0x01: case 0x02: case 0x03: case 0x08: case 0x09: return kMessage;
    case 0x0B: return bit(C::Publish) | bit(C::Subscribe);
    case 0x11: return bit(C::Connect) | bit(C::Connack) | bit(C::Disconnect);
    case 0x12: case 0x13: case 0x1A: case 0x24: case 0x25: case 0x28: case 0x29: case 0x2A:
        return bit(C::Connack);
    case 0x15: case 0x16: return bit(C::Connect) | bit(C::Connack) | bit(C::Auth);
    case 0x17: case 0x19: return bit(C::Connect);
    case 0x18: return bit(C::Will);
    case 0x1C: return bit(C::Connack) | bit(C::Disconnect);
    case 0x1F:
        return bit(C::Connack) | bit(C::Ack) | bit(C::Suback) | bit(C::Unsuback)
             | bit(C::Disconnect) | bit(C::Auth);
    case 0x21: case 0x22: case 0x27: return bit(C::Connect) | bit(C::Connack);
    case 0x23: return bit(C::Publish);
    case 0x26: return kAll;
    default: return 0;
    }
}

template <typename T>
void setOnce(ByteReader& reader, std::optional<T>& slot, T value)
{
    if (slot.has_value()) {
        reader.fail(ReasonCode::ProtocolError); // §2.2.2.2: only once
        return;
    }
    slot = std::move(value);
}

quint8 readFlag(ByteReader& reader)
{
    const quint8 value = reader.u8();
    if (value > 1)
        reader.fail(ReasonCode::ProtocolError);
    return value;
}

void readOne(ByteReader& in, quint8 id, Properties& p, PropertyContext context)
{
    switch (id) {
    case 0x01: setOnce(in, p.payloadFormatIndicator, readFlag(in)); break;
    case 0x02: setOnce(in, p.messageExpiryInterval, in.u32()); break;
    case 0x03: setOnce(in, p.contentType, in.utf8()); break;
    case 0x08: setOnce(in, p.responseTopic, in.utf8()); break;
    case 0x09: setOnce(in, p.correlationData, in.binary()); break;
    case 0x0B: {
        const quint32 value = in.varint();
        if (value == 0)
            in.fail(ReasonCode::ProtocolError); // §3.8.2.1.2
        if (context == PropertyContext::Subscribe && !p.subscriptionIdentifiers.isEmpty())
            in.fail(ReasonCode::ProtocolError);
        p.subscriptionIdentifiers.append(value);
        break;
    }
    case 0x11: setOnce(in, p.sessionExpiryInterval, in.u32()); break;
    case 0x12: setOnce(in, p.assignedClientIdentifier, in.utf8()); break;
    case 0x13: setOnce(in, p.serverKeepAlive, in.u16()); break;
    case 0x15: setOnce(in, p.authenticationMethod, in.utf8()); break;
    case 0x16: setOnce(in, p.authenticationData, in.binary()); break;
    case 0x17: setOnce(in, p.requestProblemInformation, readFlag(in)); break;
    case 0x18: setOnce(in, p.willDelayInterval, in.u32()); break;
    case 0x19: setOnce(in, p.requestResponseInformation, readFlag(in)); break;
    case 0x1A: setOnce(in, p.responseInformation, in.utf8()); break;
    case 0x1C: setOnce(in, p.serverReference, in.utf8()); break;
    case 0x1F: setOnce(in, p.reasonString, in.utf8()); break;
    case 0x21: {
        const quint16 value = in.u16();
        if (value == 0)
            in.fail(ReasonCode::ProtocolError); // §3.1.2.11.3
        setOnce(in, p.receiveMaximum, value);
        break;
    }
    case 0x22: setOnce(in, p.topicAliasMaximum, in.u16()); break;
    case 0x23: setOnce(in, p.topicAlias, in.u16()); break;
    case 0x24: setOnce(in, p.maximumQos, readFlag(in)); break;
    case 0x25: setOnce(in, p.retainAvailable, readFlag(in)); break;
    case 0x26: {
        QString name = in.utf8();
        QString value = in.utf8();
        p.userProperties.append({std::move(name), std::move(value)});
        break;
    }
    case 0x27: {
        const quint32 value = in.u32();
        if (value == 0)
            in.fail(ReasonCode::ProtocolError); // §3.1.2.11.4
        setOnce(in, p.maximumPacketSize, value);
        break;
    }
    case 0x28: setOnce(in, p.wildcardSubscriptionAvailable, readFlag(in)); break;
    case 0x29: setOnce(in, p.subscriptionIdentifierAvailable, readFlag(in)); break;
    case 0x2A: setOnce(in, p.sharedSubscriptionAvailable, readFlag(in)); break;
    default: in.fail(ReasonCode::MalformedPacket); break;
    }
}

void writeBody(ByteWriter& w, const Properties& p)
{
    auto byte = [&w](quint8 id, const std::optional<quint8>& v) {
        if (v) { w.u8(id); w.u8(*v); }
    };
    auto u16 = [&w](quint8 id, const std::optional<quint16>& v) {
        if (v) { w.u8(id); w.u16(*v); }
    };
    auto u32 = [&w](quint8 id, const std::optional<quint32>& v) {
        if (v) { w.u8(id); w.u32(*v); }
    };
    auto str = [&w](quint8 id, const std::optional<QString>& v) {
        if (v) { w.u8(id); w.utf8(*v); }
    };
    auto bin = [&w](quint8 id, const std::optional<QByteArray>& v) {
        if (v) { w.u8(id); w.binary(*v); }
    };
    byte(0x01, p.payloadFormatIndicator);
    u32(0x02, p.messageExpiryInterval);
    str(0x03, p.contentType);
    str(0x08, p.responseTopic);
    bin(0x09, p.correlationData);
    for (quint32 id : p.subscriptionIdentifiers) {
        w.u8(0x0B);
        w.varint(id);
    }
    u32(0x11, p.sessionExpiryInterval);
    str(0x12, p.assignedClientIdentifier);
    u16(0x13, p.serverKeepAlive);
    str(0x15, p.authenticationMethod);
    bin(0x16, p.authenticationData);
    byte(0x17, p.requestProblemInformation);
    u32(0x18, p.willDelayInterval);
    byte(0x19, p.requestResponseInformation);
    str(0x1A, p.responseInformation);
    str(0x1C, p.serverReference);
    str(0x1F, p.reasonString);
    u16(0x21, p.receiveMaximum);
    u16(0x22, p.topicAliasMaximum);
    u16(0x23, p.topicAlias);
    byte(0x24, p.maximumQos);
    byte(0x25, p.retainAvailable);
    for (const UserProperty& up : p.userProperties) {
        w.u8(0x26);
        w.utf8(up.name);
        w.utf8(up.value);
    }
    u32(0x27, p.maximumPacketSize);
    byte(0x28, p.wildcardSubscriptionAvailable);
    byte(0x29, p.subscriptionIdentifierAvailable);
    byte(0x2A, p.sharedSubscriptionAvailable);
}

} // namespace

Properties Properties::read(ByteReader& reader, PropertyContext context)
{
    Properties props;
    const quint32 length = reader.varint();
    if (!reader.ok())
        return props;
    if (length > static_cast<quint32>(reader.remaining())) {
        reader.fail(ReasonCode::MalformedPacket);
        return props;
    }
    const QByteArray blockBytes = reader.take(length);
    ByteReader block(blockBytes);
    while (block.ok() && !block.atEnd()) {
        const quint32 id = block.varint();
        if (!block.ok())
            break;
        if (id > 0xFF || (allowedContexts(static_cast<quint8>(id)) & bit(context)) == 0) {
            block.fail(ReasonCode::MalformedPacket);
            break;
        }
        readOne(block, static_cast<quint8>(id), props, context);
    }
    if (!block.ok())
        reader.fail(block.error());
    return props;
}

void Properties::write(ByteWriter& writer) const
{
    const QByteArray body = encodedBody();
    writer.varint(static_cast<quint32>(body.size()));
    writer.raw(body);
}

QByteArray Properties::encodedBody() const
{
    ByteWriter body;
    writeBody(body, *this);
    return body.take();
}

qsizetype Properties::encodedSize() const
{
    const qsizetype bodySize = encodedBody().size();
    return varintSize(static_cast<quint32>(bodySize)) + bodySize;
}

} // namespace bs::mqtt
