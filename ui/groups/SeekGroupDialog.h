#pragma once
// "Seek…": moves a consumer group's committed offsets (admin API seekGroup) to the oldest
// message kept, to the log end, to the first message at or after a date-time, or to an
// offset — in every topic the group reads, or in one. The summary line says what the group
// will do next in words (read again / skip), and the "Seek" button sends it: the dialog is
// its own confirmation. (While members are connected the broker refuses; the page then
// asks again before retrying with force.)
//
// Non-modal: open() it; on accepted() read request().

#include "ui/groups/SummaryDialog.h"

#include <QDateTime>
#include <QJsonObject>

class QButtonGroup;
class QComboBox;
class QDateTimeEdit;
class QLineEdit;

namespace bs::ui {

class SeekGroupDialog : public SummaryDialog
{
    Q_OBJECT
public:
    enum class Target : quint8
    {
        Earliest,
        Latest,
        Time,
        Offset,
    };
    Q_ENUM(Target)

    /// topics: the topics the group reads (offered for a seek in one topic).
    SeekGroupDialog(const QString& group, const QStringList& topics, QWidget* parent = nullptr);

    QString group() const { return m_group; }
    Target target() const;
    void setTarget(Target target);
    void setTime(const QDateTime& time);
    void setOffset(qint64 offset);
    /// Empty: every topic.
    void setTopic(const QString& topic);

    /// The seekGroup fields without "force": group, to, offset / time, topic.
    QJsonObject request() const;
    /// Why the fields cannot be sent; empty when they can.
    QString problem() const;
    /// What seeking will do, in words (when there is no problem).
    QString summary() const;

private:
    void updateState();
    QString topic() const;

    QString m_group;
    QButtonGroup* m_targets = nullptr;
    QDateTimeEdit* m_time = nullptr;
    QLineEdit* m_offset = nullptr;
    QComboBox* m_topic = nullptr;
};

} // namespace bs::ui
