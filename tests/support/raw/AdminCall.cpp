#include "raw/AdminCall.h"

#include "raw/Expect.h"

#include <QJsonDocument>

using namespace Qt::StringLiterals;

namespace bs::raw {

void AdminCaller::call(const QByteArray& body, QJsonObject* reply, const QByteArray& correlation)
{
    Properties properties;
    properties.add(prop::ResponseTopic, QByteArray(kAdminReplies));
    properties.add(prop::CorrelationData, correlation);
    BS_CALL(publish(m_client, {.topic = "$CONTROL/brokerscope/v1"_ba, .payload = body, .qos = 1,
                               .packetId = m_nextId++, .properties = properties}));
    if (m_nextId == 0)
        m_nextId = 1000;
    Packet answer;
    BS_CALL(expectPacket(m_client, PacketType::Publish, &answer));
    QCOMPARE(answer.topic, QByteArray(kAdminReplies));
    QCOMPARE(answer.properties.value(prop::CorrelationData), std::optional<QByteArray>(correlation));
    BS_CALL(acknowledge(m_client, answer));
    const QJsonDocument document = QJsonDocument::fromJson(answer.payload);
    QVERIFY2(document.isObject(), answer.payload.constData());
    *reply = document.object();
}

void AdminCaller::result(const QByteArray& body, QJsonObject* result)
{
    QJsonObject reply;
    BS_CALL(call(body, &reply));
    QVERIFY2(reply.contains(u"result"_s), QJsonDocument(reply).toJson().constData());
    *result = reply.value(u"result"_s).toObject();
}

void AdminCaller::error(const QByteArray& body, const QString& code)
{
    QJsonObject reply;
    BS_CALL(call(body, &reply));
    QCOMPARE(reply.value(u"error"_s).toObject().value(u"code"_s).toString(), code);
    QVERIFY(!reply.value(u"error"_s).toObject().value(u"message"_s).toString().isEmpty());
}

} // namespace bs::raw
