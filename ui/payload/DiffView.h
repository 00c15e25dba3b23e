#pragma once
// The current message's payload against the previous one on the same topic, line by line:
// added lines green with "+", removed lines red with "-", numbered on both sides, with a
// summary ("+3 −1 lines") and LineDiff's note when the input was cut. "Changes only" (on by
// default) keeps three lines of context around each change, like diff -U3. The diff is
// computed when the view is shown, not for every message selected while it is hidden.

#include "client/MqttMessage.h"

#include <QWidget>

class QCheckBox;
class QLabel;
class QTreeView;

namespace bs::models {
class DiffContextFilter;
class LineDiffModel;
}

namespace bs::ui {

class DiffView : public QWidget
{
    Q_OBJECT
public:
    explicit DiffView(QWidget* parent = nullptr);

    void setMessages(bs::client::MqttMessagePtr current, bs::client::MqttMessagePtr previous);
    void clear();

    /// Computes now if a diff is pending (the view does this itself when shown).
    void refresh();

    QString summary() const;
    bs::models::LineDiffModel* model() const { return m_model; }
    bs::models::DiffContextFilter* filter() const { return m_filter; }
    QTreeView* lineView() const { return m_lines; }
    QCheckBox* changesOnlyBox() const { return m_changesOnly; }

    static constexpr int ContextLines = 3;

signals:
    /// After each computed diff: "+3 −1", "identical", or "no previous message".
    void summaryChanged(const QString& shortSummary);

protected:
    void showEvent(QShowEvent* event) override;

private:
    void scrollToFirstChange();

    bs::client::MqttMessagePtr m_current;
    bs::client::MqttMessagePtr m_previous;
    bool m_dirty = false;
    QLabel* m_summary;
    QCheckBox* m_changesOnly;
    QTreeView* m_lines;
    bs::models::LineDiffModel* m_model;
    bs::models::DiffContextFilter* m_filter;
};

} // namespace bs::ui
