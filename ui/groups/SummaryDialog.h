#pragma once
// The shape the Consumer groups page's dialogs share: fields on top, then a line that says
// in words what accepting will do (or what is missing), then an accept button named for
// the action ("Seek", "Create group") and Cancel. The accept button is enabled only while
// the fields are valid, so reading the line and pressing the button is the confirmation.

#include <QDialog>

class QDialogButtonBox;
class QLabel;
class QLayout;

namespace bs::ui {

class SummaryDialog : public QDialog
{
    Q_OBJECT
public:
    /// The summary line as shown.
    QString summaryText() const;

protected:
    explicit SummaryDialog(QWidget* parent = nullptr);

    /// Lays out fields, the summary line and the buttons; call once from the constructor.
    void setUpLayout(QLayout* fields, const QString& acceptText);
    /// Shows what accepting will do, or the problem, and enables accepting only without one.
    void showSummary(const QString& problem, const QString& summary);

private:
    QLabel* m_summary = nullptr;
    QDialogButtonBox* m_buttons = nullptr;
};

} // namespace bs::ui
