#include "broker/protocol/PacketFramer.h"

#include "broker/protocol/PacketType.h"

namespace bs::mqtt {

void PacketFramer::append(const QByteArray& bytes)
{
    if (bytes.isEmpty())
        return;
    // Two blocks before next() drained the first: its unread rest joins the carry, in order.
    // Otherwise the carry (if any) is a packet split across blocks, which next() completes
    // from this block — copying at most one packet, never the whole block.
    if (m_offset < m_buffer.size())
        m_carry.append(QByteArrayView(m_buffer).sliced(m_offset));
    m_buffer = bytes; // framed where it lies: shared, not copied
    m_offset = 0;
}

qsizetype PacketFramer::buffered() const
{
    return m_carry.size() + m_buffer.size() - m_offset;
}

PacketFramer::Status PacketFramer::next(Frame& frame)
{
    if (!m_carry.isEmpty()) {
        // Complete the carried packet: move over just what it lacks (or all there is).
        for (;;) {
            qsizetype needed = 0;
            const Status status = frameAt(m_carry, 0, frame, &needed);
            if (status == Status::Ready) {
                m_carry.remove(0, frame.wireSize); // it may hold more packets (see append)
                return status;
            }
            if (status != Status::NeedMore)
                return status;
            const qsizetype available = m_buffer.size() - m_offset;
            if (available == 0)
                return Status::NeedMore;
            const qsizetype take = std::min(available, needed);
            m_carry.append(QByteArrayView(m_buffer).sliced(m_offset, take));
            m_offset += take;
        }
    }
    qsizetype needed = 0;
    const Status status = frameAt(m_buffer, m_offset, frame, &needed);
    if (status == Status::Ready) {
        m_offset += frame.wireSize;
    } else if (status == Status::NeedMore && m_offset < m_buffer.size()) {
        m_carry = QByteArrayView(m_buffer).sliced(m_offset).toByteArray(); // at most one packet
        m_offset = m_buffer.size();
    }
    return status;
}

PacketFramer::Status PacketFramer::frameAt(const QByteArray& buffer, qsizetype offset, Frame& frame,
                                           qsizetype* needed) const
{
    const qsizetype available = buffer.size() - offset;
    if (available < 2) {
        *needed = 2 - available;
        return Status::NeedMore;
    }
    const auto* data = reinterpret_cast<const quint8*>(buffer.constData()) + offset;
    quint32 length = 0;
    int lengthBytes = 0;
    for (;;) {
        if (lengthBytes == 4)
            return Status::Malformed; // §1.5.5: at most four bytes
        if (1 + lengthBytes >= available) {
            *needed = 1; // one more byte of the remaining length
            return Status::NeedMore;
        }
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
    if (available < total) {
        *needed = total - available;
        return Status::NeedMore;
    }
    frame.header = data[0];
    frame.body = buffer.sliced(offset + 1 + lengthBytes, length);
    frame.wireSize = total;
    return Status::Ready;
}

} // namespace bs::mqtt
