#pragma once
// The first 16 bytes of every load payload: steady-clock send time in ns (8), publisher
// index (4), per-publisher sequence number (4), all little-endian; the rest is filler.

#include <QByteArray>
#include <QtEndian>
#include <chrono>

namespace bs::bench {

inline constexpr int kPayloadHeaderBytes = 16;

inline qint64 steadyNowNs()
{
    return std::chrono::duration_cast<std::chrono::nanoseconds>(
               std::chrono::steady_clock::now().time_since_epoch())
        .count();
}

struct PayloadStamp
{
    qint64 sentNs = 0;
    quint32 publisher = 0;
    quint32 sequence = 0;
};

inline void writeStamp(QByteArray& payload, const PayloadStamp& stamp)
{
    uchar* data = reinterpret_cast<uchar*>(payload.data());
    qToLittleEndian(stamp.sentNs, data);
    qToLittleEndian(stamp.publisher, data + 8);
    qToLittleEndian(stamp.sequence, data + 12);
}

inline bool readStamp(const QByteArray& payload, PayloadStamp& stamp)
{
    if (payload.size() < kPayloadHeaderBytes)
        return false;
    const uchar* data = reinterpret_cast<const uchar*>(payload.constData());
    stamp.sentNs = qFromLittleEndian<qint64>(data);
    stamp.publisher = qFromLittleEndian<quint32>(data + 8);
    stamp.sequence = qFromLittleEndian<quint32>(data + 12);
    return true;
}

} // namespace bs::bench
