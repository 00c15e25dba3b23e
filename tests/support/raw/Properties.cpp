#include "raw/Properties.h"

#include <QStringList>

using namespace Qt::StringLiterals;

namespace bs::raw {

PropertyType propertyType(quint8 id)
{
    switch (id) {
    case prop::PayloadFormatIndicator:
    case prop::RequestProblemInformation:
    case prop::RequestResponseInformation:
    case prop::MaximumQoS:
    case prop::RetainAvailable:
    case prop::WildcardSubscriptionAvailable:
    case prop::SubscriptionIdentifierAvailable:
    case prop::SharedSubscriptionAvailable:
        return PropertyType::Byte;
    case prop::ServerKeepAlive:
    case prop::ReceiveMaximum:
    case prop::TopicAliasMaximum:
    case prop::TopicAlias:
        return PropertyType::TwoByte;
    case prop::MessageExpiryInterval:
    case prop::SessionExpiryInterval:
    case prop::WillDelayInterval:
    case prop::MaximumPacketSize:
        return PropertyType::FourByte;
    case prop::SubscriptionIdentifier:
        return PropertyType::Varint;
    case prop::ContentType:
    case prop::ResponseTopic:
    case prop::AssignedClientIdentifier:
    case prop::AuthenticationMethod:
    case prop::ResponseInformation:
    case prop::ServerReference:
    case prop::ReasonString:
        return PropertyType::String;
    case prop::CorrelationData:
    case prop::AuthenticationData:
        return PropertyType::Binary;
    case prop::UserProperty:
        return PropertyType::StringPair;
    default:
        return PropertyType::Unknown;
    }
}

QString propertyName(quint8 id)
{
    switch (id) {
    case prop::PayloadFormatIndicator: return u"PayloadFormatIndicator"_s;
    case prop::MessageExpiryInterval: return u"MessageExpiryInterval"_s;
    case prop::ContentType: return u"ContentType"_s;
    case prop::ResponseTopic: return u"ResponseTopic"_s;
    case prop::CorrelationData: return u"CorrelationData"_s;
    case prop::SubscriptionIdentifier: return u"SubscriptionIdentifier"_s;
    case prop::SessionExpiryInterval: return u"SessionExpiryInterval"_s;
    case prop::AssignedClientIdentifier: return u"AssignedClientIdentifier"_s;
    case prop::ServerKeepAlive: return u"ServerKeepAlive"_s;
    case prop::AuthenticationMethod: return u"AuthenticationMethod"_s;
    case prop::AuthenticationData: return u"AuthenticationData"_s;
    case prop::RequestProblemInformation: return u"RequestProblemInformation"_s;
    case prop::WillDelayInterval: return u"WillDelayInterval"_s;
    case prop::RequestResponseInformation: return u"RequestResponseInformation"_s;
    case prop::ResponseInformation: return u"ResponseInformation"_s;
    case prop::ServerReference: return u"ServerReference"_s;
    case prop::ReasonString: return u"ReasonString"_s;
    case prop::ReceiveMaximum: return u"ReceiveMaximum"_s;
    case prop::TopicAliasMaximum: return u"TopicAliasMaximum"_s;
    case prop::TopicAlias: return u"TopicAlias"_s;
    case prop::MaximumQoS: return u"MaximumQoS"_s;
    case prop::RetainAvailable: return u"RetainAvailable"_s;
    case prop::UserProperty: return u"UserProperty"_s;
    case prop::MaximumPacketSize: return u"MaximumPacketSize"_s;
    case prop::WildcardSubscriptionAvailable: return u"WildcardSubscriptionAvailable"_s;
    case prop::SubscriptionIdentifierAvailable: return u"SubscriptionIdentifierAvailable"_s;
    case prop::SharedSubscriptionAvailable: return u"SharedSubscriptionAvailable"_s;
    default: return u"0x%1"_s.arg(id, 2, 16, QLatin1Char('0'));
    }
}

QString Property::describe() const
{
    if (!raw.isEmpty())
        return u"raw(%1)"_s.arg(QString::fromLatin1(raw.toHex()));
    const QString name = propertyName(id);
    switch (propertyType(id)) {
    case PropertyType::String:
        return name % u'=' % QString::fromUtf8(value);
    case PropertyType::Binary:
        return name % u"=0x"_s % QString::fromLatin1(value.toHex());
    case PropertyType::StringPair:
        return name % u'(' % QString::fromUtf8(value) % u'=' % QString::fromUtf8(value2) % u')';
    default:
        return name % u'=' % QString::number(number);
    }
}

Properties& Properties::add(quint8 id, quint32 number)
{
    Property property;
    property.id = id;
    property.number = number;
    m_items.append(property);
    return *this;
}

Properties& Properties::add(quint8 id, const QByteArray& value)
{
    Property property;
    property.id = id;
    property.value = value;
    m_items.append(property);
    return *this;
}

Properties& Properties::addUser(const QByteArray& name, const QByteArray& value)
{
    Property property;
    property.id = prop::UserProperty;
    property.value = name;
    property.value2 = value;
    m_items.append(property);
    return *this;
}

Properties& Properties::addRaw(const QByteArray& bytes)
{
    Property property;
    property.raw = bytes;
    m_items.append(property);
    return *this;
}

int Properties::count(quint8 id) const
{
    int n = 0;
    for (const Property& property : m_items)
        n += property.raw.isEmpty() && property.id == id ? 1 : 0;
    return n;
}

std::optional<quint32> Properties::number(quint8 id) const
{
    for (const Property& property : m_items)
        if (property.raw.isEmpty() && property.id == id)
            return property.number;
    return std::nullopt;
}

std::optional<QByteArray> Properties::value(quint8 id) const
{
    for (const Property& property : m_items)
        if (property.raw.isEmpty() && property.id == id)
            return property.value;
    return std::nullopt;
}

QList<quint32> Properties::numbers(quint8 id) const
{
    QList<quint32> out;
    for (const Property& property : m_items)
        if (property.raw.isEmpty() && property.id == id)
            out.append(property.number);
    return out;
}

QList<QPair<QByteArray, QByteArray>> Properties::userProperties() const
{
    QList<QPair<QByteArray, QByteArray>> out;
    for (const Property& property : m_items)
        if (property.raw.isEmpty() && property.id == prop::UserProperty)
            out.append({property.value, property.value2});
    return out;
}

QByteArray Properties::encode() const
{
    ByteWriter body;
    for (const Property& property : m_items) {
        if (!property.raw.isEmpty()) {
            body.raw(property.raw);
            continue;
        }
        body.varint(property.id);
        switch (propertyType(property.id)) {
        case PropertyType::Byte: body.byte(static_cast<quint8>(property.number)); break;
        case PropertyType::TwoByte: body.u16(static_cast<quint16>(property.number)); break;
        case PropertyType::FourByte: body.u32(property.number); break;
        case PropertyType::Varint: body.varint(property.number); break;
        case PropertyType::String: body.string(property.value); break;
        case PropertyType::Binary: body.binary(property.value); break;
        case PropertyType::StringPair: body.string(property.value).string(property.value2); break;
        case PropertyType::Unknown: body.raw(property.value); break;
        }
    }
    ByteWriter out;
    out.varint(static_cast<quint32>(body.bytes().size())).raw(body.bytes());
    return out.bytes();
}

std::optional<Properties> Properties::decode(ByteReader& reader, QString* error)
{
    const quint32 length = reader.varint();
    ByteReader block(reader.take(length));
    if (reader.failed()) {
        if (error)
            *error = u"property length %1 runs past the packet"_s.arg(length);
        return std::nullopt;
    }
    Properties out;
    while (!block.atEnd()) {
        Property property;
        const quint32 id = block.varint();
        property.id = static_cast<quint8>(id);
        switch (propertyType(property.id)) {
        case PropertyType::Byte: property.number = block.byte(); break;
        case PropertyType::TwoByte: property.number = block.u16(); break;
        case PropertyType::FourByte: property.number = block.u32(); break;
        case PropertyType::Varint: property.number = block.varint(); break;
        case PropertyType::String: property.value = block.string(); break;
        case PropertyType::Binary: property.value = block.binary(); break;
        case PropertyType::StringPair:
            property.value = block.string();
            property.value2 = block.string();
            break;
        case PropertyType::Unknown:
            if (error)
                *error = u"unknown property identifier 0x%1"_s.arg(id, 2, 16, QLatin1Char('0'));
            return std::nullopt;
        }
        if (block.failed() || id > 0xFF) {
            if (error)
                *error = u"property %1 is truncated"_s.arg(propertyName(property.id));
            return std::nullopt;
        }
        out.m_items.append(property);
    }
    return out;
}

QString Properties::describe() const
{
    QStringList parts;
    for (const Property& property : m_items)
        parts.append(property.describe());
    return u'[' % parts.join(u", "_s) % u']';
}

} // namespace bs::raw
