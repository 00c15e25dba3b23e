#pragma once
// One payload, four ways to look at it: Text, JSON (formatted text + tree), Hex, Image.
// The view is picked from the payload's PayloadKind when a payload is set; the user can
// switch with the "View" combo box. A view is filled only when first shown for a payload,
// so a 100 MB binary payload costs nothing in the Text or JSON views until asked for.

#include "models/payload/PayloadKind.h"
#include "ui/payload/PayloadView.h"

#include <QByteArray>
#include <QWidget>
#include <array>

class QComboBox;
class QLabel;
class QStackedWidget;

namespace bs::ui {

class HexView;
class ImagePayloadView;
class JsonPayloadView;
class TextPayloadView;

class PayloadViewer : public QWidget
{
    Q_OBJECT
public:
    explicit PayloadViewer(QWidget* parent = nullptr);

    void setPayload(const QByteArray& payload, const bs::models::PayloadDetection& detection);
    void setMessage(const bs::client::MqttMessage& message);
    void clear();

    const QByteArray& payload() const { return m_payload; }
    bs::models::PayloadKind detectedKind() const { return m_detection.kind; }
    PayloadView currentView() const { return m_currentView; }
    void setCurrentView(PayloadView view);

    QComboBox* viewSelector() const { return m_selector; }
    TextPayloadView* textView() const { return m_text; }
    JsonPayloadView* jsonView() const { return m_json; }
    HexView* hexView() const { return m_hex; }
    ImagePayloadView* imageView() const { return m_image; }
    QString summary() const;

signals:
    void currentViewChanged(bs::ui::PayloadView view);

private:
    void ensureFilled(PayloadView view);
    void updateSummary();

    QByteArray m_payload;
    bs::models::PayloadDetection m_detection;
    PayloadView m_currentView = PayloadView::Text;
    std::array<bool, PayloadViewCount> m_filled{};

    QComboBox* m_selector;
    QLabel* m_summary;
    QStackedWidget* m_stack;
    TextPayloadView* m_text;
    JsonPayloadView* m_json;
    HexView* m_hex;
    ImagePayloadView* m_image;
};

} // namespace bs::ui
