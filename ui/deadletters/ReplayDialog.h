#pragma once
// Asks how to replay dead letters, and warns before a replay that others will see:
//   Replay        — one or many letters; where to (back to the failed group, the original
//                   topic, another topic);
//   EditAndReplay — one letter, with its payload, content type and user properties
//                   editable (the PayloadEditor and UserPropertiesTable of Inject);
//   ReplayToTopic — one or many letters to a topic typed here.
// With our engine the default target is the failed group; by convention (a generic
// broker) there is no group to go back to, so the letters are republished to their
// original topics, and the dialog says that every subscriber of that topic will receive
// them again. The line above the buttons says what will happen ("3 messages back to group
// payment"). Non-modal: show() it; Replay emits replayRequested() and closes.

#include "models/deadletters/DeadLetter.h"
#include "models/deadletters/ReplayTarget.h"

#include <QDialog>

class QButtonGroup;
class QCheckBox;
class QLabel;
class QLineEdit;
class QPushButton;
class QRadioButton;

namespace bs::ui {

class PayloadEditor;
class UserPropertiesTable;

class ReplayDialog : public QDialog
{
    Q_OBJECT
public:
    enum class Kind : quint8
    {
        Replay,
        EditAndReplay,
        ReplayToTopic,
    };

    /// engine: our engine (group target, loop guard) or convention mode.
    ReplayDialog(Kind kind, const QList<models::DeadLetter>& letters, bool engine, QWidget* parent = nullptr);

    Kind kind() const { return m_kind; }
    models::ReplayTarget target() const;
    void setTargetKind(models::ReplayTarget::Kind kind);
    /// The warning shown ("Every subscriber of orders will receive it again."), or empty.
    QString warningText() const;
    /// What will happen, in a line.
    QString summaryText() const;
    /// Letters that can go to the chosen target (by convention: those with an original topic).
    QList<models::DeadLetter> replayableLetters() const;

    QLineEdit* topicEdit() const { return m_topic; }
    QPushButton* replayButton() const { return m_replay; }
    PayloadEditor* payloadEditor() const { return m_payload; }
    UserPropertiesTable* userProperties() const { return m_properties; }

signals:
    void replayRequested(const bs::models::ReplayTarget& target);

private:
    QWidget* buildTargets();
    QWidget* buildEditor();
    void update();
    void accept() override;
    QStringList originalTopics() const;

    Kind m_kind;
    QList<models::DeadLetter> m_letters;
    bool m_engine;
    QButtonGroup* m_targets = nullptr;
    QRadioButton* m_toGroup = nullptr;
    QRadioButton* m_toOriginal = nullptr;
    QRadioButton* m_toTopic = nullptr;
    QLineEdit* m_topic = nullptr;
    QCheckBox* m_force = nullptr;
    PayloadEditor* m_payload = nullptr;
    QLineEdit* m_contentType = nullptr;
    UserPropertiesTable* m_properties = nullptr;
    QLabel* m_warning = nullptr;
    QLabel* m_summary = nullptr;
    QPushButton* m_replay = nullptr;
};

} // namespace bs::ui
