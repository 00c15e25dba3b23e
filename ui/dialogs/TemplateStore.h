#pragma once
// Named payload templates for the inject dialog: a whole outgoing message (topic, payload,
// QoS, retain, every MQTT 5 property) under a name the user chose. Qt Core only. Kept in
// memory sorted by name (case-insensitive) and written back to QSettings on every change,
// as the array "injectTemplates" (one entry per template, user properties as a nested array
// so their order survives).

#include "client/MqttMessage.h"

#include <QList>
#include <QObject>
#include <QStringList>
#include <memory>
#include <optional>

class QSettings;

namespace bs::ui {

class TemplateStore : public QObject
{
    Q_OBJECT
public:
    /// settings: the app's QSettings, or a temporary ini file in tests.
    explicit TemplateStore(std::unique_ptr<QSettings> settings, QObject* parent = nullptr);
    ~TemplateStore() override;

    QStringList names() const;
    bool contains(const QString& name) const;
    std::optional<client::MqttMessage> find(const QString& name) const;
    /// Adds, or replaces the template of that name (names compare exactly). Blank names
    /// are refused (returns false).
    bool save(const QString& name, const client::MqttMessage& message);
    /// Returns false when there was no such template.
    bool remove(const QString& name);

signals:
    void templatesChanged();

private:
    struct NamedTemplate
    {
        QString name;
        client::MqttMessage message;
    };

    void load();
    void write();

    std::unique_ptr<QSettings> m_settings;
    QList<NamedTemplate> m_templates;
};

} // namespace bs::ui
