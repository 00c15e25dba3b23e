#pragma once
// The inject dialog's payload: a text editor with a Text/Hex switch and a status line.
// Text mode sends the UTF-8 of what is typed; hex mode sends the bytes typed as hex, so a
// binary payload loaded by setPayload() is edited and republished byte for byte.
//
// Live JSON check: when the payload looks like JSON (opens with { or [) or the content type
// says JSON, it is parsed shortly after each edit (debounced) and a problem is shown with
// its line and column, and the line is marked in the editor. It only warns; sending never
// depends on it.
//
// A payload larger than kLargePayload given to setPayload() is kept as it is and shown as
// a read-only preview until the user asks to edit it, so a huge message never stalls the
// window and is never cut.

#include "ui/dialogs/JsonCheck.h"

#include <QByteArray>
#include <QTimer>
#include <QWidget>
#include <optional>

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;

namespace bs::ui {

class PayloadEditor : public QWidget
{
    Q_OBJECT
public:
    enum class Mode { Text, Hex };
    static constexpr qsizetype kLargePayload = 1024 * 1024;

    explicit PayloadEditor(QWidget* parent = nullptr);

    /// The bytes to send; nullopt and *error set when hex mode holds something that is not hex.
    std::optional<QByteArray> payload(QString* error = nullptr) const;
    /// Text mode for printable UTF-8, hex otherwise.
    void setPayload(const QByteArray& payload);
    Mode mode() const { return m_mode; }
    /// Switching converts the content; it refuses (and says why) when that would change bytes.
    bool setMode(Mode mode);

    /// The JSON check also runs when the content type says JSON.
    void setContentType(const QString& contentType);
    /// The current JSON problem, nullopt when valid or not checked. Checks now if an edit is
    /// still waiting for its debounced check.
    std::optional<JsonProblem> jsonProblem();

signals:
    void payloadChanged();

private:
    void onEdited();
    void check();
    void showStatus(const QString& text, bool warning);
    void keepLargePayload(const QByteArray& payload);
    void editKeptPayload();

    QComboBox* m_modeBox;
    QPlainTextEdit* m_editor;
    QLabel* m_status;
    QPushButton* m_editKept;
    QTimer m_checkTimer;
    Mode m_mode = Mode::Text;
    QString m_contentType;
    std::optional<QByteArray> m_kept; // a large payload shown as a preview only
    std::optional<JsonProblem> m_problem;
    bool m_loading = false;
};

} // namespace bs::ui
