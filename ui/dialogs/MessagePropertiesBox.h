#pragma once
// The MQTT 5 properties of an outgoing message, as a group box of the inject dialog:
// content type, payload format indicator (not set / 0 / 1), message expiry (None or
// seconds), response topic, correlation data (text, or hex after "0x") and user properties
// in order. Fields that are left empty are not sent.

#include "client/MqttMessage.h"

#include <QGroupBox>
#include <optional>

class QComboBox;
class QLabel;
class QLineEdit;
class QSpinBox;

namespace bs::ui {

class UserPropertiesTable;

class MessagePropertiesBox : public QGroupBox
{
    Q_OBJECT
public:
    explicit MessagePropertiesBox(QWidget* parent = nullptr);

    /// nullopt and *error set when a field cannot be turned into a property (bad hex).
    std::optional<client::MessageProperties> properties(QString* error = nullptr) const;
    /// Fills every field; subscription identifiers (received messages only) are ignored.
    void setProperties(const client::MessageProperties& properties);
    QString contentType() const;

signals:
    void contentTypeChanged(const QString& contentType);

private:
    void checkCorrelationData();

    QComboBox* m_contentType;
    QComboBox* m_payloadFormat;
    QSpinBox* m_expiry;
    QLineEdit* m_responseTopic;
    QLineEdit* m_correlationData;
    QLabel* m_correlationError;
    UserPropertiesTable* m_userProperties;
};

} // namespace bs::ui
