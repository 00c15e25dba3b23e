#include "ui/groups/SummaryDialog.h"

#include <QDialogButtonBox>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace bs::ui {

SummaryDialog::SummaryDialog(QWidget* parent)
    : QDialog(parent)
{
}

QString SummaryDialog::summaryText() const
{
    return m_summary ? m_summary->text() : QString();
}

void SummaryDialog::setUpLayout(QLayout* fields, const QString& acceptText)
{
    m_summary = new QLabel;
    m_summary->setObjectName(QStringLiteral("summaryLabel"));
    m_summary->setWordWrap(true);
    m_buttons = new QDialogButtonBox(QDialogButtonBox::Ok | QDialogButtonBox::Cancel);
    m_buttons->button(QDialogButtonBox::Ok)->setText(acceptText);
    connect(m_buttons, &QDialogButtonBox::accepted, this, &QDialog::accept);
    connect(m_buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(fields);
    layout->addWidget(m_summary);
    layout->addWidget(m_buttons);
}

void SummaryDialog::showSummary(const QString& problem, const QString& summary)
{
    m_summary->setText(problem.isEmpty() ? summary : problem);
    m_buttons->button(QDialogButtonBox::Ok)->setEnabled(problem.isEmpty());
}

} // namespace bs::ui
