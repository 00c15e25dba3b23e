#include "client/NetworkProbe.h"

#include <QFile>
#include <QSslConfiguration>
#include <QSslKey>
#include <QSslSocket>
#include <QTcpSocket>
#include <QTimer>

using namespace Qt::StringLiterals;

namespace bs::client {

namespace {

QSslKey readPrivateKey(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return {};
    const QByteArray pem = file.readAll();
    for (const QSsl::KeyAlgorithm algorithm : {QSsl::Rsa, QSsl::Ec, QSsl::Dsa}) {
        QSslKey key(pem, algorithm);
        if (!key.isNull())
            return key;
    }
    return {};
}

} // namespace

NetworkProbe::NetworkProbe(QObject* parent) : QObject(parent), m_timeout(new QTimer(this))
{
    m_timeout->setSingleShot(true);
    connect(m_timeout, &QTimer::timeout, this,
            [this] { finish(Outcome::NetworkFailure, u"no answer from "_s + m_address); });
}

void NetworkProbe::probe(const QString& host, quint16 port, const TlsSettings& tls, int timeoutMs)
{
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
    }
    m_host = host;
    m_address = (host.contains(u':') ? u'[' + host + u']' : host) + u':' + QString::number(port);
    m_tls = tls.enabled;
    m_handshaking = false;
    m_socket = makeSocket(tls);
    if (!m_socket)
        return; // finished() already said why
    connect(m_socket, &QTcpSocket::errorOccurred, this, &NetworkProbe::handleSocketError);
    m_timeout->start(timeoutMs);
    if (auto* ssl = qobject_cast<QSslSocket*>(m_socket)) {
        connect(ssl, &QTcpSocket::connected, this, [this] { m_handshaking = true; });
        connect(ssl, &QSslSocket::encrypted, this, [this] { finish(Outcome::Reachable, {}); });
        connect(ssl, &QSslSocket::sslErrors, this, [this](const QList<QSslError>& errors) {
            QStringList reasons;
            for (const QSslError& error : errors)
                reasons << error.errorString();
            finish(Outcome::TlsFailure,
                   u"TLS handshake with %1 failed: %2"_s.arg(m_address, reasons.join(u"; "_s)));
        });
        ssl->connectToHostEncrypted(host, port);
    } else {
        connect(m_socket, &QTcpSocket::connected, this, [this] { finish(Outcome::Reachable, {}); });
        m_socket->connectToHost(host, port);
    }
}

QTcpSocket* NetworkProbe::makeSocket(const TlsSettings& tls)
{
    if (!tls.enabled)
        return new QTcpSocket(this);
    if (!QSslSocket::supportsSsl()) {
        finish(Outcome::TlsFailure, u"TLS is not available in this build of Qt"_s);
        return nullptr;
    }
    QSslConfiguration configuration = QSslConfiguration::defaultConfiguration();
    if (!tls.caFile.isEmpty()) {
        const QList<QSslCertificate> authorities = QSslCertificate::fromPath(tls.caFile);
        if (authorities.isEmpty()) {
            finish(Outcome::TlsFailure, u"cannot read a CA certificate from "_s + tls.caFile);
            return nullptr;
        }
        configuration.setCaCertificates(authorities);
    }
    if (!tls.certificateFile.isEmpty()) {
        const QList<QSslCertificate> own = QSslCertificate::fromPath(tls.certificateFile);
        if (own.isEmpty()) {
            finish(Outcome::TlsFailure, u"cannot read a certificate from "_s + tls.certificateFile);
            return nullptr;
        }
        configuration.setLocalCertificate(own.first());
    }
    if (!tls.privateKeyFile.isEmpty()) {
        const QSslKey key = readPrivateKey(tls.privateKeyFile);
        if (key.isNull()) {
            finish(Outcome::TlsFailure,
                   u"cannot read an unencrypted private key from "_s + tls.privateKeyFile);
            return nullptr;
        }
        configuration.setPrivateKey(key);
    }
    configuration.setPeerVerifyMode(tls.verifyPeer ? QSslSocket::VerifyPeer
                                                   : QSslSocket::VerifyNone);
    auto* socket = new QSslSocket(this);
    socket->setSslConfiguration(configuration);
    return socket;
}

void NetworkProbe::handleSocketError()
{
    if (!m_socket)
        return;
    switch (m_socket->error()) {
    case QAbstractSocket::ConnectionRefusedError:
        finish(Outcome::NetworkFailure, u"connection refused by "_s + m_address);
        return;
    case QAbstractSocket::HostNotFoundError:
        finish(Outcome::NetworkFailure, u"host not found: "_s + m_host);
        return;
    case QAbstractSocket::SocketTimeoutError:
        finish(Outcome::NetworkFailure, u"no answer from "_s + m_address);
        return;
    case QAbstractSocket::NetworkError:
        finish(Outcome::NetworkFailure, u"network unreachable for "_s + m_address);
        return;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInvalidUserDataError:
    case QAbstractSocket::SslInternalError:
        finish(Outcome::TlsFailure,
               u"TLS handshake with %1 failed: %2"_s.arg(m_address, m_socket->errorString()));
        return;
    case QAbstractSocket::RemoteHostClosedError:
        if (m_tls && m_handshaking) {
            finish(Outcome::TlsFailure,
                   u"%1 closed the connection during the TLS handshake (is it a TLS port?)"_s.arg(
                       m_address));
            return;
        }
        [[fallthrough]];
    default:
        finish(Outcome::NetworkFailure, m_socket->errorString() + u" ("_s + m_address + u')');
        return;
    }
}

void NetworkProbe::finish(Outcome outcome, const QString& problem)
{
    m_timeout->stop();
    if (m_socket) {
        m_socket->disconnect(this);
        m_socket->abort();
        m_socket->deleteLater();
        m_socket = nullptr;
    }
    emit finished(outcome, problem);
}

} // namespace bs::client
