#pragma once
// MQTT 5 properties (§2.2.2): identifiers, their data types, and an ordered list that
// encodes to and decodes from the wire. Raw entries let tests write invalid properties.

#include "raw/Bytes.h"

#include <QByteArray>
#include <QList>
#include <QPair>
#include <QString>
#include <optional>

namespace bs::raw {

namespace prop {
inline constexpr quint8 PayloadFormatIndicator = 0x01;
inline constexpr quint8 MessageExpiryInterval = 0x02;
inline constexpr quint8 ContentType = 0x03;
inline constexpr quint8 ResponseTopic = 0x08;
inline constexpr quint8 CorrelationData = 0x09;
inline constexpr quint8 SubscriptionIdentifier = 0x0B;
inline constexpr quint8 SessionExpiryInterval = 0x11;
inline constexpr quint8 AssignedClientIdentifier = 0x12;
inline constexpr quint8 ServerKeepAlive = 0x13;
inline constexpr quint8 AuthenticationMethod = 0x15;
inline constexpr quint8 AuthenticationData = 0x16;
inline constexpr quint8 RequestProblemInformation = 0x17;
inline constexpr quint8 WillDelayInterval = 0x18;
inline constexpr quint8 RequestResponseInformation = 0x19;
inline constexpr quint8 ResponseInformation = 0x1A;
inline constexpr quint8 ServerReference = 0x1C;
inline constexpr quint8 ReasonString = 0x1F;
inline constexpr quint8 ReceiveMaximum = 0x21;
inline constexpr quint8 TopicAliasMaximum = 0x22;
inline constexpr quint8 TopicAlias = 0x23;
inline constexpr quint8 MaximumQoS = 0x24;
inline constexpr quint8 RetainAvailable = 0x25;
inline constexpr quint8 UserProperty = 0x26;
inline constexpr quint8 MaximumPacketSize = 0x27;
inline constexpr quint8 WildcardSubscriptionAvailable = 0x28;
inline constexpr quint8 SubscriptionIdentifierAvailable = 0x29;
inline constexpr quint8 SharedSubscriptionAvailable = 0x2A;
} // namespace prop

enum class PropertyType { Byte, TwoByte, FourByte, Varint, String, Binary, StringPair, Unknown };

PropertyType propertyType(quint8 id);
QString propertyName(quint8 id);

struct Property
{
    quint8 id = 0;
    quint32 number = 0; ///< Byte, two-byte, four-byte and varint values.
    QByteArray value;   ///< String or binary value; the name of a user property.
    QByteArray value2;  ///< The value of a user property.
    QByteArray raw;     ///< When not empty: written verbatim instead of id + value.

    bool operator==(const Property& other) const = default;
    QString describe() const;
};

class Properties
{
public:
    Properties& add(quint8 id, quint32 number);
    Properties& add(quint8 id, const QByteArray& value);
    Properties& addUser(const QByteArray& name, const QByteArray& value);
    /// Appends bytes as they are (an unknown identifier, a wrong type...).
    Properties& addRaw(const QByteArray& bytes);

    const QList<Property>& items() const { return m_items; }
    bool isEmpty() const { return m_items.isEmpty(); }
    int count(quint8 id) const;
    bool has(quint8 id) const { return count(id) > 0; }
    std::optional<quint32> number(quint8 id) const;
    std::optional<QByteArray> value(quint8 id) const;
    QList<quint32> numbers(quint8 id) const;
    QList<QPair<QByteArray, QByteArray>> userProperties() const;

    /// Property Length (varint) followed by the properties.
    QByteArray encode() const;
    /// Reads Property Length and the properties; nullopt when malformed.
    static std::optional<Properties> decode(ByteReader& reader, QString* error = nullptr);

    QString describe() const;

private:
    QList<Property> m_items;
};

} // namespace bs::raw
