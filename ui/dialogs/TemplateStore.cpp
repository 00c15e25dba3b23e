#include "ui/dialogs/TemplateStore.h"

#include <QSettings>
#include <algorithm>
#include <limits>

namespace bs::ui {

using namespace Qt::StringLiterals;

namespace {

const QString kArray = u"injectTemplates"_s;

void writeMessage(QSettings& settings, const client::MqttMessage& message)
{
    const client::MessageProperties& p = message.properties;
    settings.setValue(u"topic"_s, message.topic);
    settings.setValue(u"payload"_s, message.payload);
    settings.setValue(u"qos"_s, int(message.qos));
    settings.setValue(u"retain"_s, message.retain);
    settings.setValue(u"payloadFormatIndicator"_s,
                      p.payloadFormatIndicator ? int(*p.payloadFormatIndicator) : -1);
    settings.setValue(u"messageExpiryInterval"_s,
                      p.messageExpiryInterval ? qint64(*p.messageExpiryInterval) : qint64(-1));
    settings.setValue(u"contentType"_s, p.contentType);
    settings.setValue(u"responseTopic"_s, p.responseTopic);
    settings.setValue(u"correlationData"_s, p.correlationData);
    settings.beginWriteArray(u"userProperties"_s, int(p.userProperties.size()));
    for (int i = 0; i < p.userProperties.size(); ++i) {
        settings.setArrayIndex(i);
        settings.setValue(u"name"_s, p.userProperties[i].name);
        settings.setValue(u"value"_s, p.userProperties[i].value);
    }
    settings.endArray();
}

client::MqttMessage readMessage(QSettings& settings)
{
    client::MqttMessage message;
    client::MessageProperties& p = message.properties;
    message.topic = settings.value(u"topic"_s).toString();
    message.payload = settings.value(u"payload"_s).toByteArray();
    message.qos = quint8(qBound(0, settings.value(u"qos"_s).toInt(), 2));
    message.retain = settings.value(u"retain"_s).toBool();
    const int format = settings.value(u"payloadFormatIndicator"_s, -1).toInt();
    if (format >= 0 && format <= 1)
        p.payloadFormatIndicator = quint8(format);
    const qint64 expiry = settings.value(u"messageExpiryInterval"_s, -1).toLongLong();
    if (expiry >= 0 && expiry <= qint64(std::numeric_limits<quint32>::max()))
        p.messageExpiryInterval = quint32(expiry);
    p.contentType = settings.value(u"contentType"_s).toString();
    p.responseTopic = settings.value(u"responseTopic"_s).toString();
    p.correlationData = settings.value(u"correlationData"_s).toByteArray();
    const int count = settings.beginReadArray(u"userProperties"_s);
    for (int i = 0; i < count; ++i) {
        settings.setArrayIndex(i);
        p.userProperties.append({settings.value(u"name"_s).toString(),
                                 settings.value(u"value"_s).toString()});
    }
    settings.endArray();
    return message;
}

bool lessByName(const QString& a, const QString& b)
{
    const int folded = QString::compare(a, b, Qt::CaseInsensitive);
    return folded != 0 ? folded < 0 : a < b;
}

} // namespace

TemplateStore::TemplateStore(std::unique_ptr<QSettings> settings, QObject* parent)
    : QObject(parent)
    , m_settings(std::move(settings))
{
    load();
}

TemplateStore::~TemplateStore() = default;

QStringList TemplateStore::names() const
{
    QStringList names;
    names.reserve(m_templates.size());
    for (const NamedTemplate& t : m_templates)
        names.append(t.name);
    return names;
}

bool TemplateStore::contains(const QString& name) const
{
    return find(name).has_value();
}

std::optional<client::MqttMessage> TemplateStore::find(const QString& name) const
{
    for (const NamedTemplate& t : m_templates) {
        if (t.name == name)
            return t.message;
    }
    return std::nullopt;
}

bool TemplateStore::save(const QString& name, const client::MqttMessage& message)
{
    if (name.trimmed().isEmpty())
        return false;
    client::MqttMessage stored = message;
    stored.duplicate = false;
    stored.timestamp = {};
    stored.properties.subscriptionIdentifiers.clear(); // never sent by a publisher
    auto existing = std::find_if(m_templates.begin(), m_templates.end(),
                                 [&](const NamedTemplate& t) { return t.name == name; });
    if (existing != m_templates.end()) {
        existing->message = stored;
    } else {
        auto at = std::find_if(m_templates.begin(), m_templates.end(),
                               [&](const NamedTemplate& t) { return lessByName(name, t.name); });
        m_templates.insert(at, NamedTemplate{name, stored});
    }
    write();
    emit templatesChanged();
    return true;
}

bool TemplateStore::remove(const QString& name)
{
    const auto removed = m_templates.removeIf([&](const NamedTemplate& t) { return t.name == name; });
    if (removed == 0)
        return false;
    write();
    emit templatesChanged();
    return true;
}

void TemplateStore::load()
{
    const int count = m_settings->beginReadArray(kArray);
    for (int i = 0; i < count; ++i) {
        m_settings->setArrayIndex(i);
        const QString name = m_settings->value(u"name"_s).toString();
        if (!name.trimmed().isEmpty() && !contains(name))
            m_templates.append({name, readMessage(*m_settings)});
    }
    m_settings->endArray();
    std::stable_sort(m_templates.begin(), m_templates.end(),
                     [](const NamedTemplate& a, const NamedTemplate& b) { return lessByName(a.name, b.name); });
}

void TemplateStore::write()
{
    m_settings->remove(kArray); // drop entries past the new end
    m_settings->beginWriteArray(kArray, int(m_templates.size()));
    for (int i = 0; i < m_templates.size(); ++i) {
        m_settings->setArrayIndex(i);
        m_settings->setValue(u"name"_s, m_templates[i].name);
        writeMessage(*m_settings, m_templates[i].message);
    }
    m_settings->endArray();
    m_settings->sync();
}

} // namespace bs::ui
