#include "ui/dialogs/ConnectionsDialog.h"

#include "client/ProfileStore.h"
#include "ui/dialogs/ProfileEditor.h"

#include <QHBoxLayout>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QScrollArea>
#include <QVBoxLayout>

namespace bs::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr int kIdRole = Qt::UserRole + 1;
constexpr int kEmbeddedRole = Qt::UserRole + 2;

} // namespace

ConnectionsDialog::ConnectionsDialog(client::ProfileStore& store, QWidget* parent)
    : QDialog(parent)
    , m_store(store)
    , m_list(new QListWidget(this))
    , m_add(new QPushButton(tr("Add"), this))
    , m_duplicate(new QPushButton(tr("Duplicate"), this))
    , m_delete(new QPushButton(tr("Delete"), this))
    , m_editor(new ProfileEditor)
    , m_save(new QPushButton(tr("Save"), this))
    , m_revert(new QPushButton(tr("Revert"), this))
    , m_status(new QLabel(this))
    , m_connect(new QPushButton(tr("Connect"), this))
    , m_close(new QPushButton(tr("Close"), this))
{
    setWindowTitle(tr("Connections"));
    m_list->setObjectName(u"profileList"_s);
    m_add->setObjectName(u"addProfileButton"_s);
    m_duplicate->setObjectName(u"duplicateProfileButton"_s);
    m_delete->setObjectName(u"deleteProfileButton"_s);
    m_editor->setObjectName(u"profileEditor"_s);
    m_save->setObjectName(u"saveProfileButton"_s);
    m_revert->setObjectName(u"revertProfileButton"_s);
    m_status->setObjectName(u"statusLabel"_s);
    m_connect->setObjectName(u"connectButton"_s);
    m_close->setObjectName(u"closeButton"_s);

    m_embedded.name = tr("Embedded broker");
    m_embedded.embedded = true;

    m_list->setMinimumWidth(220);
    m_list->setSpacing(2);
    m_status->setWordWrap(true);
    m_connect->setDefault(true);
    for (QPushButton* button : {m_add, m_duplicate, m_delete, m_save, m_revert, m_close})
        button->setAutoDefault(false);

    auto* listButtons = new QHBoxLayout;
    listButtons->addWidget(m_add);
    listButtons->addWidget(m_duplicate);
    listButtons->addWidget(m_delete);
    auto* left = new QVBoxLayout;
    left->addWidget(m_list, 1);
    left->addLayout(listButtons);

    auto* scroll = new QScrollArea(this);
    scroll->setWidget(m_editor);
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    auto* editButtons = new QHBoxLayout;
    editButtons->addStretch();
    editButtons->addWidget(m_revert);
    editButtons->addWidget(m_save);
    auto* right = new QVBoxLayout;
    right->addWidget(scroll, 1);
    right->addLayout(editButtons);

    auto* panes = new QHBoxLayout;
    panes->addLayout(left, 2);
    panes->addLayout(right, 5);

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_connect);
    bottom->addWidget(m_close);

    auto* layout = new QVBoxLayout(this);
    layout->addLayout(panes, 1);
    layout->addLayout(bottom);
    resize(900, 640);

    connect(m_list, &QListWidget::currentRowChanged, this, [this] {
        if (m_rebuilding)
            return;
        if (m_dirty)
            saveCurrent(); // nothing typed is lost; this may show the new row already
        if (m_shownId != selectedId())
            showSelected();
    });
    connect(m_list, &QListWidget::itemActivated, this, &ConnectionsDialog::connectToCurrent);
    connect(m_add, &QPushButton::clicked, this, &ConnectionsDialog::addProfile);
    connect(m_duplicate, &QPushButton::clicked, this, &ConnectionsDialog::duplicateCurrent);
    connect(m_delete, &QPushButton::clicked, this, &ConnectionsDialog::deleteCurrent);
    connect(m_save, &QPushButton::clicked, this, &ConnectionsDialog::saveCurrent);
    connect(m_revert, &QPushButton::clicked, this, [this] {
        setDirty(false);
        showSelected();
    });
    connect(m_connect, &QPushButton::clicked, this, &ConnectionsDialog::connectToCurrent);
    connect(m_close, &QPushButton::clicked, this, &QDialog::reject);
    connect(m_editor, &ProfileEditor::edited, this, [this] { setDirty(true); });

    connect(&m_store, &client::ProfileStore::profilesChanged, this,
            [this] { rebuildList(selectedId()); });
    connect(&m_store, &client::ProfileStore::passwordLoaded, this,
            [this](const QString& id, const QString& password) {
                m_passwords.insert(id, password);
                if (!id.isEmpty() && id == m_shownId)
                    m_editor->setPassword(password);
            });
    connect(&m_store, &client::ProfileStore::keychainError, this,
            [this](const QString& id, const QString& message) {
                // Only worth saying for a profile that signs in.
                if (!id.isEmpty() && id == m_shownId && !m_editor->profile().username.isEmpty())
                    m_editor->setPasswordNote(message);
            });

    rebuildList({});
}

void ConnectionsDialog::setEmbeddedProfile(const client::ConnectionProfile& profile)
{
    m_embedded = profile;
    m_embedded.embedded = true;
    if (m_embedded.name.isEmpty())
        m_embedded.name = tr("Embedded broker");
    rebuildList(selectedId());
    if (isEmbeddedSelected())
        showSelected();
}

void ConnectionsDialog::selectProfile(const QString& id)
{
    for (int row = 0; row < m_list->count(); ++row) {
        if (m_list->item(row)->data(kIdRole).toString() == id) {
            m_list->setCurrentRow(row);
            return;
        }
    }
    m_list->setCurrentRow(0);
}

client::ConnectionProfile ConnectionsDialog::currentProfile() const
{
    return m_editor->profile();
}

QString ConnectionsDialog::saveCurrent()
{
    if (!m_shownId || m_shownId->isEmpty())
        return {}; // the embedded broker is not a saved profile
    client::ConnectionProfile profile = m_editor->profile();
    if (profile.name.isEmpty())
        profile.name = profile.displayName();
    setDirty(false);
    const QString id = m_store.save(profile);
    m_passwords.insert(id, profile.password);
    if (id != profile.id) {
        profile.id = id;
        m_editor->setProfile(profile);
    }
    m_shownId = id;
    rebuildList(selectedId());
    showStatus(tr("Saved “%1”.").arg(profile.displayName()), false);
    return id;
}

void ConnectionsDialog::addProfile()
{
    if (m_dirty)
        saveCurrent();
    client::ConnectionProfile profile;
    profile.name = tr("New connection");
    const QString id = m_store.save(profile);
    m_passwords.insert(id, QString());
    rebuildList(id);
    showStatus(tr("Added a new connection: fill in its host and save."), false);
}

void ConnectionsDialog::duplicateCurrent()
{
    if (isEmbeddedSelected())
        return;
    client::ConnectionProfile copy = m_editor->profile();
    copy.id.clear();
    copy.name = tr("%1 (copy)").arg(copy.displayName());
    if (m_dirty)
        saveCurrent();
    const QString id = m_store.save(copy);
    m_passwords.insert(id, copy.password);
    rebuildList(id);
    showStatus(tr("Duplicated as “%1”.").arg(copy.name), false);
}

void ConnectionsDialog::deleteCurrent()
{
    if (isEmbeddedSelected())
        return;
    const QString id = selectedId();
    const QString name = m_editor->profile().displayName();
    auto* box = new QMessageBox(QMessageBox::Question, tr("Delete connection"),
                                tr("Delete “%1”? Its saved password is removed too.").arg(name),
                                QMessageBox::Yes | QMessageBox::No, this);
    box->setObjectName(u"confirmDeleteBox"_s);
    box->setDefaultButton(QMessageBox::No);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::buttonClicked, this, [this, box, id, name](QAbstractButton* button) {
        if (box->standardButton(button) != QMessageBox::Yes)
            return;
        setDirty(false);
        m_store.remove(id);
        m_passwords.remove(id);
        rebuildList({});
        showStatus(tr("Deleted “%1”.").arg(name), false);
    });
    box->open();
}

void ConnectionsDialog::connectToCurrent()
{
    if (const QString why = m_editor->problem(); !why.isEmpty()) {
        showStatus(why, true);
        return;
    }
    if (m_dirty)
        saveCurrent();
    emit connectRequested(m_editor->profile());
    accept();
}

void ConnectionsDialog::rebuildList(const QString& selectId)
{
    m_rebuilding = true;
    m_list->clear();
    auto* embedded = new QListWidgetItem(m_embedded.name + u'\n' + tr("built into Brokerscope"));
    embedded->setData(kIdRole, QString());
    embedded->setData(kEmbeddedRole, true);
    QFont bold = embedded->font();
    bold.setBold(true);
    embedded->setFont(bold);
    m_list->addItem(embedded);
    int selectRow = 0;
    for (const client::ConnectionProfile& profile : m_store.profiles()) {
        auto* item = new QListWidgetItem(profile.displayName() + u'\n' + profile.serverUri());
        item->setData(kIdRole, profile.id);
        item->setData(kEmbeddedRole, false);
        item->setToolTip(profile.serverUri());
        m_list->addItem(item);
        if (profile.id == selectId)
            selectRow = m_list->count() - 1;
    }
    m_list->setCurrentRow(selectRow);
    m_rebuilding = false;
    if (m_shownId != selectedId())
        showSelected(); // else the editor keeps what is being typed
}

void ConnectionsDialog::showSelected()
{
    const bool embedded = isEmbeddedSelected();
    const QString id = selectedId();
    m_shownId = id;
    setDirty(false);
    client::ConnectionProfile profile = m_embedded;
    if (!embedded) {
        profile = m_store.profile(id).value_or(client::ConnectionProfile{});
        profile.password = m_passwords.value(id, profile.password); // else what the store knows
    }
    m_editor->setProfile(profile);
    m_editor->setReadOnly(embedded);
    m_duplicate->setEnabled(!embedded);
    m_delete->setEnabled(!embedded);
    if (!embedded && !m_passwords.contains(id))
        m_store.loadPassword(id);
}

QString ConnectionsDialog::selectedId() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return item ? item->data(kIdRole).toString() : QString();
}

bool ConnectionsDialog::isEmbeddedSelected() const
{
    const QListWidgetItem* item = m_list->currentItem();
    return !item || item->data(kEmbeddedRole).toBool();
}

void ConnectionsDialog::setDirty(bool dirty)
{
    m_dirty = dirty;
    m_save->setEnabled(dirty);
    m_revert->setEnabled(dirty);
}

void ConnectionsDialog::showStatus(const QString& text, bool warning)
{
    m_status->setText(text);
    m_status->setStyleSheet(warning ? u"color: #b00020; font-weight: bold;"_s : QString());
}

} // namespace bs::ui
