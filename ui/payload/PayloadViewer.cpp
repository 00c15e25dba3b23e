#include "ui/payload/PayloadViewer.h"

#include "models/payload/PayloadPreview.h"
#include "ui/payload/HexView.h"
#include "ui/payload/ImagePayloadView.h"
#include "ui/payload/JsonPayloadView.h"
#include "ui/payload/TextPayloadView.h"

#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace bs::ui {

PayloadViewer::PayloadViewer(QWidget* parent)
    : QWidget(parent)
    , m_selector(new QComboBox(this))
    , m_summary(new QLabel(this))
    , m_stack(new QStackedWidget(this))
    , m_text(new TextPayloadView(this))
    , m_json(new JsonPayloadView(this))
    , m_hex(new HexView(this))
    , m_image(new ImagePayloadView(this))
{
    // Stack pages and combo entries follow PayloadView's order.
    for (int i = 0; i < PayloadViewCount; ++i)
        m_selector->addItem(displayName(PayloadView(i)), i);
    m_stack->addWidget(m_text);
    m_stack->addWidget(m_json);
    m_stack->addWidget(m_hex);
    m_stack->addWidget(m_image);
    m_selector->setToolTip(tr("How to show the payload (picked from its content; change it freely)"));

    m_summary->setTextFormat(Qt::PlainText);
    m_summary->setTextInteractionFlags(Qt::TextSelectableByMouse);
    QPalette palette = m_summary->palette();
    palette.setColor(QPalette::WindowText, palette.color(QPalette::PlaceholderText));
    m_summary->setPalette(palette);

    auto* bar = new QHBoxLayout;
    bar->setContentsMargins(0, 0, 0, 0);
    auto* viewLabel = new QLabel(tr("&View:"), this);
    viewLabel->setBuddy(m_selector);
    bar->addWidget(viewLabel);
    bar->addWidget(m_selector);
    bar->addSpacing(12);
    bar->addWidget(m_summary, 1);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->setSpacing(4);
    layout->addLayout(bar);
    layout->addWidget(m_stack, 1);

    connect(m_selector, &QComboBox::activated, this,
            [this](int index) { setCurrentView(PayloadView(m_selector->itemData(index).toInt())); });
    updateSummary();
}

void PayloadViewer::setPayload(const QByteArray& payload, const bs::models::PayloadDetection& detection)
{
    m_payload = payload;
    m_detection = detection;
    m_filled.fill(false);
    updateSummary();
    const PayloadView view = defaultViewFor(detection.kind);
    if (view == m_currentView) {
        ensureFilled(view);
        return;
    }
    setCurrentView(view);
}

void PayloadViewer::setMessage(const bs::client::MqttMessage& message)
{
    setPayload(message.payload, bs::models::detectPayloadKind(message));
}

void PayloadViewer::clear()
{
    m_payload.clear();
    m_detection = {};
    m_filled.fill(false);
    m_text->clear();
    m_json->clear();
    m_hex->clear();
    m_image->clear();
    m_summary->clear();
}

void PayloadViewer::setCurrentView(PayloadView view)
{
    ensureFilled(view);
    m_stack->setCurrentIndex(int(view));
    m_selector->setCurrentIndex(int(view));
    if (view == m_currentView)
        return;
    m_currentView = view;
    emit currentViewChanged(view);
}

void PayloadViewer::ensureFilled(PayloadView view)
{
    bool& filled = m_filled[size_t(view)];
    if (filled)
        return;
    filled = true;
    switch (view) {
    case PayloadView::Text: m_text->setPayload(m_payload); break;
    case PayloadView::Json: m_json->setPayload(m_payload); break;
    case PayloadView::Hex: m_hex->setPayload(m_payload); break;
    case PayloadView::Image: m_image->setPayload(m_payload); break;
    }
}

QString PayloadViewer::summary() const
{
    return m_summary->text();
}

void PayloadViewer::updateSummary()
{
    if (m_detection.reason.isEmpty()) {
        m_summary->clear();
        return;
    }
    m_summary->setText(tr("%1 · detected %2 (%3)")
                           .arg(bs::models::formatByteSize(m_payload.size()),
                                bs::models::displayName(m_detection.kind), m_detection.reason));
}

} // namespace bs::ui
