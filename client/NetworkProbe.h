#pragma once
// Finds out why a connection failed, in words a person can act on. paho reports every
// network and TLS failure as "TCP/TLS connect failure" (or nothing at all), so after a
// failed connect the client opens a QTcpSocket (or a QSslSocket with the profile's TLS
// settings) to the same address and reads its error: "connection refused by
// 127.0.0.1:1884", "host not found: broker.example", "no answer from 10.0.0.9:1883",
// "TLS handshake with 127.0.0.1:8883 failed: The issuer certificate ... could not be
// found". The probe runs on the caller's event loop and never blocks it.
//
// (paho's own TLS error callback, ssl_options::set_error_handler, is not used: in
// paho-mqtt-cpp 1.2 its context pointer dangles once the options are copied into the
// client, and calling it crashes.)

#include "client/ConnectionProfile.h"

#include <QObject>
#include <QString>

class QTcpSocket;
class QTimer;

namespace bs::client {

class NetworkProbe : public QObject
{
    Q_OBJECT
public:
    enum class Outcome : quint8
    {
        Reachable,      ///< TCP (and TLS) worked: the failure was in MQTT.
        NetworkFailure, ///< Refused, unreachable, no answer: may pass, worth retrying.
        TlsFailure,     ///< Certificates or handshake: retrying will not help.
    };

    explicit NetworkProbe(QObject* parent = nullptr);

    /// Starts a probe; one already running is abandoned. finished() follows within
    /// timeoutMs.
    void probe(const QString& host, quint16 port, const TlsSettings& tls, int timeoutMs = 3000);

signals:
    /// problem: why not, empty when Reachable.
    void finished(bs::client::NetworkProbe::Outcome outcome, const QString& problem);

private:
    QTcpSocket* makeSocket(const TlsSettings& tls);
    void handleSocketError();
    void finish(Outcome outcome, const QString& problem);

    QTcpSocket* m_socket = nullptr;
    QTimer* m_timeout = nullptr;
    bool m_tls = false;
    bool m_handshaking = false;
    QString m_address;
    QString m_host;
};

} // namespace bs::client
