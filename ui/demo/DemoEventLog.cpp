#include "ui/demo/DemoEventLog.h"

#include <QFontDatabase>
#include <QScrollBar>

using namespace Qt::StringLiterals;

namespace bs::ui {

DemoEventLog::DemoEventLog(QWidget* parent) : QPlainTextEdit(parent)
{
    setObjectName(u"demoEventLog"_s);
    setReadOnly(true);
    setMaximumBlockCount(kMaxLines);
    setLineWrapMode(QPlainTextEdit::WidgetWidth);
    setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    setPlaceholderText(tr("What happens shows here: switches, crashes, the autoscaler's decisions."));
}

void DemoEventLog::appendLine(const QString& line)
{
    QScrollBar* bar = verticalScrollBar();
    const bool following = bar->value() >= bar->maximum();
    appendPlainText(line);
    if (following)
        bar->setValue(bar->maximum());
}

void DemoEventLog::showLines(const QStringList& lines)
{
    clear();
    for (const QString& line : lines)
        appendPlainText(line);
    verticalScrollBar()->setValue(verticalScrollBar()->maximum());
}

QStringList DemoEventLog::lines() const
{
    return toPlainText().split(u'\n', Qt::SkipEmptyParts);
}

} // namespace bs::ui
