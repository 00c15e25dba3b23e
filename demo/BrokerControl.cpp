#include "demo/BrokerControl.h"

#include "demo/DemoConfig.h"

#include <QJsonDocument>
#include <memory>

namespace bs::demo {

namespace {

const QString kStatsPrefix = QStringLiteral("$SYS/brokerscope/groups/");

QString command(const QJsonObject& request)
{
    return request.value(QLatin1String("command")).toString() + u' '
        + request.value(QLatin1String("group")).toString();
}

} // namespace

BrokerControl::BrokerControl(const DemoConfig& config, QObject* parent)
    : QObject(parent), m_config(config), m_connection(this), m_admin(m_connection, this)
{
    connect(&m_connection, &net::DemoMqttConnection::connected, this, [this] {
        for (Service service : kAllServices) {
            for (const char* key : {"lag", "lag-seconds", "dead-letters"})
                m_connection.subscribe(kStatsPrefix + serviceName(service) + u'/' + QLatin1String(key), 0, 2);
        }
        m_admin.start();
        // The first answer says the admin API works (on this broker, for this client).
        m_admin.request({{QStringLiteral("command"), QStringLiteral("stats")}}, [this](const QJsonObject&) {
            finishOpening({});
        });
    });
    connect(&m_connection, &net::DemoMqttConnection::disconnected, this, [this](const QString& why) {
        if (!m_opened.isEmpty())
            finishOpening({QStringLiteral("cannot reach the broker: ") + why});
        else
            emit lost(why);
    });
    connect(&m_connection, &net::DemoMqttConnection::messageReceived, this, &BrokerControl::onMessage);
}

void BrokerControl::open(Done done)
{
    if (m_connection.isConnected() && m_admin.isReady())
        return done({});
    m_opened.append(std::move(done));
    if (m_connection.state() == net::DemoMqttConnection::State::Disconnected) {
        net::ConnectOptions options;
        options.clientId = m_config.clientIdPrefix + QStringLiteral("control");
        m_connection.connectToBroker(m_config.host, m_config.port, options);
    }
}

void BrokerControl::close()
{
    m_opened.clear();
    m_connection.disconnectFromBroker();
}

void BrokerControl::finishOpening(const QStringList& errors)
{
    const QList<Done> waiting = std::exchange(m_opened, {});
    for (const Done& done : waiting)
        done(errors);
}

void BrokerControl::prepareGroups(Done done)
{
    QList<QJsonObject> requests;
    for (Service service : kAllServices) {
        requests.append({{QStringLiteral("command"), QStringLiteral("createGroup")},
                         {QStringLiteral("group"), serviceName(service)},
                         {QStringLiteral("filter"), m_config.ordersTopic},
                         {QStringLiteral("start"), QStringLiteral("latest")}});
    }
    requestAll(requests, {QStringLiteral("exists")}, std::move(done));
}

void BrokerControl::dropGroups(Done done)
{
    QList<QJsonObject> requests;
    for (Service service : kAllServices) {
        requests.append({{QStringLiteral("command"), QStringLiteral("deleteGroup")},
                         {QStringLiteral("group"), serviceName(service)},
                         {QStringLiteral("force"), true}});
        requests.append({{QStringLiteral("command"), QStringLiteral("purgeDeadLetters")},
                         {QStringLiteral("group"), serviceName(service)}});
    }
    requestAll(requests, {QStringLiteral("not-found")}, std::move(done));
}

void BrokerControl::requestAll(const QList<QJsonObject>& requests, const QStringList& tolerated, Done done)
{
    struct Pending
    {
        qsizetype unanswered;
        QStringList errors;
        Done done;
    };
    auto pending = std::make_shared<Pending>(Pending{requests.size(), {}, std::move(done)});
    for (const QJsonObject& request : requests) {
        m_admin.request(request, [pending, tolerated, what = command(request)](const QJsonObject& answer) {
            const QString code = net::AdminChannel::errorCode(answer);
            if (!net::AdminChannel::succeeded(answer) && !tolerated.contains(code))
                pending->errors.append(what + QStringLiteral(": ") + (code.isEmpty() ? QStringLiteral("no answer") : code));
            if (--pending->unanswered == 0 && pending->done)
                pending->done(pending->errors);
        });
    }
}

void BrokerControl::onMessage(const mqtt::PublishPacket& message)
{
    if (!message.topic.startsWith(kStatsPrefix))
        return;
    const QStringList parts = message.topic.mid(kStatsPrefix.size()).split(u'/');
    const std::optional<Service> service = parts.size() == 2 ? serviceNamed(parts[0]) : std::nullopt;
    if (!service)
        return;
    BrokerGroupStats& stats = m_stats[size_t(indexOf(*service))];
    const QString value = QString::fromUtf8(message.payload);
    stats.seen = true;
    if (parts[1] == QLatin1String("lag")) {
        stats.lag = value.toULongLong();
        emit lagReported(*service, stats.lag);
    } else if (parts[1] == QLatin1String("lag-seconds")) {
        stats.lagSeconds = value.toDouble();
    } else if (parts[1] == QLatin1String("dead-letters")) {
        stats.deadLetters = value.toULongLong();
    }
}

} // namespace bs::demo
