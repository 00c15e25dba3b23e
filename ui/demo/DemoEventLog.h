#pragma once
// The demo's narration for the class: one line per event (a switch flipped, an instance
// crashed, the autoscaler's decisions), newest at the bottom. It follows the newest line
// unless the reader has scrolled up, and keeps at most kMaxLines.

#include <QPlainTextEdit>

namespace bs::ui {

class DemoEventLog : public QPlainTextEdit
{
    Q_OBJECT
public:
    static constexpr int kMaxLines = 500;

    explicit DemoEventLog(QWidget* parent = nullptr);

    void appendLine(const QString& line);
    void showLines(const QStringList& lines);
    QStringList lines() const;
};

} // namespace bs::ui
