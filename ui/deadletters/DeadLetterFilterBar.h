#pragma once
// The dead-letters page's filter row: group (or source), reason, an MQTT filter on the
// original topic, and text; each change emits filterChanged() with the whole filter. An
// invalid topic filter is marked and says why. The group and reason lists are refilled
// from what the model has seen (setChoices) without losing the current choice.

#include "models/deadletters/DeadLetterFilter.h"

#include <QWidget>

class QComboBox;
class QLabel;
class QLineEdit;

namespace bs::ui {

class DeadLetterFilterBar : public QWidget
{
    Q_OBJECT
public:
    explicit DeadLetterFilterBar(QWidget* parent = nullptr);

    models::DeadLetterFilter filter() const;
    void setFilter(const models::DeadLetterFilter& filter);
    void setChoices(const QStringList& groups, const QStringList& reasons);
    /// "Group" with our engine, "Source" by convention.
    void setGroupLabel(const QString& label);
    /// "12 of 312 shown" (empty: nothing filtered).
    void setShownText(const QString& text);

    QComboBox* groupBox() const { return m_group; }
    QComboBox* reasonBox() const { return m_reason; }
    QLineEdit* topicEdit() const { return m_topic; }
    QLineEdit* textEdit() const { return m_text; }

signals:
    void filterChanged(const bs::models::DeadLetterFilter& filter);

private:
    void emitFilter();
    static void fillBox(QComboBox* box, const QString& anyText, const QStringList& values);

    QLabel* m_groupLabel;
    QComboBox* m_group;
    QComboBox* m_reason;
    QLineEdit* m_topic;
    QLineEdit* m_text;
    QLabel* m_shown;
    bool m_updating = false;
};

} // namespace bs::ui
