#include "ui/payload/TextPayloadView.h"

#include "models/payload/PayloadPreview.h"
#include "models/payload/Utf8Scan.h"
#include "ui/payload/ControlEscapeHighlighter.h"

#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QVBoxLayout>

#include <algorithm>

namespace bs::ui {

namespace {

QLabel* makeNoteLabel(QWidget* parent)
{
    auto* label = new QLabel(parent);
    label->setWordWrap(true);
    label->setTextFormat(Qt::PlainText);
    label->setTextInteractionFlags(Qt::TextSelectableByMouse);
    label->setContentsMargins(6, 3, 6, 3);
    label->setAutoFillBackground(true);
    QPalette palette = label->palette();
    palette.setColor(QPalette::Window, QColor(0xff, 0xf4, 0xd6));
    palette.setColor(QPalette::WindowText, QColor(0x5c, 0x45, 0x00));
    label->setPalette(palette);
    label->hide();
    return label;
}

} // namespace

TextPayloadView::TextPayloadView(QWidget* parent)
    : QWidget(parent)
    , m_notice(makeNoteLabel(this))
    , m_displayNote(makeNoteLabel(this))
    , m_capBar(new QWidget(this))
    , m_capLabel(new QLabel(m_capBar))
    , m_showAllButton(new QPushButton(m_capBar))
    , m_editor(new QPlainTextEdit(this))
    , m_controlHighlighter(new ControlEscapeHighlighter(this))
{
    m_editor->setReadOnly(true);
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setPlaceholderText(tr("(empty payload)"));
    m_editor->setUndoRedoEnabled(false);

    auto* capLayout = new QHBoxLayout(m_capBar);
    capLayout->setContentsMargins(6, 2, 6, 2);
    capLayout->addWidget(m_capLabel, 1);
    capLayout->addWidget(m_showAllButton);
    m_capBar->setAutoFillBackground(true);
    m_capBar->setPalette(m_notice->palette());
    m_capBar->hide();
    connect(m_showAllButton, &QPushButton::clicked, this, &TextPayloadView::showAll);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(0);
    layout->addWidget(m_notice);
    layout->addWidget(m_displayNote);
    layout->addWidget(m_capBar);
    layout->addWidget(m_editor, 1);
}

void TextPayloadView::setPayload(const QByteArray& bytes)
{
    m_payload = bytes;
    fill(m_displayLimit);
}

void TextPayloadView::clear()
{
    m_payload.clear();
    setNotice({});
    fill(0);
}

void TextPayloadView::showAll()
{
    if (isCapped())
        fill(m_payload.size());
}

void TextPayloadView::setNotice(const QString& notice)
{
    m_notice->setText(notice);
    m_notice->setVisible(!notice.isEmpty());
}

QString TextPayloadView::notice() const
{
    return m_notice->text();
}

QString TextPayloadView::displayNote() const
{
    return m_displayNote->isVisibleTo(this) ? m_displayNote->text() : QString();
}

void TextPayloadView::fill(qsizetype bytes)
{
    using namespace bs::models;
    const QByteArrayView all(m_payload);
    m_shownBytes = utf8BoundaryAtOrBefore(all, bytes);
    const QByteArrayView shown = all.first(m_shownBytes);
    // The scan stops at the first invalid byte, so count control characters separately.
    const Utf8Scan scan = scanUtf8(shown, isCapped() ? Utf8Tail::MayBeTruncated : Utf8Tail::MustBeComplete);
    const bool hasControls = std::any_of(shown.begin(), shown.end(), [](char c) {
        const auto byte = static_cast<unsigned char>(c);
        return byte == 0x7F || (byte < 0x20 && byte != '\t' && byte != '\n' && byte != '\r');
    });
    m_controlHighlighter->setDocument(hasControls ? m_editor->document() : nullptr);
    QString text = safeText(shown);
    const qsizetype brokenLines = breakLongLines(text, MaxDisplayLineChars);
    m_editor->setPlainText(text);

    QStringList notes;
    if (!scan.valid)
        notes << tr("Not valid UTF-8 (first bad byte at offset %1): bad bytes are shown as \uFFFD.")
                     .arg(scan.invalidAt);
    if (hasControls)
        notes << tr("Control characters are shown as highlighted escapes such as \\x00.");
    if (!notes.isEmpty())
        notes << tr("The Hex view shows the exact bytes.");
    if (brokenLines > 0) {
        const QString breaks =
            (brokenLines == 1
                 ? tr("1 line longer than %1 characters is shown broken into several lines;")
                       .arg(MaxDisplayLineChars)
                 : tr("%1 lines longer than %2 characters are shown broken into several lines;")
                       .arg(brokenLines)
                       .arg(MaxDisplayLineChars))
            + tr(" Copy payload copies the exact bytes.");
        notes << breaks;
    }
    const QString note = notes.join(u' ');
    m_displayNote->setText(note);
    m_displayNote->setVisible(!note.isEmpty());

    if (isCapped()) {
        m_capLabel->setText(tr("Showing the first %1 of %2.")
                                .arg(formatByteSize(m_shownBytes), formatByteSize(m_payload.size())));
        m_showAllButton->setText(tr("Show all (%1)").arg(formatByteSize(m_payload.size())));
        m_showAllButton->setToolTip(tr("Load the whole payload into this view. Very large "
                                       "payloads take a while; the Hex view shows any part at once."));
    }
    m_capBar->setVisible(isCapped());
}

} // namespace bs::ui
