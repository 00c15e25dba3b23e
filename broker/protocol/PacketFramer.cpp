#include "broker/protocol/PacketFramer.h"

#include "broker/protocol/PacketType.h"

namespace bs::mqtt {

void PacketFramer::append(const QByteArray& bytes)
{
    if (m_offset > 0 && m_offset == m_buffer.size()) {
        m_buffer.clear();
        m_offset = 0;
    } else if (m_offset > 65536 && m_offset * 2 > m_buffer.size()) {
        m_buffer.remove(0, m_offset);
        m_offset = 0;
    }
    m_buffer.append(bytes);
}

PacketFramer::Status PacketFramer::next(Frame& frame)
{
    const qsizetype available = m_buffer.size() - m_offset;
    if (available < 2)
        return Status::NeedMore;
    const auto* data = reinterpret_cast<const quint8*>(m_buffer.constData()) + m_offset;
    quint32 length = 0;
    int lengthBytes = 0;
    for (;;) {
        if (lengthBytes == 4)
            return Status::Malformed; // §1.5.5: at most four bytes
        if (1 + lengthBytes >= available)
            return Status::NeedMore;
        const quint8 byte = data[1 + lengthBytes];
        length |= quint32(byte & 0x7F) << (7 * lengthBytes);
        ++lengthBytes;
        if ((byte & 0x80) == 0)
            break;
    }
    const qsizetype total = 1 + lengthBytes + qsizetype(length);
    const quint32 limit = m_maximum == 0 ? kMaxRemainingLength + 5 : m_maximum;
    if (quint64(total) > limit)
        return Status::TooLarge;
    if (available < total)
        return Status::NeedMore;
    frame.header = data[0];
    frame.body = m_buffer.sliced(m_offset + 1 + lengthBytes, length);
    frame.wireSize = total;
    m_offset += total;
    return Status::Ready;
}

} // namespace bs::mqtt
