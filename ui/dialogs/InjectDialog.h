#pragma once
// "Inject": publish a message through the console's client. Topic (completed from the topic
// model), payload (live JSON check that only warns), QoS, retain, every MQTT 5 property,
// and "repeat N times at R per second" driven by RepeatPublisher (a timer, never blocking)
// with a progress bar that counts the broker's answers and a Cancel button. The result, or
// for repeats a summary, stays in the status line; broker errors show their reason code,
// e.g. "Not authorized (0x87)". Templates save, load and delete whole messages.
//
// Non-modal: show() or open() it; closing it cancels a run in progress.

#include "client/MqttMessage.h"
#include "ui/dialogs/RepeatPublisher.h"

#include <QDialog>
#include <optional>

class QAbstractItemModel;
class QCheckBox;
class QComboBox;
class QCompleter;
class QDoubleSpinBox;
class QLabel;
class QLineEdit;
class QProgressBar;
class QPushButton;
class QSpinBox;

namespace bs::client {
class MqttClient;
}

namespace bs::ui {

class MessagePropertiesBox;
class PayloadEditor;
class TemplateBar;
class TemplateStore;

class InjectDialog : public QDialog
{
    Q_OBJECT
public:
    /// topicCompletionModel: a flat list of known topics (may be null); see
    /// setTopicCompletionRole().
    InjectDialog(client::MqttClient& client, TemplateStore& templates,
                 QAbstractItemModel* topicCompletionModel, QWidget* parent = nullptr);
    ~InjectDialog() override;

    /// The model role that holds a row's full topic (default Qt::DisplayRole).
    void setTopicCompletionRole(int role);
    int topicCompletionRole() const;

    /// Fills every field from a message ("edit and republish").
    void setMessage(const client::MqttMessage& message);
    /// The message as filled in; nullopt and *error set when a field is invalid.
    std::optional<client::MqttMessage> message(QString* error = nullptr) const;

    bool isPublishing() const;

public slots:
    /// Publishes (repeat settings included); does nothing while a run is in progress.
    void publish();
    void cancelPublishing();

signals:
    /// A publish or a repeat run ended (also when cancelled).
    void publishFinished(const bs::ui::PublishSummary& summary);

protected:
    void done(int result) override;

private:
    void buildLayout();
    void onProgress(int answered, int total);
    void onFinished(const PublishSummary& summary);
    void saveTemplate(const QString& name);
    void showStatus(const QString& text, bool warning);
    void updateProtocolNote();
    void setRunning(bool running);

    client::MqttClient& m_client;
    TemplateStore& m_templates;
    RepeatPublisher m_publisher;

    TemplateBar* m_templateBar;
    QLineEdit* m_topic;
    QCompleter* m_completer;
    QComboBox* m_qos;
    QCheckBox* m_retain;
    PayloadEditor* m_payload;
    MessagePropertiesBox* m_properties;
    QLabel* m_protocolNote;
    QSpinBox* m_repeatCount;
    QDoubleSpinBox* m_repeatRate;
    QProgressBar* m_progress;
    QLabel* m_status;
    QPushButton* m_publishButton;
    QPushButton* m_cancelButton;
    QPushButton* m_closeButton;
};

} // namespace bs::ui
