#pragma once
// The strip above the dead-letter table through which every bulk action talks: first the
// dry-run line and a confirm button ("312 messages back to group payment."
// [Replay 312] [Cancel]), then a progress bar with Cancel while the action runs, then its
// summary with a close button. Hidden when idle. It only shows and signals; the page
// decides what each step means.

#include <QFrame>

class QLabel;
class QProgressBar;
class QPushButton;

namespace bs::ui {

class BulkActionBar : public QFrame
{
    Q_OBJECT
public:
    enum class State : quint8
    {
        Hidden,
        Waiting,    ///< A dry run is on its way.
        Confirming,
        Running,
        Done,
    };
    Q_ENUM(State)

    explicit BulkActionBar(QWidget* parent = nullptr);

    void showWaiting(const QString& text);
    /// confirmText empty: nothing to confirm (only Close).
    void showConfirmation(const QString& text, const QString& confirmText);
    void showProgress(int done, int total, const QString& text = {});
    void showDone(const QString& text, bool error = false);
    void dismiss();

    State state() const { return m_state; }
    QString text() const;
    QPushButton* confirmButton() const { return m_confirm; }
    QPushButton* cancelButton() const { return m_cancel; }
    QProgressBar* progressBar() const { return m_progress; }

signals:
    void confirmed();
    /// Cancel in any state but Done (where the button says Close and emits dismissed()).
    void cancelled();
    void dismissed();

private:
    void setState(State state);
    void setTone(bool error);

    State m_state = State::Hidden;
    QLabel* m_text;
    QProgressBar* m_progress;
    QPushButton* m_confirm;
    QPushButton* m_cancel;
};

} // namespace bs::ui
