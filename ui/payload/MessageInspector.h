#pragma once
// The message inspector: one message's payload (PayloadViewer), its diff against the
// previous message on the same topic (DiffView) and all its properties (PropertiesView),
// with three actions: Copy payload, Save payload… (a non-blocking file dialog), and
// Edit and republish…, which hands the message to whoever owns publishing through
// republishRequested().

#include "client/MqttMessage.h"

#include <QWidget>

class QAction;
class QFileDialog;
class QLabel;
class QStackedWidget;
class QTabWidget;

namespace bs::ui {

class DiffView;
class PayloadViewer;
class PropertiesView;

class MessageInspector : public QWidget
{
    Q_OBJECT
public:
    explicit MessageInspector(QWidget* parent = nullptr);

    /// Shows `current`; `previous` is the message before it on the same topic (may be null).
    /// A null `current` clears the inspector.
    void setMessage(bs::client::MqttMessagePtr current, bs::client::MqttMessagePtr previous);
    void clear();
    bs::client::MqttMessagePtr currentMessage() const { return m_current; }

    PayloadViewer* payloadViewer() const { return m_payload; }
    PropertiesView* propertiesView() const { return m_properties; }
    DiffView* diffView() const { return m_diff; }
    QTabWidget* tabs() const { return m_tabs; }
    QAction* copyPayloadAction() const { return m_copyAction; }
    QAction* savePayloadAction() const { return m_saveAction; }
    QAction* republishAction() const { return m_republishAction; }
    /// The last action's outcome ("Copied 12 KB", "Saved to …", or an error).
    QString statusText() const;

    /// A file name for saving the payload: the topic's last level plus an extension from
    /// the payload's kind ("temperature.json", "camera.png", "blob.bin").
    static QString suggestedFileName(const bs::client::MqttMessage& message);

signals:
    void republishRequested(const bs::client::MqttMessage& message);

private:
    void copyPayload();
    void savePayload();
    void writePayload(const QString& path, const QByteArray& payload);
    void setStatus(const QString& text, bool error = false);
    void updateActions();

    bs::client::MqttMessagePtr m_current;
    QLabel* m_topic;
    QLabel* m_status;
    QStackedWidget* m_pages;
    QTabWidget* m_tabs;
    PayloadViewer* m_payload;
    DiffView* m_diff;
    PropertiesView* m_properties;
    QAction* m_copyAction;
    QAction* m_saveAction;
    QAction* m_republishAction;
};

} // namespace bs::ui
