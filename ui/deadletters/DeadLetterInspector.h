#pragma once
// The selected dead letter: every piece of its death metadata on the left (why it died,
// where it came from, delivery and replay counts, death times, replay marks — a
// two-column list, copyable like the properties view), and the message on the right in
// the topic inspector's own MessageInspector (payload as text / JSON / hex / image, every
// MQTT 5 property). The inspector's "Edit and republish…" becomes "Edit and replay…".
//
// An engine letter arrives without its payload (the listing has a preview only);
// setLetter() shows the metadata at once and the message when setFullLetter() brings it.

#include "models/deadletters/DeadLetter.h"

#include <QWidget>

class QLabel;
class QTreeWidget;

namespace bs::ui {

class MessageInspector;

class DeadLetterInspector : public QWidget
{
    Q_OBJECT
public:
    explicit DeadLetterInspector(QWidget* parent = nullptr);

    void setLetter(const models::DeadLetter& letter);
    /// The same letter with its payload; ignored when another letter is shown by now.
    void setFullLetter(const models::DeadLetter& letter);
    void clear();

    QString letterId() const { return m_letterId; }
    bool hasPayload() const;
    MessageInspector* messageInspector() const { return m_message; }
    QTreeWidget* details() const { return m_details; }
    /// The value shown for a metadata row ("Reason"); empty if absent.
    QString detail(const QString& name) const;

signals:
    void editAndReplayRequested();

private:
    void fillDetails(const models::DeadLetter& letter);

    QString m_letterId;
    QLabel* m_title;
    QTreeWidget* m_details;
    MessageInspector* m_message;
    QLabel* m_loading;
};

} // namespace bs::ui
