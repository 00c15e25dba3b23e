#include "ui/dialogs/TemplateBar.h"

#include "ui/dialogs/TemplateStore.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

namespace bs::ui {

using namespace Qt::StringLiterals;

TemplateBar::TemplateBar(TemplateStore& store, QWidget* parent)
    : QWidget(parent)
    , m_store(store)
    , m_names(new QComboBox(this))
    , m_load(new QPushButton(tr("Load"), this))
    , m_save(new QPushButton(tr("Save"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
{
    m_names->setObjectName(u"templateNameBox"_s);
    m_load->setObjectName(u"loadTemplateButton"_s);
    m_save->setObjectName(u"saveTemplateButton"_s);
    m_delete->setObjectName(u"deleteTemplateButton"_s);

    m_names->setEditable(true);
    m_names->setInsertPolicy(QComboBox::NoInsert);
    m_names->setMinimumContentsLength(24);
    m_names->lineEdit()->setPlaceholderText(tr("template name"));
    m_load->setToolTip(tr("Fill the dialog from this template"));
    m_save->setToolTip(tr("Save the current message under this name"));
    m_delete->setToolTip(tr("Delete this template"));

    auto* layout = new QHBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(new QLabel(tr("Template:"), this));
    layout->addWidget(m_names, 1);
    for (QPushButton* button : {m_load, m_save, m_delete}) {
        button->setAutoDefault(false);
        layout->addWidget(button);
    }

    connect(&m_store, &TemplateStore::templatesChanged, this, &TemplateBar::refresh);
    connect(m_names, &QComboBox::currentTextChanged, this, &TemplateBar::updateButtons);
    connect(m_load, &QPushButton::clicked, this, [this] {
        const QString name = currentName();
        if (const auto message = m_store.find(name)) {
            emit loadRequested(*message, name);
            emit statusMessage(tr("Loaded template “%1”.").arg(name), false);
        }
    });
    connect(m_save, &QPushButton::clicked, this, [this] { emit saveRequested(currentName()); });
    connect(m_delete, &QPushButton::clicked, this, [this] {
        const QString name = currentName();
        if (m_store.remove(name))
            emit statusMessage(tr("Deleted template “%1”.").arg(name), false);
    });
    refresh();
    m_names->setCurrentText(QString());
}

QString TemplateBar::currentName() const
{
    return m_names->currentText().trimmed();
}

void TemplateBar::setCurrentName(const QString& name)
{
    m_names->setCurrentText(name);
}

void TemplateBar::refresh()
{
    const QString typed = m_names->currentText();
    const QSignalBlocker blocker(m_names);
    m_names->clear();
    m_names->addItems(m_store.names());
    m_names->setCurrentText(typed);
    updateButtons();
}

void TemplateBar::updateButtons()
{
    const QString name = currentName();
    const bool known = m_store.contains(name);
    m_load->setEnabled(known);
    m_delete->setEnabled(known);
    m_save->setEnabled(!name.isEmpty());
    m_save->setText(known ? tr("Replace") : tr("Save"));
}

} // namespace bs::ui
