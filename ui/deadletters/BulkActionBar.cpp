#include "ui/deadletters/BulkActionBar.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>

namespace bs::ui {

BulkActionBar::BulkActionBar(QWidget* parent)
    : QFrame(parent), m_text(new QLabel(this)), m_progress(new QProgressBar(this)),
      m_confirm(new QPushButton(this)), m_cancel(new QPushButton(tr("Cancel"), this))
{
    setObjectName(QStringLiteral("bulkActionBar"));
    setFrameShape(QFrame::StyledPanel);
    setAutoFillBackground(true);
    m_text->setTextFormat(Qt::PlainText);
    m_text->setWordWrap(true);
    m_text->setObjectName(QStringLiteral("bulkText"));
    m_confirm->setObjectName(QStringLiteral("bulkConfirm"));
    m_cancel->setObjectName(QStringLiteral("bulkCancel"));
    m_progress->setTextVisible(true);
    m_progress->setFormat(tr("%v of %m"));
    m_progress->setMaximumWidth(280);
    connect(m_confirm, &QPushButton::clicked, this, &BulkActionBar::confirmed);
    connect(m_cancel, &QPushButton::clicked, this, [this] {
        if (m_state == State::Done)
            dismiss();
        else
            emit cancelled();
    });
    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(8, 4, 8, 4);
    layout->addWidget(m_text, 1);
    layout->addWidget(m_progress);
    layout->addWidget(m_confirm);
    layout->addWidget(m_cancel);
    setState(State::Hidden);
}

void BulkActionBar::showWaiting(const QString& text)
{
    m_text->setText(text);
    setTone(false);
    setState(State::Waiting);
}

void BulkActionBar::showConfirmation(const QString& text, const QString& confirmText)
{
    m_text->setText(text);
    m_confirm->setText(confirmText);
    setTone(false);
    setState(State::Confirming);
    m_confirm->setVisible(!confirmText.isEmpty());
    m_cancel->setText(confirmText.isEmpty() ? tr("Close") : tr("Cancel"));
    if (!confirmText.isEmpty())
        m_confirm->setFocus();
}

void BulkActionBar::showProgress(int done, int total, const QString& text)
{
    if (!text.isEmpty())
        m_text->setText(text);
    m_progress->setRange(0, std::max(total, 1));
    m_progress->setValue(done);
    setState(State::Running);
}

void BulkActionBar::showDone(const QString& text, bool error)
{
    m_text->setText(text);
    setTone(error);
    setState(State::Done);
}

void BulkActionBar::dismiss()
{
    setState(State::Hidden);
    emit dismissed();
}

QString BulkActionBar::text() const
{
    return m_text->text();
}

void BulkActionBar::setState(State state)
{
    m_state = state;
    setVisible(state != State::Hidden);
    m_progress->setVisible(state == State::Running);
    m_confirm->setVisible(state == State::Confirming);
    m_cancel->setVisible(state != State::Hidden);
    m_cancel->setText(state == State::Done ? tr("Close") : tr("Cancel"));
}

void BulkActionBar::setTone(bool error)
{
    QPalette palette = this->palette();
    palette.setColor(QPalette::Window, error ? QColor(0xfd, 0xec, 0xea) : QColor(0xfff3cd));
    setPalette(palette);
}

} // namespace bs::ui
