#pragma once
// A QoS 1 publisher for the crash tests: sends "<name>:<seq>" (seq = 1, 2, 3, ...) to
// "crash/<name>" over MQTT 3.1.1 or 5.0, keeping up to `window` publishes in flight and
// sending the next one as each PUBACK comes back. It is event-driven (no waiting inside),
// so several run side by side while the test spins the event loop.
//
// When the connection drops (the broker was killed) the publishes in flight stay
// unacknowledged; after connectTo() they are sent again first, in order, then new ones.
// So every sequence number is eventually acknowledged, and a number may reach the log
// more than once only if it was in flight when a connection dropped (resent()).
//
// A PUBACK with a v5 reason code >= 0x80 counts as a refusal (refusals()); the publish is
// sent again after the next reconnect. Anything unexpected from the broker is listed in
// protocolErrors().

#include "raw/PacketDecoder.h"

#include <QByteArray>
#include <QMap>
#include <QObject>
#include <QSet>
#include <QStringList>
#include <QTcpSocket>
#include <set>

class SequencePublisher : public QObject
{
    Q_OBJECT
public:
    SequencePublisher(QString name, int version, int window, QObject* parent = nullptr);

    QString name() const { return m_name; }
    QString topic() const { return QStringLiteral("crash/") + m_name; }
    int version() const { return m_builder.version(); }

    /// Drops the current connection, if any (reading what already arrived), and connects
    /// to 127.0.0.1:port. Publishing starts once the CONNACK arrives.
    void connectTo(quint16 port);
    /// No new sequence numbers from now on; publishes in flight still complete.
    void stopSending();
    void disconnectCleanly();

    bool isSessionUp() const { return m_sessionUp; }
    /// Nothing in flight and nothing waiting to be resent.
    bool isIdle() const { return m_unacked.empty(); }
    int highestSent() const { return m_nextSeq - 1; }
    const QSet<int>& acknowledged() const { return m_acknowledged; }
    const QSet<int>& resent() const { return m_resent; }
    int refusals() const { return m_refusals; }
    const QStringList& protocolErrors() const { return m_protocolErrors; }

    /// "<name>:<seq>" → seq; -1 for a payload of another publisher or a malformed one.
    int sequenceOf(const QByteArray& payload) const;

private:
    void onConnected();
    void onReadyRead();
    void onDisconnected();
    void handlePacket(const bs::raw::Packet& packet);
    void sendPublish(int seq);
    void fillWindow();
    quint16 nextPacketId();

    QString m_name;
    int m_window;
    bs::raw::PacketBuilder m_builder;
    QTcpSocket m_socket;
    QByteArray m_buffer;
    bool m_sessionUp = false;
    bool m_sending = true;
    int m_nextSeq = 1;
    quint16 m_lastPacketId = 0;
    QMap<quint16, int> m_inflight; ///< packet id → seq, on the current connection
    std::set<int> m_unacked;       ///< seqs sent and not acknowledged yet, in order
    QSet<int> m_acknowledged;
    QSet<int> m_resent;
    int m_refusals = 0;
    QStringList m_protocolErrors;
};
