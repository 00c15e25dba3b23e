#include "models/payload/MessagePropertyRows.h"

#include "models/payload/PayloadPreview.h"

#include <QCoreApplication>
#include <QLocale>

using namespace Qt::StringLiterals;

namespace bs::models {

namespace {

QString tr(const char* text)
{
    return QCoreApplication::translate("MessagePropertyRows", text);
}

QString qosText(quint8 qos)
{
    switch (qos) {
    case 0: return tr("0 (at most once)");
    case 1: return tr("1 (at least once)");
    case 2: return tr("2 (exactly once)");
    }
    return QString::number(qos);
}

QString yesNo(bool value)
{
    return value ? tr("yes") : tr("no");
}

PropertyRow absent(const QString& name)
{
    return {name, tr("not set"), 0, false};
}

} // namespace

QString describeBinaryValue(const QByteArray& bytes, qsizetype maxBytes)
{
    if (bytes.isEmpty())
        return {};
    const QByteArrayView shown = QByteArrayView(bytes).first(std::min(bytes.size(), maxBytes));
    if (isPrintableText(bytes)) {
        QString text = oneLineText(safeTextPrefix(shown, maxBytes));
        if (shown.size() < bytes.size())
            text += u'…';
        return text;
    }
    QString hex = hexBytes(shown, shown.size());
    hex.remove(u' ');
    return u"0x"_s + hex + (shown.size() < bytes.size() ? u"…"_s : QString());
}

QList<PropertyRow> messagePropertyRows(const bs::client::MqttMessage& message)
{
    const bs::client::MessageProperties& p = message.properties;
    const QLocale locale;
    QList<PropertyRow> rows;
    rows.append({tr("Topic"), oneLineText(message.topic)});
    rows.append({tr("QoS"), qosText(message.qos)});
    rows.append({tr("Retain"), yesNo(message.retain)});
    rows.append({tr("DUP"), yesNo(message.duplicate)});
    rows.append({tr("Payload size"),
                 message.payload.size() < 1024
                     ? formatByteSize(message.payload.size())
                     : tr("%1 bytes (%2)").arg(locale.toString(qint64(message.payload.size())),
                                               formatByteSize(message.payload.size()))});
    if (message.timestamp.isValid())
        rows.append({tr("Arrival time"),
                     message.timestamp.toLocalTime().toString(u"yyyy-MM-dd HH:mm:ss.zzz"_s)});
    else
        rows.append(absent(tr("Arrival time")));

    if (p.messageExpiryInterval) {
        const quint32 seconds = *p.messageExpiryInterval;
        QString expiry = seconds == 1 ? tr("1 second") : tr("%1 seconds").arg(seconds);
        if (message.timestamp.isValid()) {
            const QDateTime arrived = message.timestamp.toLocalTime();
            const QDateTime expires = arrived.addSecs(qint64(*p.messageExpiryInterval));
            const bool sameDay = expires.date() == arrived.date();
            expiry += tr(" (expires %1)").arg(expires.toString(sameDay ? u"HH:mm:ss"_s : u"yyyy-MM-dd HH:mm:ss"_s));
        }
        rows.append({tr("Message expiry"), expiry});
    } else {
        rows.append(absent(tr("Message expiry")));
    }

    if (p.payloadFormatIndicator) {
        const quint8 pfi = *p.payloadFormatIndicator;
        rows.append({tr("Payload format"), pfi == 1   ? tr("1 (UTF-8 text)")
                                           : pfi == 0 ? tr("0 (unspecified bytes)")
                                                      : QString::number(pfi)});
    } else {
        rows.append(absent(tr("Payload format")));
    }
    rows.append(p.contentType.isEmpty() ? absent(tr("Content type"))
                                        : PropertyRow{tr("Content type"), oneLineText(p.contentType)});
    rows.append(p.responseTopic.isEmpty() ? absent(tr("Response topic"))
                                          : PropertyRow{tr("Response topic"), oneLineText(p.responseTopic)});
    if (p.correlationData.isEmpty()) {
        rows.append(absent(tr("Correlation data")));
    } else {
        rows.append({tr("Correlation data"),
                     describeBinaryValue(p.correlationData, CorrelationDataShownBytes)});
    }

    if (p.userProperties.isEmpty()) {
        rows.append(absent(tr("User properties")));
    } else {
        rows.append({tr("User properties"), p.userProperties.size() == 1
                                                   ? tr("1 property")
                                                   : tr("%1 properties").arg(p.userProperties.size())});
        for (const bs::client::UserProperty& property : p.userProperties)
            rows.append({oneLineText(property.name), oneLineText(property.value), 1});
    }

    if (p.subscriptionIdentifiers.isEmpty()) {
        rows.append(absent(tr("Subscription identifiers")));
    } else {
        QStringList ids;
        for (const quint32 id : p.subscriptionIdentifiers)
            ids << QString::number(id);
        rows.append({tr("Subscription identifiers"), ids.join(u", "_s)});
    }
    return rows;
}

} // namespace bs::models
