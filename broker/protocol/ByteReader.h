#pragma once
// A bounds-checked cursor over one packet's bytes (MQTT data representation, §1.5).
// Reads past the end or ill-formed data set a sticky error; callers check ok() once
// after a group of reads and map error() to a reason code.

#include "broker/protocol/ReasonCode.h"

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace bs::mqtt {

class ByteReader
{
public:
    explicit ByteReader(QByteArrayView data) : m_data(data) {}

    quint8 u8();
    quint16 u16();
    quint32 u32();
    quint32 varint();      ///< Variable Byte Integer, at most 4 bytes (§1.5.5).
    QString utf8();        ///< UTF-8 Encoded String, validated per §1.5.4.
    QByteArray binary();   ///< Binary Data: 2-byte length then bytes (§1.5.6).
    QByteArray take(qsizetype count);
    QByteArray rest();

    qsizetype remaining() const { return m_data.size() - m_pos; }
    qsizetype position() const { return m_pos; }
    bool atEnd() const { return m_pos >= m_data.size(); }
    bool ok() const { return m_error == ReasonCode::Success; }
    ReasonCode error() const { return m_error; }
    void fail(ReasonCode reason);

private:
    bool need(qsizetype count);

    QByteArrayView m_data;
    qsizetype m_pos = 0;
    ReasonCode m_error = ReasonCode::Success;
};

/// True when bytes are well-formed UTF-8 with no U+0000 and no surrogates (§1.5.4).
bool isValidMqttUtf8(QByteArrayView bytes);

} // namespace bs::mqtt
