#pragma once
// The ways PayloadViewer can show a payload, and the one it picks for each PayloadKind.

#include "models/payload/PayloadKind.h"

#include <QString>

namespace bs::ui {

enum class PayloadView : quint8
{
    Text,
    Json,
    Hex,
    Image,
};

inline constexpr int PayloadViewCount = 4;

inline PayloadView defaultViewFor(bs::models::PayloadKind kind)
{
    switch (kind) {
    case bs::models::PayloadKind::Text: return PayloadView::Text;
    case bs::models::PayloadKind::Json: return PayloadView::Json;
    case bs::models::PayloadKind::Image: return PayloadView::Image;
    case bs::models::PayloadKind::Binary: return PayloadView::Hex;
    }
    return PayloadView::Hex;
}

inline QString displayName(PayloadView view)
{
    switch (view) {
    case PayloadView::Text: return QStringLiteral("Text");
    case PayloadView::Json: return QStringLiteral("JSON");
    case PayloadView::Hex: return QStringLiteral("Hex");
    case PayloadView::Image: return QStringLiteral("Image");
    }
    return {};
}

} // namespace bs::ui
