#include "ui/dialogs/PayloadEditor.h"

#include "ui/dialogs/CorrelationDataText.h"

#include <QComboBox>
#include <QFontDatabase>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QStringDecoder>
#include <QTextBlock>
#include <QVBoxLayout>

namespace bs::ui {

using namespace Qt::StringLiterals;

namespace {

constexpr int kCheckDelayMs = 200;
constexpr qsizetype kPreviewBytes = 64 * 1024;

bool isValidUtf8(const QByteArray& bytes)
{
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    const QString decoded = decoder(bytes);
    Q_UNUSED(decoded);
    return !decoder.hasError();
}

QString sizeText(qsizetype bytes)
{
    if (bytes < 1024)
        return PayloadEditor::tr("%1 bytes").arg(bytes);
    return QLocale().formattedDataSize(bytes, 1, QLocale::DataSizeTraditionalFormat);
}

} // namespace

PayloadEditor::PayloadEditor(QWidget* parent)
    : QWidget(parent)
    , m_modeBox(new QComboBox(this))
    , m_editor(new QPlainTextEdit(this))
    , m_status(new QLabel(this))
    , m_editKept(new QPushButton(tr("Edit"), this))
{
    m_modeBox->setObjectName(u"payloadMode"_s);
    m_editor->setObjectName(u"payloadEdit"_s);
    m_status->setObjectName(u"payloadStatus"_s);
    m_editKept->setObjectName(u"editKeptPayload"_s);

    m_modeBox->addItem(tr("Text (UTF-8)"));
    m_modeBox->addItem(tr("Hex"));
    m_editor->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
    m_editor->setTabChangesFocus(true);
    m_editor->setPlaceholderText(tr("Payload (empty is allowed)"));
    m_editor->setMinimumHeight(120);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setWordWrap(true);
    m_editKept->setAutoDefault(false);
    m_editKept->hide();

    auto* bottom = new QHBoxLayout;
    bottom->addWidget(m_status, 1);
    bottom->addWidget(m_editKept);
    bottom->addWidget(new QLabel(tr("Edit as:"), this));
    bottom->addWidget(m_modeBox);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(m_editor, 1);
    layout->addLayout(bottom);

    m_checkTimer.setSingleShot(true);
    m_checkTimer.setInterval(kCheckDelayMs);
    connect(&m_checkTimer, &QTimer::timeout, this, &PayloadEditor::check);
    connect(m_editor, &QPlainTextEdit::textChanged, this, &PayloadEditor::onEdited);
    connect(m_editKept, &QPushButton::clicked, this, &PayloadEditor::editKeptPayload);
    connect(m_modeBox, &QComboBox::activated, this, [this](int index) {
        if (!setMode(index == 0 ? Mode::Text : Mode::Hex))
            m_modeBox->setCurrentIndex(m_mode == Mode::Text ? 0 : 1);
    });
    check();
}

std::optional<QByteArray> PayloadEditor::payload(QString* error) const
{
    if (m_kept)
        return *m_kept;
    const QString text = m_editor->toPlainText();
    if (m_mode == Mode::Text)
        return text.toUtf8();
    QString hexError;
    auto bytes = parseHexBytes(text, &hexError);
    if (!bytes && error)
        *error = tr("Payload is not hex: %1").arg(hexError);
    return bytes;
}

void PayloadEditor::setPayload(const QByteArray& payload)
{
    m_kept.reset();
    m_editKept->hide();
    m_editor->setReadOnly(false);
    m_modeBox->setEnabled(true);
    if (payload.size() > kLargePayload) {
        keepLargePayload(payload);
    } else {
        m_loading = true;
        const bool text = isPrintableUtf8(payload);
        m_mode = text ? Mode::Text : Mode::Hex;
        m_modeBox->setCurrentIndex(text ? 0 : 1);
        m_editor->setPlainText(text ? QString::fromUtf8(payload) : formatHexBytes(payload));
        m_loading = false;
    }
    check();
    emit payloadChanged();
}

bool PayloadEditor::setMode(Mode mode)
{
    if (mode == m_mode)
        return true;
    if (m_kept) {
        showStatus(tr("Edit the payload first to change how it is shown."), true);
        return false;
    }
    QString error;
    const auto bytes = payload(&error);
    if (!bytes) {
        showStatus(error + tr(" — fix it to switch to text."), true);
        return false;
    }
    if (mode == Mode::Text && !isValidUtf8(*bytes)) {
        showStatus(tr("These bytes are not UTF-8 text; they stay in hex so nothing changes."), true);
        return false;
    }
    m_loading = true;
    m_mode = mode;
    m_modeBox->setCurrentIndex(mode == Mode::Text ? 0 : 1);
    m_editor->setPlainText(mode == Mode::Text ? QString::fromUtf8(*bytes) : formatHexBytes(*bytes));
    m_loading = false;
    check();
    return true;
}

void PayloadEditor::setContentType(const QString& contentType)
{
    if (contentType == m_contentType)
        return;
    m_contentType = contentType;
    m_checkTimer.start();
}

std::optional<JsonProblem> PayloadEditor::jsonProblem()
{
    if (m_checkTimer.isActive()) {
        m_checkTimer.stop();
        check();
    }
    return m_problem;
}

void PayloadEditor::onEdited()
{
    if (m_loading)
        return;
    m_checkTimer.start();
    emit payloadChanged();
}

void PayloadEditor::check()
{
    m_problem.reset();
    m_editor->setExtraSelections({});
    QString error;
    const auto bytes = payload(&error);
    if (!bytes) {
        showStatus(error, true);
        return;
    }
    QString size = bytes->size() == 1 ? tr("1 byte") : sizeText(bytes->size());
    if (m_kept) {
        size = tr("%1 payload kept as it is; the editor shows the first %2.")
                   .arg(sizeText(bytes->size()), sizeText(kPreviewBytes));
    }

    if (m_mode == Mode::Hex && !m_kept)
        size += isValidUtf8(*bytes) ? tr(" · as hex") : tr(" · binary (not UTF-8 text), as hex");

    const bool checkJson = looksLikeJson(*bytes) || contentTypeSaysJson(m_contentType);
    if (!checkJson) {
        showStatus(size, false);
        return;
    }
    m_problem = findJsonProblem(*bytes);
    if (!m_problem) {
        showStatus(size + tr(" · valid JSON"), false);
        return;
    }
    showStatus(tr("%1 · JSON: %2 (still sent as typed)").arg(size, m_problem->toString()), true);
    if (m_mode == Mode::Text && !m_kept) {
        QTextEdit::ExtraSelection mark;
        mark.cursor = QTextCursor(m_editor->document()->findBlockByNumber(m_problem->line - 1));
        mark.format.setBackground(QColor(255, 220, 220));
        mark.format.setProperty(QTextFormat::FullWidthSelection, true);
        m_editor->setExtraSelections({mark});
    }
}

void PayloadEditor::showStatus(const QString& text, bool warning)
{
    m_status->setText(text);
    m_status->setProperty("warning", warning);
    m_status->setStyleSheet(warning ? u"color: #b00020;"_s : QString());
}

void PayloadEditor::keepLargePayload(const QByteArray& payload)
{
    m_kept = payload;
    m_loading = true;
    const QByteArray preview = payload.left(kPreviewBytes);
    const bool text = isPrintableUtf8(payload);
    m_mode = text ? Mode::Text : Mode::Hex;
    m_modeBox->setCurrentIndex(text ? 0 : 1);
    m_editor->setPlainText((text ? QString::fromUtf8(preview) : formatHexBytes(preview))
                           + QStringLiteral("\n…"));
    m_loading = false;
    m_editor->setReadOnly(true);
    m_modeBox->setEnabled(false);
    m_editKept->show();
}

void PayloadEditor::editKeptPayload()
{
    if (!m_kept)
        return;
    const QByteArray payload = *m_kept;
    m_kept.reset();
    m_editKept->hide();
    m_editor->setReadOnly(false);
    m_modeBox->setEnabled(true);
    m_loading = true;
    const bool text = m_mode == Mode::Text;
    m_editor->setPlainText(text ? QString::fromUtf8(payload) : formatHexBytes(payload));
    m_loading = false;
    check();
}

} // namespace bs::ui
