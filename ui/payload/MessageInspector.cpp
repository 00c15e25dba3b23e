#include "ui/payload/MessageInspector.h"

#include "models/payload/PayloadKind.h"
#include "models/payload/PayloadPreview.h"
#include "models/payload/Utf8Scan.h"
#include "ui/payload/DiffView.h"
#include "ui/payload/PayloadViewer.h"
#include "ui/payload/PropertiesView.h"

#include <QAction>
#include <QApplication>
#include <QClipboard>
#include <QDir>
#include <QFileDialog>
#include <QHBoxLayout>
#include <QLabel>
#include <QMimeData>
#include <QSaveFile>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QToolButton>
#include <QVBoxLayout>

using namespace Qt::StringLiterals;

namespace bs::ui {

namespace {

QToolButton* toolButtonFor(QAction* action, QWidget* parent)
{
    auto* button = new QToolButton(parent);
    button->setDefaultAction(action);
    button->setToolButtonStyle(Qt::ToolButtonTextOnly);
    button->setAutoRaise(false);
    return button;
}

/// Binary payloads up to this size also go to the clipboard as hex text.
constexpr qsizetype HexClipboardLimit = 1024 * 1024;

} // namespace

MessageInspector::MessageInspector(QWidget* parent)
    : QWidget(parent)
    , m_topic(new QLabel(this))
    , m_status(new QLabel(this))
    , m_pages(new QStackedWidget(this))
    , m_tabs(new QTabWidget(this))
    , m_payload(new PayloadViewer(this))
    , m_diff(new DiffView(this))
    , m_properties(new PropertiesView(this))
    , m_copyAction(new QAction(tr("&Copy payload"), this))
    , m_saveAction(new QAction(tr("&Save payload…"), this))
    , m_republishAction(new QAction(tr("&Edit and republish…"), this))
{
    m_copyAction->setToolTip(tr("Copy the payload to the clipboard"));
    m_saveAction->setToolTip(tr("Save the payload's bytes to a file"));
    m_saveAction->setShortcut(QKeySequence::Save);
    m_saveAction->setShortcutContext(Qt::WidgetWithChildrenShortcut);
    m_republishAction->setToolTip(tr("Open this message in the publisher to edit and send it again"));
    addAction(m_saveAction);
    connect(m_copyAction, &QAction::triggered, this, &MessageInspector::copyPayload);
    connect(m_saveAction, &QAction::triggered, this, &MessageInspector::savePayload);
    connect(m_republishAction, &QAction::triggered, this, [this] {
        if (m_current)
            emit republishRequested(*m_current);
    });

    QFont topicFont = m_topic->font();
    topicFont.setBold(true);
    m_topic->setFont(topicFont);
    m_topic->setTextFormat(Qt::PlainText);
    m_topic->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_topic->setMinimumWidth(80);
    m_topic->setSizePolicy(QSizePolicy::Ignored, QSizePolicy::Preferred);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    bar->addWidget(m_topic, 1);
    bar->addWidget(toolButtonFor(m_copyAction, this));
    bar->addWidget(toolButtonFor(m_saveAction, this));
    bar->addWidget(toolButtonFor(m_republishAction, this));

    m_tabs->addTab(m_payload, tr("Payload"));
    m_tabs->addTab(m_diff, tr("Diff with previous"));
    m_tabs->setDocumentMode(true);
    connect(m_diff, &DiffView::summaryChanged, this, [this](const QString& summary) {
        m_tabs->setTabText(m_tabs->indexOf(m_diff), tr("Diff with previous (%1)").arg(summary));
    });

    auto* splitter = new QSplitter(Qt::Horizontal, this);
    splitter->addWidget(m_tabs);
    splitter->addWidget(m_properties);
    splitter->setStretchFactor(0, 3);
    splitter->setStretchFactor(1, 1);
    splitter->setChildrenCollapsible(false);
    m_properties->setMinimumWidth(240);
    splitter->setSizes({900, 380}); // scaled to the real width when first shown

    auto* placeholder = new QLabel(tr("Select a message to inspect it."), this);
    placeholder->setAlignment(Qt::AlignCenter);
    QPalette palette = placeholder->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    placeholder->setPalette(palette);
    m_pages->addWidget(placeholder);
    m_pages->addWidget(splitter);

    m_status->setTextFormat(Qt::PlainText);
    m_status->setContentsMargins(2, 0, 2, 0);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_pages, 1);
    layout->addWidget(m_status);
    clear();
}

void MessageInspector::setMessage(bs::client::MqttMessagePtr current, bs::client::MqttMessagePtr previous)
{
    if (!current) {
        clear();
        return;
    }
    m_current = std::move(current);
    m_topic->setText(bs::models::oneLineText(m_current->topic));
    m_topic->setToolTip(m_topic->text());
    m_payload->setMessage(*m_current);
    m_properties->setMessage(*m_current);
    m_tabs->setTabText(m_tabs->indexOf(m_diff), tr("Diff with previous"));
    m_diff->setMessages(m_current, std::move(previous));
    m_pages->setCurrentIndex(1);
    setStatus({});
    updateActions();
}

void MessageInspector::clear()
{
    m_current.reset();
    m_topic->setText(tr("No message selected"));
    m_topic->setToolTip({});
    m_payload->clear();
    m_properties->clearMessage();
    m_diff->clear();
    m_pages->setCurrentIndex(0);
    setStatus({});
    updateActions();
}

QString MessageInspector::statusText() const
{
    return m_status->text();
}

void MessageInspector::setStatus(const QString& text, bool error)
{
    QPalette palette = m_status->palette();
    palette.setColor(QPalette::WindowText, error ? QColor(0xa0, 0x10, 0x20) : QApplication::palette().color(QPalette::WindowText));
    m_status->setPalette(palette);
    m_status->setText(text);
    m_status->setVisible(!text.isEmpty());
}

void MessageInspector::updateActions()
{
    const bool hasMessage = m_current != nullptr;
    m_copyAction->setEnabled(hasMessage);
    m_saveAction->setEnabled(hasMessage);
    m_republishAction->setEnabled(hasMessage);
}

void MessageInspector::copyPayload()
{
    if (!m_current)
        return;
    const QByteArray& payload = m_current->payload;
    const QString size = bs::models::formatByteSize(payload.size());
    if (bs::models::scanUtf8(payload).valid) {
        QApplication::clipboard()->setText(QString::fromUtf8(payload));
        setStatus(tr("Copied the payload (%1) as text.").arg(size));
        return;
    }
    // Not text: the exact bytes as application/octet-stream, plus hex for text editors.
    auto* mime = new QMimeData;
    mime->setData(u"application/octet-stream"_s, payload);
    if (payload.size() <= HexClipboardLimit) {
        mime->setText(bs::models::hexBytes(payload, payload.size()));
        setStatus(tr("Copied the payload (%1) as binary data and as hex text.").arg(size));
    } else {
        setStatus(tr("Copied the payload (%1) as binary data (too large to copy as hex text).").arg(size));
    }
    QApplication::clipboard()->setMimeData(mime);
}

QString MessageInspector::suggestedFileName(const bs::client::MqttMessage& message)
{
    QString base = message.topic.section(u'/', -1, -1, QString::SectionSkipEmpty);
    static const QString forbidden = u"\\/:*?\"<>|"_s;
    for (QChar& c : base) {
        if (c.unicode() < 0x20 || forbidden.contains(c))
            c = u'_';
    }
    if (base.isEmpty() || base.startsWith(u'.'))
        base.prepend(u"payload"_s);
    using bs::models::PayloadKind;
    QString extension = u"bin"_s;
    switch (bs::models::detectPayloadKind(message).kind) {
    case PayloadKind::Json: extension = u"json"_s; break;
    case PayloadKind::Text: extension = u"txt"_s; break;
    case PayloadKind::Image:
        extension = bs::models::sniffImageFormat(message.payload) == "jpeg"_ba ? u"jpg"_s : u"png"_s;
        break;
    case PayloadKind::Binary: break;
    }
    return base + u'.' + extension;
}

void MessageInspector::savePayload()
{
    if (!m_current)
        return;
    auto* dialog = new QFileDialog(this, tr("Save payload"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setAcceptMode(QFileDialog::AcceptSave);
    dialog->setFileMode(QFileDialog::AnyFile);
    dialog->setDirectory(QDir::homePath());
    dialog->selectFile(suggestedFileName(*m_current));
    // The message to save is the one shown when the dialog opened, whatever is selected later.
    const bs::client::MqttMessagePtr message = m_current;
    connect(dialog, &QFileDialog::fileSelected, this,
            [this, message](const QString& path) { writePayload(path, message->payload); });
    dialog->open();
}

void MessageInspector::writePayload(const QString& path, const QByteArray& payload)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly)) {
        setStatus(tr("Could not save to %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return;
    }
    if (file.write(payload) != payload.size() || !file.commit()) {
        setStatus(tr("Could not save to %1: %2").arg(QDir::toNativeSeparators(path), file.errorString()), true);
        return;
    }
    setStatus(tr("Saved %1 to %2.").arg(bs::models::formatByteSize(payload.size()), QDir::toNativeSeparators(path)));
}

} // namespace bs::ui
